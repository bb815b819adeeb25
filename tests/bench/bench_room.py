"""A live workshop room under load: 100 phones join over 30 s and take the assessment, a projector watching.

One server with the workshop settings of docs/deploy.md (session mode, the room in a SQLite file)
and, in the same run, the minimal app with the same phones sending the same number of taps.
Each phone (Streamlit's agent API) opens the room's join link, goes to Assess today and taps
through the safety check, its pain and the ten movements, reading 2 to 6 s between taps. The
projector is a real headless Chromium on the facilitator's link; its fragment re-reads the room
every few seconds. Results:
- the phones' p50 and p95 wait per tap (target: p95 under 1 s), and the minimal app's;
- the projector's update delay: for the k-th finished assessment, the time from the phone's
  last tap returning to the projector showing at least k finished (target: the worst under 5 s);
- counts lost: what the phones sent minus what the room holds (target: 0).

Every phone has a fixed number of taps and every pause is bounded, so the run ends by itself.
Run alone: `python -m tests.bench.bench_room`; `BENCH_QUICK=1` for 20 phones.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from rehab_core import movements, rooms
from rehab_core.database import open_engine
from rehab_core.pain_scale import rise_from
from rehab_core.room_store import RoomStore
from tests.bench.agent_client import (
    BACK_IN_ACTION,
    MINIMAL_APP,
    Timings,
    interact,
    open_session,
    percentile,
    quick_mode,
    rerun,
    run_users,
    serve,
)
from tests.bench.bench_pages import WORKSHOP_PACE
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS

PHONES = 20 if quick_mode() else 100
# The pace of bench_pages' workshop (already brisker than a room reads): everyone arrives within
# 30 s, then reads 2 to 6 s between taps.
ARRIVALS_S = WORKSHOP_PACE.arrivals_s
THINK_S = WORKSHOP_PACE.think_s
PROJECTOR_POLL_S = 0.2
PROJECTOR_VIEWPORT = {"width": 1280, "height": 800}
# After the last phone, the projector is watched this much longer at most for the last count.
LAST_COUNT_WAIT_S = 30.0
SESSION_MODE = {"BACK_IN_ACTION_STORAGE_MODE": "session"}
WORKSHOP_FLAGS: tuple[str, ...] = ("--server.disconnectedSessionTTL=120",)

P95_NAME = f"Room, {PHONES} phones: p95 of every tap"
DELAY_NAME = f"Room, {PHONES} phones: projector's worst update delay"
LOST_NAME = f"Room, {PHONES} phones: counts lost"
TARGETS: dict[str, float] = {P95_NAME: 1.0, DELAY_NAME: 5.0, LOST_NAME: 0.0}

# What the projector shows of the finished assessments: the room moves only in steps of
# rooms.MIN_ANSWERS and names no one sent to get care, so it says "Share of the N who finished with
# a plan" (N a multiple of the step), or that nothing shows yet (0); -1 while neither is drawn.
FINISHED_NOW = """() => {
    const card = [...document.querySelectorAll('[data-testid="stMetric"]')]
        .find(metric => metric.innerText.includes('Finished with a plan'));
    const value = card?.querySelector('[data-testid="stMetricValue"]')?.innerText;
    return value === undefined ? -1 : Number(value);
}"""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def phone_answers(number: int) -> tuple[int, dict[str, int]]:
    """Phone `number`'s pain and ratings: fixed by its number, so every run sends the same answers."""
    pick = random.Random(number)
    pain = pick.choice((2, 4, 5, 7, 9))
    # Each movement's pain while doing it, as the page asks it (the app keeps the rise above `pain`).
    ratings = (
        {movement.id: min(10, pain + pick.randint(0, 6)) for movement in movements()} if pain <= 8 else {}
    )
    return pain, ratings


Tap = Callable[[str], dict[str, object]]


