"""Two app processes (replicas) on one PostgreSQL, people signed in through OpenID Connect.

As in a clinic: two replicas of the app share one database and the same `[auth]` settings (a
load balancer with sticky sessions sends each browser to one of them). Here each replica has its
own port, and Streamlit binds its sign-in cookie to the redirect_uri's origin, so a person signs
in on each replica they use; behind one public address one sign-in serves all. What a person
saves through one replica is theirs through the other, never anyone else's; "Delete all my data"
removes every row of that person and nothing of anyone else (on SQLite: test_accounts.py). And the
workshop room behind a real nginx with sticky sessions, phones landing on both replicas.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from rehab_core.database import open_engine
from rehab_core.diary import new_check_in
from rehab_core.rooms import MIN_ANSWERS
from rehab_core.store import SqlDiary
from tests.browser.account_steps import (
    delete_all_my_data,
    metric,
    open_progress,
    save_check_in,
    shows_no_check_ins,
    sign_in,
)
from tests.browser.harness import PHONE, NewBrowserPage
from tests.browser.test_workshop_room import (
    LIVE_UPDATE_TIMEOUT_MS,
    PROJECTOR,
    join_by_link,
    open_room,
    take_assessment,
    wait_for_metric,
)
from tests.fixtures.nginx import REPLICA_HEADER, Nginx, running_nginx
from tests.fixtures.oidc import OidcProvider, running_account_app
from tests.fixtures.server import AppServer, AppServerFactory

pytestmark = pytest.mark.browser

BYSTANDER = "account:bystander"
# Phones join through nginx until both replicas hold one; each lands on either at about even odds,
# so 12 phones on one replica alone is a 1 in 2,000 chance, and a sign that stickiness is broken.
MAX_PHONES = 12
REST_AND_ICE_PAIN = 9


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


@pytest.mark.postgres
def test_phones_reach_the_room_through_nginx_on_both_replicas_and_the_projector_sees_every_count(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, postgres_url: str
) -> None:
    """A real nginx (Debian's) in front of two replicas on one PostgreSQL, as docs/deploy.md sets up.

    Everyone uses nginx's one address. nginx's sticky cookie spreads the phones over both replicas
    (each answer names its replica); phones join until both replicas hold at least one, every
    phone takes the assessment, and the projector, on one replica, counts every phone.
    """
    env = {"BACK_IN_ACTION_STORAGE_MODE": "session", "BACK_IN_ACTION_DATABASE_URL": postgres_url}
    first, second = app_server(env=env), app_server(env=env)
    replicas = {f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"}
    with running_nginx([first.port, second.port]) as nginx:
        projector = new_browser_page(viewport=PROJECTOR)
        join_link, _ = open_room(projector, nginx)
        assert join_link.startswith(nginx.url), "the QR code sends the phones to nginx's address"
        screen = projector.page
        assert replica_of(screen, nginx) in replicas

        phones: list[tuple[Page, str]] = []
        # Until both replicas hold a phone, then to a multiple of 3 (the room shows counts in 3s).
        while {replica for _, replica in phones} != replicas or len(phones) % MIN_ANSWERS:
            assert len(phones) < MAX_PHONES, f"{MAX_PHONES} phones all reached {phones[0][1]}"
            page = join_by_link(new_browser_page(viewport=PHONE), join_link)
            phones.append((page, replica_of(page, nginx)))
            wait_for_metric(screen, "People in the room", str(len(phones)))
        for page, _ in phones:
            take_assessment(page, REST_AND_ICE_PAIN)  # the shortest way to a finished assessment
        expect(screen.get_by_text(f"Share of the {len(phones)} who finished with a plan")).to_be_visible(
            timeout=LIVE_UPDATE_TIMEOUT_MS
        )
        assert metric(screen, "People in the room") == str(len(phones))
        for page in [screen, *(page for page, _ in phones)]:
            page.context.close()  # before nginx stops, so no page logs a lost connection


def replica_of(page: Page, nginx: Nginx) -> str:
    """The replica nginx sends this browser to: a request with the page's own cookies, and its header."""
    answer = page.request.get(f"{nginx.url}/_stcore/health")
    assert answer.ok, f"nginx answered {answer.status}"
    return answer.headers[REPLICA_HEADER.lower()]
