"""Shared test set-up: each test gets its own content of caches, and fixture plugins by topic."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# Speed is measured by the benchmarks, never asserted by tests: no per-example deadline, which
# would only fail on a busy machine.
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")

pytest_plugins = [
    "tests.fixtures.apptest",
    "tests.fixtures.postgres",
    "tests.fixtures.server",
    "tests.fixtures.oidc",
    "tests.fixtures.repositories",
]


def pytest_configure(config: pytest.Config) -> None:
    # A timeout kills pytest with SIGTERM; raising KeyboardInterrupt lets session fixtures
    # (database servers, app servers) stop their processes instead of leaking them.
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


@pytest.fixture(autouse=True)
def _no_deploy_overrides(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Tests never read a developer's own overrides.
    import os

    for name in list(os.environ):
        if name.startswith("BACK_IN_ACTION_"):
            monkeypatch.delenv(name, raising=False)
    yield