def phone_taps(pain: int) -> list[dict[str, object]]:
    """The requests after the join up to the movements: Assess today, the safety check, the pain."""
    return [
        {"page": "assess"},
        {"trigger": {"key": "assess_safety_next"}},
        {"widget_state": {"assess_pain": pain}, "trigger": {"key": "assess_pain_next"}},
    ]


RATING_KEY = "rate_"


def rating_tap(snapshot: dict[str, object], ratings: dict[str, int]) -> dict[str, object] | None:
    """The next movement's rating, for the movement the page asks about now (the app picks the
    order); None once no movement is asked."""
    actions = snapshot.get("actions", [])
    keys = [str(action["key"]) for action in actions if str(action.get("key", "")).startswith(RATING_KEY)]  # type: ignore[union-attr]
    if not keys:
        return None
    movement_id = keys[0].removeprefix(RATING_KEY)
    return {"widget_state": {keys[0]: ratings[movement_id]}, "trigger": {"key": "assess_next"}}


def expected_counts(phones: int) -> Counter[str]:
    """What the room must hold once every phone has finished: the sum of what each one sent."""
    total: Counter[str] = Counter()
    for number in range(phones):
        pain, ratings = phone_answers(number)
        rises = {movement_id: rise_from(pain, during) for movement_id, during in ratings.items()}
        total.update(rooms.assessment_items((), pain, rises))
    return total


def run_phones(url: str, code: str, finished_at: list[float], lock: threading.Lock) -> Timings:
    def phone(number: int) -> Timings:
        pick = random.Random(1000 + number)
        timings = Timings()
        time.sleep(pick.uniform(0.0, ARRIVALS_S))
        opened = open_session(url, "join", {"code": [code]})
        timings.new_session.append(opened.seconds)
        pain, ratings = phone_answers(number)
        reply = opened
        for tap in phone_taps(pain):
            time.sleep(pick.uniform(*THINK_S))
            reply = interact(url, {"session_id": opened.session_id, **tap})
            timings.rerun.append(reply.seconds)
        for _ in ratings:
            rating = rating_tap(reply.snapshot, ratings)
            if rating is None:
                raise RuntimeError(f"phone {number}: the assessment asked for fewer movements than it has")
            time.sleep(pick.uniform(*THINK_S))
            reply = interact(url, {"session_id": opened.session_id, **rating})
            timings.rerun.append(reply.seconds)
        with lock:
            finished_at.append(time.monotonic())
        return timings

    return Timings.pooled(run_users(PHONES, phone))


def run_minimal(url: str, taps: int) -> Timings:
    """The same phones, pace and number of taps on the minimal app (its one page, rerun)."""

    def phone(number: int) -> Timings:
        pick = random.Random(1000 + number)
        timings = Timings()
        time.sleep(pick.uniform(0.0, ARRIVALS_S))
        opened = open_session(url)
        timings.new_session.append(opened.seconds)
        for _ in range(taps):
            time.sleep(pick.uniform(*THINK_S))
            timings.rerun.append(rerun(url, opened.session_id).seconds)
        return timings

    return Timings.pooled(run_users(PHONES, phone))


def update_delays(finished_at: list[float], seen: list[tuple[float, int]]) -> list[float]:
    """For each k-th finish that completes a step: seconds until the projector first showed at least k.

    The projector moves only in steps of rooms.MIN_ANSWERS (every phone here gets a plan), so
    only every MIN_ANSWERS-th finish has a moment it shows up; inf if it never did.
    """
    delays: list[float] = []
    for k, finished in enumerate(sorted(finished_at), start=1):
        if k % rooms.MIN_ANSWERS:
            continue
        shown = next((moment for moment, value in seen if value >= k and moment >= finished), None)
        delays.append(float("inf") if shown is None else shown - finished)
    return delays


def last_shown(phones: int) -> int:
    """The most the projector can show once every phone has finished with a plan."""
    return phones - phones % rooms.MIN_ANSWERS


