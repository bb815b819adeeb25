"""Memory soak: 50 diary files uploaded through the real app in session mode, valid and invalid.

One server (session mode, as a workshop runs it) and a real headless Chromium: each upload opens
My progress in a new tab (a new session, as another person would), opens "Import a diary file",
puts a file in the uploader and waits for the page to answer; a valid file is then imported. The
files take turns: a valid CSV of 200 to 2,000 check-ins, a valid JSON, a CSV with a wrong column,
a file of random bytes named .csv, and JSON that is cut short. The server's resident memory (RSS,
from /proc) is read after 10 uploads and after 50; the target is a rise of no more than 50 MB
between the two (issue 27, target 6: it rose from 246 to about 400 MB over 20 uploads before
uploads' memory was bounded). Tabs are closed after their upload, so their sessions end after
Streamlit's `server.disconnectedSessionTTL` (120 s, deploy.md), as in a real room.

Run alone: `python -m tests.bench.bench_soak`; `BENCH_QUICK=1` for 4 and 12 uploads.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from rehab_core.diary import new_check_in
from rehab_core.diary_files import to_csv, to_json
from tests.bench.agent_client import BACK_IN_ACTION, quick_mode, serve
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, wait_for_app

UPLOADS = 12 if quick_mode() else 50
FIRST_READING = 4 if quick_mode() else 10
SESSION_MODE = {"BACK_IN_ACTION_STORAGE_MODE": "session"}
FLAGS = ("--server.disconnectedSessionTTL=120",)
NAME = f"Soak, {UPLOADS} uploads in session mode"
RISE_NAME = f"{NAME}: memory rise from upload {FIRST_READING} to {UPLOADS}"
TARGETS: dict[str, float] = {RISE_NAME: 50.0}
IMPORT_OFFER = re.compile(r"^Import \d+ new check-ins?$")
ANSWER_TIMEOUT_MS = 60_000
KINDS = ("valid CSV", "valid JSON", "wrong column", "random bytes", "cut-short JSON")


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def upload_file(number: int) -> tuple[str, str, bytes, bool]:
    """Upload `number`'s file: (its kind, its name, its bytes, whether the app should accept it)."""
    pick = random.Random(number)
    kind = KINDS[number % len(KINDS)]
    start = datetime(2018, 1, 1, 8, 0, tzinfo=UTC)  # 2,000 days later is still in the past
    check_ins = [
        new_check_in("soak", start + timedelta(days=day), pick.randint(0, 10))
        for day in range(pick.randint(200, 2000))
    ]
    csv = to_csv(check_ins)
    if kind == "valid CSV":
        return kind, f"diary-{number}.csv", csv, True
    if kind == "valid JSON":
        return kind, f"diary-{number}.json", to_json(check_ins), True
    if kind == "wrong column":
        return kind, f"diary-{number}.csv", csv.replace(b",pain,", b",pian,", 1), False
    if kind == "random bytes":
        return kind, f"diary-{number}.csv", pick.randbytes(pick.randint(10_000, 500_000)), False
    return kind, f"diary-{number}.json", b'[{"id": "a", "pain": 3, "when": "2024-', False


def resident_mb(pid: int) -> float:
    """The process's resident memory now, in MB (10^6 bytes), from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(f"no VmRSS for process {pid}")


def upload_once(browser: Browser, url: str, number: int) -> bool:
    """One person's upload in a new tab; True when the app offered to import the file, and it did."""
    _, name, data, _ = upload_file(number)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(lambda address: not address.startswith("http://127.0.0.1"), lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(f"{url}/progress", wait_until="domcontentloaded")
        wait_for_app(page)
        page.get_by_text("Import a diary file").click()
        wait_for_app(page)
        page.locator("input[type=file]").set_input_files(
            {"name": name, "mimeType": "text/plain", "buffer": data}
        )
        # The page's answer: an offer to import, or a message (why it was refused). Waiting for
        # the run alone is not enough: the upload's run may not have started yet.
        box = page.get_by_test_id("stExpander").filter(has_text="Import a diary file")
        offer = box.get_by_role("button", name=IMPORT_OFFER)
        offer.or_(box.get_by_test_id("stAlert")).first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        wait_for_app(page)
        if offer.count() == 0:
            return False
        offer.click()
        page.get_by_text("Imported.").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        return True
    finally:
        context.close()


def run() -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-soak-") as folder,
        serve(BACK_IN_ACTION, env=SESSION_MODE, flags=FLAGS, log_dir=Path(folder)) as app,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            pid = app.process.pid
            rows.append((f"{NAME}: memory before the first", resident_mb(pid), "MB"))
            imported = 0
            readings: dict[int, float] = {}
            for number in range(1, UPLOADS + 1):
                imported += upload_once(browser, app.url, number)
                if number in (FIRST_READING, UPLOADS):
                    readings[number] = resident_mb(pid)
                    _log(f"  after {number} uploads: {readings[number]:.0f} MB")
        finally:
            browser.close()
    valid = sum(upload_file(number)[3] for number in range(1, UPLOADS + 1))
    if imported != valid:
        raise RuntimeError(
            f"{imported} files were imported, not the {valid} valid ones: the soak did not run as meant"
        )
    rows += [
        (f"{NAME}: memory after {FIRST_READING}", readings[FIRST_READING], "MB"),
        (f"{NAME}: memory after {UPLOADS}", readings[UPLOADS], "MB"),
        (RISE_NAME, readings[UPLOADS] - readings[FIRST_READING], "MB"),
        (f"{NAME}: files imported (the rest refused)", float(imported), "files"),
        (
            f"{NAME}: valid files among them",
            float(sum(upload_file(n)[3] for n in range(1, UPLOADS + 1))),
            "files",
        ),
    ]
    return rows


if __name__ == "__main__":
    from tests.bench.__main__ import main

    sys.exit(main(["--only", "soak"]))
