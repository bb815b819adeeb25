"""Two app processes (replicas) on one PostgreSQL, people signed in through OpenID Connect.

As in a clinic: two replicas of the app share one database and the same `[auth]` settings (a
load balancer with sticky sessions sends each browser to one of them). Here each replica has its
own port, and Streamlit binds its sign-in cookie to the redirect_uri's origin, so a person signs
in on each replica they use; behind one public address one sign-in serves all. What a person
saves through one replica is theirs through the other, never anyone else's; "Delete all my data"
removes every row of that person and nothing of anyone else (on SQLite: test_accounts.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rehab_core.database import open_engine
from rehab_core.diary import new_check_in
from rehab_core.store import SqlDiary
from tests.browser.account_steps import (
    delete_all_my_data,
    metric,
    open_progress,
    save_check_in,
    shows_no_check_ins,
    sign_in,
)
from tests.browser.harness import NewBrowserPage
from tests.fixtures.oidc import OidcProvider, running_account_app
from tests.fixtures.server import AppServer

pytestmark = pytest.mark.browser

BYSTANDER = "account:bystander"


def start_replicas(
    stack: ExitStack, provider: OidcProvider, tmp_path: Path, database_url: str, count: int
) -> list[AppServer]:
    """Start `count` account-mode app processes on one database at once; all stop with the stack."""
    env = {"BACK_IN_ACTION_DATABASE_URL": database_url}
    folders = [tmp_path / f"replica-{number}" for number in range(count)]
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(count) as pool:
        started = [
            pool.submit(stack.enter_context, running_account_app(provider, folder, env=env))
            for folder in folders
        ]
    return [future.result() for future in started]


@pytest.fixture
def diary_rows() -> Iterator[list[SqlDiary]]:
    """Direct access to the databases the apps use, to seed and count rows; engines closed after."""
    opened: list[SqlDiary] = []
    yield opened
    for diary in opened:
        diary.engine.dispose()


def seed_bystander(diaries: list[SqlDiary], database_url: str) -> SqlDiary:
    """Someone else's diary in the same database, which must survive whatever the test does."""
    diary = SqlDiary(open_engine(database_url))
    diaries.append(diary)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    diary.import_check_ins(
        BYSTANDER, [new_check_in(BYSTANDER, start + timedelta(days=day), 4) for day in range(3)]
    )
    return diary


@pytest.mark.postgres
def test_two_replicas_on_postgresql_share_each_persons_diary_and_nobody_elses(
    postgres_url: str,
    oidc_provider: OidcProvider,
    new_browser_page: NewBrowserPage,
    tmp_path: Path,
    diary_rows: list[SqlDiary],
) -> None:
    bystander = seed_bystander(diary_rows, postgres_url)
    with ExitStack() as stack:
        first, second = start_replicas(stack, oidc_provider, tmp_path, postgres_url, 2)
        alice, bob = new_browser_page(), new_browser_page()

        sign_in(alice, first, oidc_provider, "alice")
        save_check_in(alice, first, 6, "Written through the first replica")
        # Sticky sessions may move a person to the other replica: signed in there, the diary is the same.
        sign_in(alice, second, oidc_provider, "alice")
        open_progress(alice, second)
        assert metric(alice.page, "Check-ins") == "1"
        assert metric(alice.page, "Pain, 7-day mean") == "6.0"

        sign_in(bob, second, oidc_provider, "bob")
        shows_no_check_ins(open_progress(bob, second))

        delete_all_my_data(alice, second)
        shows_no_check_ins(open_progress(alice, second))

    assert bystander.list("account:alice") == []
    assert len(bystander.list(BYSTANDER)) == 3
