"""Where a page's time goes under load: py-spy samples the server while simulated users rerun it.

    python -m tests.bench.profile_page spine            # 60 users, 10 reruns each, on "spine"
    python -m tests.bench.profile_page minimal          # the minimal app, for comparison
    python -m tests.bench.profile_page frame --cpu      # the frame floor (tests/bench/frame_app.py)
    python -m tests.bench.profile_page library --users 20 --top 40
    python -m tests.bench.profile_page spine --cpu      # server CPU per rerun, beside the minimal app

Only samples of threads holding the GIL count (`py-spy --gil`): with one interpreter lock, that is
the time every other user waits for. The report lists, for the functions of Back in Action and of
Streamlit, the share of samples spent inside each (inclusive), biggest first. It is a developer's
tool, not a benchmark: it reports, it never fails on a number.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.bench.agent_client import (
    BACK_IN_ACTION,
    FRAME_APP,
    MINIMAL_APP,
    Server,
    open_session,
    page_timings,
    percentile,
    rerun,
    serve,
)
from tests.bench.bench_pages import SESSION_MODE, _agent_path_of, _warm_up
from tests.fixtures.server import APP_DIR

FRAME = re.compile(r"^(?P<function>.+?) \((?P<file>.+?)(?::(?P<line>\d+))?\)$")


PROJECT = ("app.py", "pages/", "ui/", "rehab_core/")


@dataclass
class Costs:
    """Shares of samples (percent): inside each function (inclusive), own time by folder, ours."""

    inclusive: list[tuple[float, str]]
    own: list[tuple[float, str]]
    project: list[tuple[float, str]]


def collapsed_costs(raw: str, top: int) -> Costs:
    """Shares of samples per function from py-spy's collapsed stacks (`--format raw`)."""
    totals: collections.Counter[str] = collections.Counter()
    leaves: collections.Counter[str] = collections.Counter()
    ours: collections.Counter[str] = collections.Counter()
    samples = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        samples += count
        seen: set[str] = set()
        name = ""
        for frame in stack.split(";"):
            match = FRAME.match(frame)
            if match is None:
                continue
            short = match["file"].split("site-packages/")[-1].removeprefix(str(APP_DIR) + "/")
            name = f"{match['function']} ({short})"
            if name not in seen:  # recursion counts once per sample
                seen.add(name)
                totals[name] += count
                if short.startswith(PROJECT):
                    ours[name] += count
        if name:
            leaves[name.partition(" (")[2].rstrip(")").rpartition("/")[0] or name] += count

    def shares(counter: collections.Counter[str]) -> list[tuple[float, str]]:
        return [(100.0 * count / max(samples, 1), name) for name, count in counter.most_common(top)]

    return Costs(shares(totals), shares(leaves), shares(ours))


def cpu_seconds(pid: int) -> float:
    """The process's user and system CPU time so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_rerun_ms(server: Server, path: str | None, reruns: int) -> float:
    """One session reruns the page `reruns` times in a row: the server's CPU time per rerun, in ms.

    With one request at a time nothing waits on anything else, so this is the page's own cost; at
    60 users the server is busy all the time and the waits follow from it.
    """
    opened = open_session(server.url, path)
    rerun(server.url, opened.session_id)
    before = cpu_seconds(server.process.pid)
    for _ in range(reruns):
        rerun(server.url, opened.session_id)
    return (cpu_seconds(server.process.pid) - before) / reruns * 1000


def served(page: str) -> tuple[str, str | None]:
    """The app to start for a page name of this tool, and the agent-API path of the page in it."""
    if page == "minimal":
        return MINIMAL_APP, None
    if page == "frame":
        return FRAME_APP, None
    return BACK_IN_ACTION, _agent_path_of(page)


def cpu_report(page: str, reruns: int) -> int:
    app, path = served(page)
    with (
        tempfile.TemporaryDirectory(prefix="profile-page-") as folder,
        serve(MINIMAL_APP, log_dir=Path(folder)) as minimal,
        serve(app, env=SESSION_MODE, log_dir=Path(folder)) as server,
    ):
        floor = cpu_per_rerun_ms(minimal, None, reruns)
        ours = cpu_per_rerun_ms(server, path, reruns)
    print(f"minimal app: {floor:.1f} ms CPU per rerun; {page}: {ours:.1f} ms ({ours / floor:.2f}x)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.profile_page", description=__doc__)
    parser.add_argument(
        "page", help="a url_path ('home' for Home), 'minimal' (the minimal app) or 'frame' (the frame floor)"
    )
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="instead: the server's CPU time per rerun, one user, the page beside the minimal app",
    )
    args = parser.parse_args(argv)
    if args.cpu:
        return cpu_report(args.page, reruns=max(args.reruns, 100))
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        parser.error("py-spy is not installed: pip install py-spy (it is in requirements-dev.txt)")

    app, path = served(args.page)
    with tempfile.TemporaryDirectory(prefix="profile-page-") as folder:
        out = Path(folder) / "stacks.txt"
        with serve(app, env=SESSION_MODE, log_dir=Path(folder)) as server:
            _warm_up(server.url, [path])
            sampler = subprocess.Popen(
                [
                    py_spy,
                    "record",
                    "--gil",
                    "--format",
                    "raw",
                    "--rate",
                    "200",
                    "--nonblocking",
                    "--pid",
                    str(server.process.pid),
                    "--output",
                    str(out),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1.0)  # py-spy attaches
            timings = page_timings(server.url, path, args.users, args.reruns)
            sampler.send_signal(2)  # SIGINT: py-spy writes its file and stops
            sampler.wait(timeout=60)
        print(
            f"{args.page}, {args.users} users: rerun p50 {percentile(timings.rerun, 50) * 1000:.0f} ms, "
            f"p95 {percentile(timings.rerun, 95) * 1000:.0f} ms, "
            f"new session p50 {percentile(timings.new_session, 50) * 1000:.0f} ms"
        )
        costs = collapsed_costs(out.read_text(), args.top)
        for title, rows in (
            ("inside (inclusive)", costs.inclusive),
            ("own time, by package folder", costs.own),
            ("Back in Action's code (inclusive)", costs.project),
        ):
            print(f"\n{title}:")
            for share, name in rows:
                print(f"{share:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
