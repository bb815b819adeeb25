"""The worst diary files an upload can carry, and what importing each costs (time, peak memory).

Shared by the test that bounds them and the benchmark that reports them. The files are made here,
never committed. Each is measured in a fresh process: `python -m tests.hostile_imports NAME PATH`
prints JSON with the seconds, the growth of peak memory (KiB) and how the import ended.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rehab_core.diary_files import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS

REPO_DIR = Path(__file__).resolve().parents[1]
HEADER = b"at,pain,sessions_done,ice,heat,note\n"
ROW = b"2025-03-01T08:00:00+00:00,3,0,false,false,\n"


def _fill(unit: bytes, size: int = MAX_IMPORT_BYTES - 64) -> bytes:
    return unit * (size // len(unit))


def _json_list(unit: bytes) -> bytes:
    return b"[" + _fill(unit)[:-1] + b"]"


def _rows(count: int, pain: int = 3) -> bytes:
    """A hand-made CSV of count check-ins a minute apart (no ids: each is made from its row)."""
    start = datetime(2020, 1, 1, tzinfo=UTC)
    lines = (
        f"{(start + timedelta(minutes=number)).isoformat()},{pain},0,false,false,\n"
        for number in range(count)
    )
    return HEADER + "".join(lines).encode()


def _compact_json() -> bytes:
    """As many check-ins as a file may hold (or 5 MB fits), written compactly by hand (no ids)."""
    start = datetime(2020, 1, 1, tzinfo=UTC)
    entries: list[bytes] = []
    size = 0
    for number in range(MAX_IMPORT_ROWS):
        at = (start + timedelta(minutes=number)).isoformat()
        entry = f'{{"at":"{at}","pain":3,"sessions_done":0,"ice":false,"heat":false,"note":""}}'.encode()
        if size + len(entry) + 1 > MAX_IMPORT_BYTES - 64:
            break
        entries.append(entry)
        size += len(entry) + 1
    return b"[" + b",".join(entries) + b"]"


# name -> (file name, a function that makes the file's bytes). Every file fits the upload limit.
WORST_FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "4 MiB header of a,a,a": ("d.csv", lambda: b"a," * (2 * 1024 * 1024)),
    "4 MiB header of distinct unknown columns": (
        "d.csv",
        lambda: b",".join(f"column{number}".encode() for number in range(400_000)),
    ),
    "one row of 4 million cells": ("d.csv", lambda: HEADER + b"," * (4 * 1024 * 1024)),
    "100,000-row CSV": ("d.csv", lambda: _rows(100_000)),
    "50,000 rows, every pain wrong": ("d.csv", lambda: _rows(50_000, pain=99)),
    "50,000 valid rows (the most a file may hold)": ("d.csv", lambda: _rows(50_000)),
    "1 MB single note": ("d.csv", lambda: HEADER + ROW[:-1] + b"x" * 1_000_000 + b"\n"),
    "5 MB JSON list of small integers": ("d.json", lambda: _json_list(b"1,")),
    "5 MB JSON list of five-digit integers": ("d.json", lambda: _json_list(b"12345,")),
    "5 MB JSON list of empty objects": ("d.json", lambda: _json_list(b"{},")),
    "5 MB JSON object of distinct keys": (
        "d.json",
        lambda: b"{" + b",".join(f'"k{number}":1'.encode() for number in range(400_000)) + b"}",
    ),
    "deeply nested JSON": ("d.json", lambda: b"[" * (2 * 1024 * 1024) + b"]" * (2 * 1024 * 1024)),
    "JSON nested as deep as allowed, 50,000 times": (
        "d.json",
        lambda: b"[" + b",".join([b"[[[[[[[1]]]]]]]"] * MAX_IMPORT_ROWS) + b"]",
    ),
    "5 MB JSON of objects of 32 unknown keys": (
        "d.json",
        lambda: _json_list(b"{" + b",".join(b'"k%d":1' % key for key in range(32)) + b"},"),
    ),
    "5 MB JSON of compact check-ins": ("d.json", _compact_json),
    # The header is the first record, not the first line: a quoted cell may hold a line break,
    # and a cap that counted the first line let 2.6 million header cells through.
    "quoted header cell with a line break, then millions of cells": (
        "d.csv",
        lambda: b'"a\nb",' + _fill(b"a,", MAX_IMPORT_BYTES - 128),
    ),
    "50,000 valid rows ending in CR alone": ("d.csv", lambda: _rows(50_000).replace(b"\n", b"\r")),
    "one row of 1.7 million two-letter cells": (
        "d.csv",
        lambda: HEADER + _fill(b"ab,", MAX_IMPORT_BYTES - 128),
    ),
    # Strings and brackets side by side: the JSON pre-check once made an object per string.
    '5 MB JSON of ""[] repeated': ("d.json", lambda: _fill(b'""[]', 4 * 1_200_000)),
    '5 MB JSON of ","[] repeated': ("d.json", lambda: _fill(b'","[]')),
}


@dataclass(frozen=True)
class Cost:
    """What importing one file cost in its own process."""

    seconds: float
    peak_growth_mib: float
    outcome: str  # "refused: <first problem>" or "imported N"
    message_chars: int
    problems_shown: int


def measure(name: str, directory: Path) -> Cost:
    """Import the named worst file in a fresh Python process and report what it cost."""
    filename, make = WORST_FILES[name]
    path = directory / f"worst-{abs(hash(name))}-{filename}"
    path.write_bytes(make())
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tests.hostile_imports", filename, str(path)],
            capture_output=True,
            text=True,
            cwd=REPO_DIR,
            env={**os.environ, "PYTHONPATH": str(REPO_DIR)},
            timeout=120,
        )
    finally:
        path.unlink(missing_ok=True)
    if result.returncode != 0:
        raise RuntimeError(f"importing {name!r} failed in its process:\n{result.stderr[-3000:]}")
    return Cost(**json.loads(result.stdout.strip().splitlines()[-1]))


def _peak_rss_kib(*, reset: bool = False) -> int:
    """This process's peak resident memory in KiB, optionally first lowered to what it holds now.

    getrusage's ru_maxrss is the number to read, but after fork and exec Linux reports the parent's
    peak in it while that is higher, which would hide the import's own cost. The kernel's
    per-process high-water mark (VmHWM) is the same measure for this address space alone, and
    writing 5 to clear_refs resets it, so what is read after is the operation's own peak.
    """
    status = Path("/proc/self/status")
    if not status.exists():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if reset:
        Path("/proc/self/clear_refs").write_text("5")
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _import_in_this_process(filename: str, path: Path) -> Cost:
    from rehab_core.diary_files import ImportProblems, parse_import, to_csv

    # Warm up first, so the catalogue, regexes and lazy imports are not counted as the file's cost.
    parse_import(to_csv([]), "warm-up.csv", "owner")
    data = path.read_bytes()
    before = _peak_rss_kib(reset=True)
    began = time.perf_counter()
    try:
        check_ins = parse_import(data, filename, "owner")
    except ImportProblems as refused:
        outcome, message, shown = f"refused: {refused.problems[0]}", str(refused), len(refused.problems)
    else:
        outcome, message, shown = f"imported {len(check_ins)}", "", 0
    seconds = time.perf_counter() - began
    after = _peak_rss_kib()
    return Cost(seconds, (after - before) / 1024, outcome[:200], len(message), shown)


if __name__ == "__main__":
    cost = _import_in_this_process(sys.argv[1], Path(sys.argv[2]))
    print(json.dumps(cost.__dict__))