def run() -> list[tuple[str, float, str]]:
    # Other work on the machine skews every figure: the load is reported beside them.
    rows: list[tuple[str, float, str]] = [("Load average (1 min) at start", os.getloadavg()[0], "runnable")]
    name = f"Room, {PHONES} phones"
    with tempfile.TemporaryDirectory(prefix="bench-room-") as folder:
        database = f"sqlite:///{Path(folder) / 'diary.sqlite3'}"
        env = {**SESSION_MODE, "BACK_IN_ACTION_DATABASE_URL": database}
        with (
            serve(MINIMAL_APP, flags=WORKSHOP_FLAGS, log_dir=Path(folder)) as minimal,
            serve(BACK_IN_ACTION, env=env, flags=WORKSHOP_FLAGS, log_dir=Path(folder)) as app,
        ):
            engine = open_engine(database)
            try:
                store = RoomStore(engine)
                opened = store.open_room(datetime.now(UTC), capacity=max(PHONES, rooms.DEFAULT_CAPACITY))
                # Warm: one visit to each page the phones use, so the figures are of a server in use.
                for page in ("join", "assess"):
                    rerun(app.url, open_session(app.url, page).session_id)
                rerun(minimal.url, open_session(minimal.url).session_id)
                finished_at: list[float] = []
                seen: list[tuple[float, int]] = []
                lock = threading.Lock()
                result: dict[str, Timings] = {}
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
                    try:
                        projector = browser.new_page(viewport=PROJECTOR_VIEWPORT)
                        link = rooms.facilitator_link(f"{app.url}/workshop", opened.code, opened.key)
                        projector.goto(link, wait_until="domcontentloaded")
                        projector.wait_for_function(f"({FINISHED_NOW})() === 0", timeout=60_000)
                        _log(f"  room {opened.code}: {PHONES} phones joining over {ARRIVALS_S:.0f} s ...")
                        phones = threading.Thread(
                            target=lambda: result.__setitem__(
                                "app", run_phones(app.url, opened.code, finished_at, lock)
                            )
                        )
                        phones.start()
                        deadline: float | None = None
                        while True:  # bounded: ends LAST_COUNT_WAIT_S after the phones, or at the last count
                            value = int(projector.evaluate(FINISHED_NOW))
                            seen.append((time.monotonic(), value))
                            if not phones.is_alive():
                                deadline = deadline or time.monotonic() + LAST_COUNT_WAIT_S
                                if (
                                    value >= PHONES - PHONES % rooms.MIN_ANSWERS
                                    or time.monotonic() > deadline
                                ):
                                    break
                            projector.wait_for_timeout(PROJECTOR_POLL_S * 1000)
                        phones.join()
                    finally:
                        browser.close()
                if "app" not in result:
                    raise RuntimeError("the phones did not finish (see the error above)")
                _log("  the same phones on the minimal app ...")
                taps_each = round(len(result["app"].rerun) / PHONES)
                bare = run_minimal(minimal.url, taps_each)
                room = store.room(opened.code, datetime.now(UTC))
                stored = Counter(store.counts(opened.code, 0).get(rooms.ASSESSMENT, {}))
            finally:
                engine.dispose()
    ours = result["app"].every_request
    delays = update_delays(finished_at, seen)
    sent = expected_counts(PHONES)
    lost = sum((sent - stored).values()) + sum((stored - sent).values())
    joined = room.joined if room is not None else 0
    rows += [
        (f"{name}: p50 of every tap", percentile(ours, 50), "s"),
        (P95_NAME, percentile(ours, 95), "s"),
        (f"{name}: minimal app p50", percentile(bare.every_request, 50), "s"),
        (f"{name}: minimal app p95", percentile(bare.every_request, 95), "s"),
        (f"{name}: taps", float(len(ours)), "requests"),
        (f"{name}: projector's median update delay", percentile(delays, 50), "s"),
        (DELAY_NAME, max(delays), "s"),
        (LOST_NAME, float(lost + abs(PHONES - joined)), "counts"),
    ]
    return rows


if __name__ == "__main__":
    from tests.bench.__main__ import main

    sys.exit(main(["--only", "room"]))
