"""`make run-replicas`: nginx in front of 2 app replicas on one PostgreSQL, all on this machine.

For a facilitator with a bigger laptop and a big room: one Streamlit process uses one core, so
two replicas behind Debian's nginx (sticky sessions by a cookie, WebSocket upgrade; the set-up of
docs/deploy.md, section 4) serve a room that taps at once about twice as fast on a machine with
cores to spare. Everything stops with Ctrl-C.

- PostgreSQL: `BACK_IN_ACTION_DATABASE_URL` if set (both replicas use it); otherwise a throw-away
  server in a temp folder, started as the test suite starts its own (as root, as the postgres
  user), and removed at the end, with the room's counts in it.
- The replicas: `streamlit run app.py` on free loopback ports, in session mode unless
  `BACK_IN_ACTION_STORAGE_MODE` says otherwise, with the workshop settings of deploy.md. Your other
  `BACK_IN_ACTION_*` settings (the coach's name and colours) are passed to both.
- nginx: on HOST:PORT (the Makefile's, 127.0.0.1:8501 by default; `HOST=0.0.0.0` for phones on
  the room's Wi-Fi), with its config, logs and temp files in a temp folder.

Usage: `python -m tools.run_replicas --host 0.0.0.0 --port 8501 [--replicas 2]`.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

from tests.fixtures.nginx import running_nginx
from tests.fixtures.postgres import PG_USER, _bindir, running_postgresql
from tests.fixtures.server import ENV_PREFIX, AppServer, running_app

DATABASE_URL = ENV_PREFIX + "DATABASE_URL"
STORAGE_MODE = ENV_PREFIX + "STORAGE_MODE"
# docs/deploy.md, "A workshop on one small server".
WORKSHOP_FLAGS = ("--server.disconnectedSessionTTL=120",)


def replica_environment(database_url: str) -> dict[str, str]:
    """This shell's BACK_IN_ACTION_* settings, the shared database, and session mode by default."""
    env = {name: value for name, value in os.environ.items() if name.startswith(ENV_PREFIX)}
    env[DATABASE_URL] = database_url
    env.setdefault(STORAGE_MODE, "session")
    return env


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.run_replicas", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--host", default="127.0.0.1", help="the address nginx listens on (0.0.0.0 for phones)"
    )
    parser.add_argument("--port", type=int, default=8501, help="the port nginx listens on")
    parser.add_argument("--replicas", type=int, default=2, help="how many app processes (at least 1)")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be 1 or more")
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    with ExitStack() as stack:
        database_url = os.environ.get(DATABASE_URL, "")
        if not database_url:
            print("Starting a throw-away PostgreSQL ...", flush=True)
            host, pg_port = stack.enter_context(running_postgresql(_bindir()))
            database_url = f"postgresql+psycopg://{PG_USER}@{host}:{pg_port}/postgres"
        env = replica_environment(database_url)
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="back-in-action-replicas-")))
        print(f"Starting {args.replicas} replicas (logs in {logs}) ...", flush=True)
        folders = [logs / f"replica-{number}" for number in range(1, args.replicas + 1)]
        for folder in folders:
            folder.mkdir()
        with ThreadPoolExecutor(args.replicas) as pool:
            futures = [
                pool.submit(stack.enter_context, running_app(env=env, flags=WORKSHOP_FLAGS, work_dir=folder))
                for folder in folders
            ]
        replicas: list[AppServer] = [future.result() for future in futures]
        nginx = stack.enter_context(
            running_nginx([replica.port for replica in replicas], args.host, args.port)
        )
        print(
            "\nBack in Action is served by nginx at "
            f"http://{args.host}:{args.port} (replicas: {', '.join(replica.url for replica in replicas)}).\n"
            "Open Run a workshop at the address the phones will use. Press Ctrl-C to stop everything.",
            flush=True,
        )
        try:
            while all(process.poll() is None for process in [nginx.process, *(r.process for r in replicas)]):
                time.sleep(1)
            print("A replica or nginx stopped by itself: stopping everything.", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("\nStopping ...", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
