"""A database that is briefly unavailable: the app keeps serving, says so, and loses nothing."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.harness import WatchedPage, fill_check_in, open_app_page, wait_for_app
from tests.fixtures.server import AppServerFactory

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


class Switchboard:
    """A TCP relay in front of the real PostgreSQL server that can be unplugged and plugged back."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.up.set()
        self.open_sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()  # the database "is down": refuse at once
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open_sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()

    def unplug(self) -> None:
        self.up.clear()
        with self.lock:
            for connection in self.open_sockets:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            self.open_sockets.clear()

    def plug_in(self) -> None:
        self.up.set()

    def close(self) -> None:
        self.unplug()
        self.listener.close()


@pytest.fixture
def switchboard(postgresql_server: tuple[str, int]) -> Iterator[Switchboard]:
    board = Switchboard(postgresql_server)
    yield board
    board.close()


def test_the_app_keeps_serving_while_the_database_is_away_and_nothing_is_lost(
    app_server: AppServerFactory, switchboard: Switchboard, postgres_url: str, browser_page: WatchedPage
) -> None:
    database = postgres_url.rsplit("/", 1)[1]
    server = app_server(
        env={
            "BACK_IN_ACTION_DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{switchboard.port}/{database}",
            "BACK_IN_ACTION_STORAGE_MODE": "local",
        }
    )
    page = open_app_page(browser_page, server, "checkin")
    fill_check_in(page, 2)
    page.get_by_label("Note (optional)").fill("before the outage")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Saved: pain 2").wait_for()

    switchboard.unplug()
    page = open_app_page(browser_page, server, "progress")
    page.get_by_text("Try again in a moment").first.wait_for()
    page = open_app_page(browser_page, server, "spine")  # teaching pages need no database
    assert page.locator("h1").first.inner_text().strip() != ""

    # A check-in saved while the database is away: refused, and what was typed stays to save again.
    page = open_app_page(browser_page, server, "checkin")
    fill_check_in(page, 2)
    note = page.get_by_label("Note (optional)")
    note.fill("during the outage")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Try again in a moment").first.wait_for()
    expect(note).to_have_value("during the outage")

    switchboard.plug_in()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Saved: pain 2").wait_for()
    page = open_app_page(browser_page, server, "progress")
    wait_for_app(page)
    check_ins = page.get_by_test_id("stMetric").filter(has_text="Check-ins")
    assert check_ins.get_by_test_id("stMetricValue").inner_text().strip() == "2"
