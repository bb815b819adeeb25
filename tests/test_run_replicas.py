"""`make run-replicas` (tools/run_replicas.py): nginx, 2 replicas and PostgreSQL on one machine, and all stop.

Started as a person starts it, on a free loopback port: nginx answers there, its answers come from
both replicas (by the sticky cookie each new browser gets), and SIGTERM (or Ctrl-C) stops
everything it started.
"""

from __future__ import annotations

import http.cookiejar
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.fixtures.nginx import REPLICA_HEADER
from tests.fixtures.server import APP_DIR, answers, free_port

pytestmark = pytest.mark.postgres
START_TIMEOUT_S = 120.0


def replica_of_a_new_browser(url: str) -> str:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    opener.open(url, timeout=10).close()  # the first answer gives the sticky cookie
    with opener.open(url, timeout=10) as response:
        return str(response.headers[REPLICA_HEADER])


def test_run_replicas_serves_through_nginx_from_both_replicas_and_stops_everything(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "run-replicas.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tools.run_replicas", "--host", "127.0.0.1", "--port", str(port)],
            cwd=APP_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    health = f"http://127.0.0.1:{port}/_stcore/health"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        # nginx may answer a moment before the tool prints its replicas: wait for both.
        while not (answers(health) and "replicas:" in log.read_text()):
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        printed = log.read_text()
        replicas = set(re.findall(r"http://127\.0\.0\.1:(\d+)", printed.split("replicas:")[1]))
        assert len(replicas) == 2, printed
        seen = {replica_of_a_new_browser(health) for _ in range(16)}
        assert seen == {f"127.0.0.1:{replica}" for replica in replicas}
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)

    assert process.returncode == 0, log.read_text()
    assert not answers(health)
    assert not any(answers(f"http://127.0.0.1:{replica}/_stcore/health") for replica in replicas)
