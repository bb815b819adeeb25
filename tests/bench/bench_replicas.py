"""The 100-phone burst through a real nginx, in front of 1 and then 2 replicas of the app.

One Streamlit process runs Python on one core, so a room that taps all at once queues on it
(bench_pages' "all at once, no pauses" run). docs/deploy.md's answer is more replicas behind a
sticky balancer; this measures what a second replica buys on the same machine. Debian's nginx
(tests/fixtures/nginx.py: sticky by a cookie, `hash ... consistent`) is started in front of one
replica, then in front of two, each replica with the workshop settings of docs/deploy.md (session
mode, `?demo=1`). The same 100 phones (the agent API; each phone sends its own sticky cookie, as
a browser sends back the one nginx gave it) make bench_pages' burst through nginx: all at once,
no pauses, each opening `?demo=1` and visiting Check-in, My progress, Assess today and Home twice.

Results: p50 and p95 of every request with 1 and with 2 replicas, how many requests each replica
took (from nginx's access log), and the ratios 2 replicas / 1 (below 1 is faster). No target: on a
2-core machine that the phones themselves share, a second replica can at best take the second core.
Run alone: `python -m tests.bench.bench_replicas`; `BENCH_QUICK=1` for 20 phones.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from tests.bench.agent_client import BACK_IN_ACTION, INTERACT, percentile, quick_mode, serve
from tests.bench.bench_pages import (
    BURST,
    SESSION_MODE,
    WORKSHOP_FLAGS,
    WORKSHOP_PAGES,
    _agent_path_of,
    _warm_up,
    workshop_rounds,
    workshop_timings,
)
from tests.fixtures.nginx import STICKY_COOKIE, running_nginx, upstreams_of
from ui.navigation import existing_pages

PHONES = 20 if quick_mode() else 100
REPLICA_COUNTS = (1, 2)
NAME = f"Burst through nginx, {PHONES} phones"
TARGETS: dict[str, float] = {}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def phone_cookie(number: int) -> str:
    """The sticky cookie phone `number` sends: its own, as nginx would have given it."""
    return f"{STICKY_COOKIE}=phone-{number}"


def burst(replicas: int, folder: Path) -> tuple[list[float], Counter[str]]:
    """Every request's wait in the burst through nginx in front of `replicas` replicas; each one's count."""
    paths = [path for path in WORKSHOP_PAGES if any(spec.url_path == path for spec in existing_pages())]
    with ExitStack() as stack:
        servers = [
            stack.enter_context(serve(BACK_IN_ACTION, env=SESSION_MODE, flags=WORKSHOP_FLAGS, log_dir=folder))
            for _ in range(replicas)
        ]
        for server in servers:  # each replica directly: through nginx only one would be warmed
            _warm_up(server.url, ["", *[_agent_path_of(path) for path in paths]])
        nginx = stack.enter_context(running_nginx([server.port for server in servers]))
        rounds = workshop_rounds(nginx.url, paths)
        waits = workshop_timings(nginx.url, PHONES, BURST, rounds, cookie_of=phone_cookie).every_request
        return waits, upstreams_of(nginx.access_log(), INTERACT)


def run() -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = [("Load average (1 min) at start", os.getloadavg()[0], "runnable")]
    measured: dict[int, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-replicas-") as folder:
        for replicas in REPLICA_COUNTS:
            label = f"{NAME}, {replicas} replica{'s' if replicas > 1 else ''}"
            _log(f"  {label} ...")
            waits, by_replica = burst(replicas, Path(folder))
            measured[replicas] = waits
            rows += [
                (f"{label}: p50 of every request", percentile(waits, 50), "s"),
                (f"{label}: p95 of every request", percentile(waits, 95), "s"),
                (f"{label}: requests", float(len(waits)), "requests"),
                (
                    f"{label}: the busiest replica's share of requests",
                    max(by_replica.values()) / len(waits),
                    "share",
                ),
            ]
    one, two = measured[1], measured[2]
    rows += [
        (f"{NAME}: p50, 2 replicas against 1", percentile(two, 50) / percentile(one, 50), "x 1 replica"),
        (f"{NAME}: p95, 2 replicas against 1", percentile(two, 95) / percentile(one, 95), "x 1 replica"),
    ]
    return rows


if __name__ == "__main__":
    from tests.bench.__main__ import main

    sys.exit(main(["--only", "replicas"]))
