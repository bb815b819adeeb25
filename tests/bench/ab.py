"""An A/B of one page between two versions of the code, interleaved in one run on one machine.

    python -m tests.bench.ab frame                    # the frame floor: this checkout against main
    python -m tests.bench.ab library --base HEAD~3    # the Movement library against three commits ago
    python -m tests.bench.ab frame --rounds 12 --users 60

The base version is taken from git (`git archive <rev>`, the committed files only) into a temporary
folder; this version is the working tree as it is, uncommitted changes included, or another revision
(`--this`; `git stash create` makes one of uncommitted changes without touching anything). Both are
started side by side with the same flags (and the minimal app beside them, for a figure against the
yardstick), and measured in rounds: each round measures every server once, in an order that turns
round by round, so a slow spell of a shared machine falls on both versions alike. Two pages measured
minutes apart differ by about 0.1x (docs/performance.md), more than most single changes buy: only a
ratio from the same rounds can tell a change from the machine's mood.

Each round takes, for each server:
- **CPU per rerun**: one session reruns the page `--reruns` times in a row; the server's own CPU
  time (user + system, from /proc) divided by the reruns;
- **CPU per new session**: `--sessions` new sessions opened in a row, the same way;
- **under load**: `--users` simulated users at once, each opening a session and rerunning it
  `--load-reruns` times (the wall times every user waited: rerun p50 and p95, new session p50).

Reported: each figure of this version as a multiple of the base's (below 1 is faster): the median
of the per-round ratios for CPU, the ratio of the pooled percentiles under load, each with the
number of samples it rests on. A developer's tool like profile_page: it reports, it never fails on
a number, and `make bench` does not run it.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.agent_client import (
    BENCH_FLAGS,
    FRAME_APP,
    MINIMAL_APP,
    Server,
    Timings,
    minimal_app_flags,
    open_session,
    page_timings,
    percentile,
    rerun,
)
from tests.bench.bench_pages import SESSION_MODE
from tests.bench.profile_page import cpu_per_rerun_ms, cpu_seconds, served
from tests.fixtures.server import APP_DIR, running_app

BASE, THIS, MINIMAL = "base", "this", "minimal app"


@dataclass
class Figures:
    """What one server gave over every round."""

    cpu_rerun_ms: list[float] = field(default_factory=list)
    cpu_session_ms: list[float] = field(default_factory=list)
    load: Timings = field(default_factory=Timings)
    tree_nodes: int = 0
    answer_bytes: int = 0


def extract_revision(revision: str, into: Path, repository: Path = APP_DIR) -> Path:
    """The committed files of `revision` written under `into`; the folder that holds them."""
    archive = subprocess.run(
        ["git", "-C", str(repository), "archive", "--format=tar", revision],
        check=True,
        capture_output=True,
    ).stdout
    tree = into / "tree"
    tree.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    return tree


@contextmanager
def serving(tree: Path, script: str, log_dir: Path) -> Iterator[Server]:
    """`script` of the checkout `tree`, started as the benchmark starts it (tests/bench/agent_client.py).

    Back in Action runs from its checkout and reads that checkout's config.toml; the minimal app
    and the frame floor get this checkout's settings as flags, as in `make bench`.
    """
    flags = minimal_app_flags() if script in (MINIMAL_APP, FRAME_APP) else ()
    with running_app(
        env=SESSION_MODE, flags=flags, work_dir=log_dir, script=tree / script, base_flags=BENCH_FLAGS
    ) as server:
        yield server


def cpu_ms_per(server: Server, path: str | None, reruns: int, sessions: int) -> tuple[float, float]:
    """The server's CPU time per rerun of one session, then per new session, in ms."""
    per_rerun = cpu_per_rerun_ms(server, path, reruns)
    before = cpu_seconds(server.process.pid)
    for _ in range(sessions):
        open_session(server.url, path)
    return per_rerun, (cpu_seconds(server.process.pid) - before) / max(sessions, 1) * 1000


def tree_nodes(node: dict[str, object]) -> int:
    """How many nodes the agent API's tree of a page holds (its elements and containers)."""
    children = node.get("children", [])
    return (
        1 + sum(tree_nodes(child) for child in children if isinstance(child, dict))
        if isinstance(children, list)
        else 1
    )


def order_of(round_number: int, names: Sequence[str]) -> list[str]:
    """The order the servers are measured in a round: turned by one each round."""
    turn = round_number % len(names)
    return [*names[turn:], *names[:turn]]


def measure(
    servers: dict[str, tuple[Server, str | None]],
    rounds: int,
    reruns: int,
    sessions: int,
    users: int,
    load_reruns: int,
) -> dict[str, Figures]:
    figures = {name: Figures() for name in servers}
    for name, (server, path) in servers.items():  # warm: imports done, caches full
        opened = open_session(server.url, path)
        answer = rerun(server.url, opened.session_id).snapshot
        figures[name].tree_nodes = tree_nodes(answer["tree"])
        figures[name].answer_bytes = len(str(answer["tree"]).encode())
    for number in range(rounds):
        for name in order_of(number, list(servers)):
            server, path = servers[name]
            per_rerun, per_session = cpu_ms_per(server, path, reruns, sessions)
            figures[name].cpu_rerun_ms.append(per_rerun)
            figures[name].cpu_session_ms.append(per_session)
            if users:
                figures[name].load.extend(page_timings(server.url, path, users, load_reruns))
        print(f"  round {number + 1} of {rounds} done", file=sys.stderr, flush=True)
    return figures


