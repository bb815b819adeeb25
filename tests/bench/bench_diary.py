"""The diary at scale: importing 10,000 check-ins into SQLite, the worst files an upload can carry,
and the analytics over five years of a diary.

Run alone: `python -m tests.bench.bench_diary`.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rehab_core import movements
from rehab_core.analytics import daily_pain, movement_tolerance, to_frame, trend
from rehab_core.database import open_engine
from rehab_core.diary import CheckIn, new_check_in
from rehab_core.diary_files import parse_import, to_csv, to_json
from rehab_core.store import SqlDiary
from tests.hostile_imports import WORST_FILES, measure

SECONDS = "s"
MEBIBYTES = "MiB"
IMPORT_ROWS = 10_000
FIVE_YEARS_DAYS = 5 * 365
CHECK_INS_PER_DAY = 3


def worst_file_row(name: str, measured: str) -> str:
    """The result name of one worst file's "seconds" or "peak memory growth"."""
    return f"worst upload, {name}: {measured}"


TARGETS = {
    "import 10,000 check-ins from CSV into SQLite": 1.0,
    "import 10,000 check-ins from JSON into SQLite": 1.0,
    # The bounds tests/test_diary_import_limits.py holds every worst file to.
    **{worst_file_row(name, "seconds"): 20.0 for name in WORST_FILES},
    **{worst_file_row(name, "peak memory growth"): 100.0 for name in WORST_FILES},
}


def synthetic_diary(count: int, per_day: int = CHECK_INS_PER_DAY, seed: int = 7) -> list[CheckIn]:
    """A repeatable diary: per_day check-ins a day, movements rated at the first one, short notes."""
    generator = random.Random(seed)
    ids = [movement.id for movement in movements()]
    # Long past, so even the largest diary ends before today: an import refuses the future.
    start = datetime(2000, 1, 1, 8, tzinfo=UTC)
    diary: list[CheckIn] = []
    for number in range(count):
        day, slot = divmod(number, per_day)
        ratings = {movement_id: generator.randint(0, 10) for movement_id in ids} if slot == 0 else {}
        diary.append(
            new_check_in(
                "bench",
                start + timedelta(days=day, hours=5 * slot),
                generator.randint(0, 10),
                movement_pain=ratings,
                sessions_done=min(slot + 1, 3),
                ice=generator.random() < 0.5,
                heat=generator.random() < 0.3,
                note=generator.choice(["", "Stiff this morning.", "=Walked 2 km, felt fine", "Slept well."]),
                id=f"{generator.getrandbits(128):032x}",
            )
        )
    return diary


def best_of(runs: int, setup: Callable[[], object], measured: Callable[[object], object]) -> float:
    """The fastest of several runs of measured(setup()), timing only measured."""
    times: list[float] = []
    for _ in range(runs):
        prepared = setup()
        began = time.perf_counter()
        measured(prepared)
        times.append(time.perf_counter() - began)
    return min(times)


def import_seconds(data: bytes, filename: str, directory: Path) -> float:
    """Parse, check and store a file of check-ins into a new SQLite diary: what an upload costs."""
    counter = iter(range(1_000))

    def fresh_repository() -> object:
        return SqlDiary(open_engine(f"sqlite:///{directory / f'{filename}-{next(counter)}.sqlite3'}"))

    def upload(repository: object) -> None:
        assert isinstance(repository, SqlDiary)
        added = repository.import_check_ins("bench", parse_import(data, filename, "bench"))
        assert added == IMPORT_ROWS, added
        repository.engine.dispose()

    return best_of(3, fresh_repository, upload)


def run() -> list[tuple[str, float, str]]:
    diary = synthetic_diary(IMPORT_ROWS)
    five_years = synthetic_diary(FIVE_YEARS_DAYS * CHECK_INS_PER_DAY)
    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-diary-") as directory:
        results.append(
            (
                "import 10,000 check-ins from CSV into SQLite",
                import_seconds(to_csv(diary), "diary.csv", Path(directory)),
                SECONDS,
            )
        )
        results.append(
            (
                "import 10,000 check-ins from JSON into SQLite",
                import_seconds(to_json(diary), "diary.json", Path(directory)),
                SECONDS,
            )
        )
        # Each in a fresh process, so its peak memory is its own.
        for name in WORST_FILES:
            cost = measure(name, Path(directory))
            results.append((worst_file_row(name, "seconds"), cost.seconds, SECONDS))
            results.append((worst_file_row(name, "peak memory growth"), cost.peak_growth_mib, MEBIBYTES))
    label = "five years, 3 a day"
    frame = to_frame(five_years)
    results.append(
        (f"to_frame, {label}", best_of(3, lambda: five_years, lambda d: to_frame(five_years)), SECONDS)
    )
    results.append((f"daily_pain, {label}", best_of(3, lambda: frame, lambda f: daily_pain(frame)), SECONDS))
    results.append((f"trend, {label}", best_of(3, lambda: frame, lambda f: trend(frame)), SECONDS))
    results.append(
        (
            f"movement_tolerance, {label}",
            best_of(3, lambda: frame, lambda f: movement_tolerance(frame)),
            SECONDS,
        )
    )
    return results


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:55} {value:8.3f} {unit}")