def ratio_lines(
    figures: dict[str, Figures], rounds: int, reruns: int, sessions: int, users: int
) -> list[str]:
    this, base = figures[THIS], figures[BASE]
    lines = [
        f"agent-API tree nodes: this {this.tree_nodes}, base {base.tree_nodes}; "
        f"tree size: this {this.answer_bytes:,} bytes, base {base.answer_bytes:,}",
    ]

    def per_round(ours: list[float], theirs: list[float]) -> float:
        # The CPU clock ticks every 10 ms: too few reruns in a round can read 0 (left out; nan if all).
        ratios = [a / b for a, b in zip(ours, theirs, strict=True) if b > 0]
        return statistics.median(ratios) if ratios else math.nan

    for label, attribute, each in (
        ("CPU per rerun", "cpu_rerun_ms", reruns),
        ("CPU per new session", "cpu_session_ms", sessions),
    ):
        medians = {name: statistics.median(getattr(found, attribute)) for name, found in figures.items()}
        line = (
            f"{label}: this {medians[THIS]:.2f} ms, base {medians[BASE]:.2f} ms, "
            f"this/base {per_round(getattr(this, attribute), getattr(base, attribute)):.3f} "
            f"(median of {rounds} rounds of {each})"
        )
        if MINIMAL in figures:
            floor = getattr(figures[MINIMAL], attribute)
            line += (
                f"; against the minimal app ({medians[MINIMAL]:.2f} ms): "
                f"this {per_round(getattr(this, attribute), floor):.2f}x, "
                f"base {per_round(getattr(base, attribute), floor):.2f}x"
            )
        lines.append(line)
    if users:
        for label, samples, q in (
            ("rerun p50", "rerun", 50),
            ("rerun p95", "rerun", 95),
            ("new session p50", "new_session", 50),
        ):
            ours, theirs = getattr(this.load, samples), getattr(base.load, samples)
            line = (
                f"{users} users, {label}: this {percentile(ours, q) * 1000:.0f} ms, "
                f"base {percentile(theirs, q) * 1000:.0f} ms, "
                f"this/base {percentile(ours, q) / percentile(theirs, q):.3f} "
                f"(n = {len(ours)} / {len(theirs)})"
            )
            if MINIMAL in figures:
                floor = getattr(figures[MINIMAL].load, samples)
                line += (
                    f"; against the minimal app: this {percentile(ours, q) / percentile(floor, q):.2f}x, "
                    f"base {percentile(theirs, q) / percentile(floor, q):.2f}x"
                )
            lines.append(line)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.ab", description=__doc__)
    parser.add_argument("page", help="a url_path ('home' for Home), 'frame' (the frame floor) or 'minimal'")
    parser.add_argument("--base", default="main", help="the git revision to compare with (default: main)")
    parser.add_argument(
        "--this", metavar="REVISION", help="a git revision to measure instead of the working tree"
    )
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--reruns", type=int, default=100, help="reruns of one session per round, for CPU")
    parser.add_argument("--sessions", type=int, default=30, help="new sessions per round, for CPU")
    parser.add_argument("--users", type=int, default=20, help="simulated users at once per round; 0 for none")
    parser.add_argument("--load-reruns", type=int, default=5, help="reruns per simulated user per round")
    parser.add_argument("--no-minimal", action="store_true", help="leave the minimal app out")
    parser.add_argument(
        "--render",
        type=int,
        default=0,
        metavar="LOADS",
        help="also load the page this many times cold and warm in Chromium, in turn (bench_render's measure)",
    )
    args = parser.parse_args(argv)

    script, path = served(args.page)  # as profile_page names pages
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-ab-")))
        base_tree = extract_revision(args.base, folder / BASE)
        this_tree = APP_DIR if args.this is None else extract_revision(args.this, folder / THIS)
        servers: dict[str, tuple[Server, str | None]] = {
            BASE: (stack.enter_context(serving(base_tree, script, folder)), path),
            THIS: (stack.enter_context(serving(this_tree, script, folder)), path),
        }
        if not args.no_minimal:
            servers[MINIMAL] = (stack.enter_context(serving(APP_DIR, MINIMAL_APP, folder)), None)
        this_name = "the working tree" if args.this is None else args.this
        print(f"{args.page}: {this_name} against {args.base}, interleaved", file=sys.stderr, flush=True)
        figures = measure(servers, args.rounds, args.reruns, args.sessions, args.users, args.load_reruns)
        rendered = render_lines(servers, args.page, args.render) if args.render else []
    for line in [*ratio_lines(figures, args.rounds, args.reruns, args.sessions, args.users), *rendered]:
        print(line)
    return 0


def render_lines(servers: dict[str, tuple[Server, str | None]], page: str, loads: int) -> list[str]:
    """Chromium, cold and warm: each server's page loaded in turn, `loads` times; medians and ratios."""
    from playwright.sync_api import sync_playwright

    from tests.bench.bench_render import cold_ms, interleaved_ms, warm_ms
    from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS

    names = list(servers)
    urls = [server.page_url("" if path is None else path) for server, path in servers.values()]
    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for kind, measure in (("cold", cold_ms), ("warm", warm_ms)):
                print(f"  Chromium, {kind} ...", file=sys.stderr, flush=True)
                medians = dict(zip(names, interleaved_ms(measure, browser, urls, loads), strict=True))
                line = (
                    f"rendered {kind} ({page}): this {medians[THIS]:.0f} ms, base {medians[BASE]:.0f} ms, "
                    f"this/base {medians[THIS] / medians[BASE]:.3f} (medians of {loads} loads each)"
                )
                if MINIMAL in medians:
                    line += (
                        f"; against the minimal app: this {medians[THIS] / medians[MINIMAL]:.2f}x, "
                        f"base {medians[BASE] / medians[MINIMAL]:.2f}x"
                    )
                lines.append(line)
        finally:
            browser.close()
    return lines


if __name__ == "__main__":
    sys.exit(main())
