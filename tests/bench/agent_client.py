"""Start Streamlit apps for the benchmark and drive them through Streamlit's HTTP agent API.

The agent API (`streamlit run ... --server.enableAgentApi=true`) runs the real app for a client
without a browser: `POST /_stcore/agent/interact` with `{}` (or `{"page": ...}`) creates a session
and returns the finished page; `{"session_id": ...}` reruns it. Every request blocks until the run
has settled, so its wall time is the time a person waits for the page.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tests.fixtures.server import APP_DIR, BASE_FLAGS, AppServer, running_app

BACK_IN_ACTION = "app.py"
# The minimal app is a bare Streamlit app. It runs from its own folder, which holds no
# .streamlit/config.toml, so it is given every setting of the project's config.toml as flags
# (minimal_app_flags): a floor measured with Streamlit's defaults would measure the settings
# (a bare app with the default per-run GC is about 10x slower at 60 users), not the pages.
MINIMAL_APP = "tests/bench/minimal_app.py"
# Back in Action's shared frame around the minimal app's content: what any page costs at the least.
FRAME_APP = "tests/bench/frame_app.py"
FRAME_FLOOR = "Frame floor (the app's frame, the minimal app's content)"
PROJECT_CONFIG = APP_DIR / ".streamlit" / "config.toml"
REQUEST_TIMEOUT_S = 120.0
INTERACT = "/_stcore/agent/interact"
# The unit of every figure given as a multiple of the minimal app's, measured in the same run.
RATIO = "x minimal app"

# Every benchmarked server: the test servers' flags (headless on loopback, no file watching), plus
# the agent API (on the command line only, never in config.toml) and room for every session a run
# creates.
BENCH_FLAGS: tuple[str, ...] = (
    *BASE_FLAGS,
    "--server.enableAgentApi=true",
    "--server.agentMaxSessions=5000",
    "--server.agentWaitTimeout=60",
)


def config_flags(path: Path = PROJECT_CONFIG) -> tuple[str, ...]:
    """Every setting in a Streamlit config.toml as the command-line flag that sets it."""
    flags: list[str] = []

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, Mapping):
                walk(name, value)
            elif isinstance(value, bool):
                flags.append(f"--{name}={'true' if value else 'false'}")
            elif isinstance(value, str | int | float):
                flags.append(f"--{name}={value}")
            else:
                raise ValueError(f"{path.name}: no command-line form for {name} = {value!r}")

    walk("", tomllib.loads(path.read_text(encoding="utf-8")))
    return tuple(flags)


def minimal_app_flags(flags: Sequence[str] = ()) -> tuple[str, ...]:
    """The project's own settings, then any flags the case adds (they win, coming last)."""
    return (*config_flags(), *flags)


def quick_mode() -> bool:
    """BENCH_QUICK=1: fewer users and iterations, for a try in about a minute."""
    return os.environ.get("BENCH_QUICK", "") not in {"", "0", "false", "no"}


class AgentError(RuntimeError):
    """The agent API refused a request, or the app raised while running it."""


# The benchmark's servers are the test suite's: one way to start, wait for and stop a server.
Server = AppServer


@contextmanager
def serve(
    app: str,
    env: Mapping[str, str] | None = None,
    flags: Sequence[str] = (),
    log_dir: Path | None = None,
) -> Iterator[Server]:
    """Run `streamlit run <app>` on a free loopback port; always stop it.

    `app` is relative to the repository. Back in Action runs from the repository, so it reads the
    project's `.streamlit/config.toml`; the minimal app and the frame floor run from their own folder
    and get the same settings as flags. All get the same command-line flags besides.
    """
    if app in (MINIMAL_APP, FRAME_APP):
        flags = minimal_app_flags(flags)
    with running_app(
        env=env, flags=flags, work_dir=log_dir, script=APP_DIR / app, base_flags=BENCH_FLAGS
    ) as server:
        yield server


# The cookie this thread (one simulated person) sends with every request, if any: behind nginx's
# sticky balancer (tests/fixtures/nginx.py) it keeps a person's requests on one replica, as the
# cookie nginx gives a browser does.
_this_person = threading.local()


def send_cookie(cookie: str | None) -> None:
    """From now on, this thread's requests carry `cookie` ("name=value"); None for none."""
    _this_person.cookie = cookie


def _post(url: str, body: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    headers = {"Content-Type": "application/json"}
    cookie = getattr(_this_person, "cookie", None)
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(
        url + INTERACT,
        data=json.dumps(body).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
            return int(response.status), json.loads(response.read())
    except urllib.error.HTTPError as refused:
        try:
            return int(refused.code), json.loads(refused.read())
        except ValueError:
            return int(refused.code), {"error": {"code": "not_json", "message": str(refused)}}


@dataclass(frozen=True)
class Reply:
    """One interaction: its wall time (including any wait for a long run) and the snapshot."""

    seconds: float
    snapshot: dict[str, Any]

    @property
    def session_id(self) -> str:
        return str(self.snapshot["session_id"])


def interact(url: str, body: Mapping[str, Any]) -> Reply:
    """Send one request and wait for the settled page; a run that raised is an AgentError.

    A `202 wait_timed_out` is not a failure: the same session is asked again until the run settles
    (bounded by the server's own wait timeout per request and a few tries).
    """
    started = time.perf_counter()
    status, payload = _post(url, body)
    for _ in range(10):
        if status != 202:
            break
        status, payload = _post(url, {"session_id": payload["session_id"]})
    seconds = time.perf_counter() - started
    if status != 200:
        error = payload.get("error", {})
        raise AgentError(f"{body} -> HTTP {status} {error.get('code')}: {error.get('message')}")
    if payload.get("status") != "ready":
        raise AgentError(f"{body} -> the app raised: {_exception_text(payload.get('tree', {}))}")
    return Reply(seconds, payload)


def _exception_text(node: Mapping[str, Any]) -> str:
    if node.get("type") == "exception":
        props = node.get("props", {})
        return f"{props.get('type')}: {props.get('message')}"
    for child in node.get("children", []):
        text = _exception_text(child)
        if text:
            return text
    return ""


def open_session(
    url: str, page: str | None = None, query_params: Mapping[str, list[str]] | None = None
) -> Reply:
    """A new session, as a new browser tab would open it: on `page` (a url_path) with `query_params`."""
    body: dict[str, Any] = {}
    if page:
        body["page"] = page
    if query_params:
        body["query_params"] = dict(query_params)
    return interact(url, body)


def rerun(url: str, session_id: str) -> Reply:
    return interact(url, {"session_id": session_id})


def visit(url: str, session_id: str, page: str) -> Reply:
    """Switch an existing session to another page, as a click in the navigation does."""
    return interact(url, {"session_id": session_id, "page": page})


def page_paths(snapshot: Mapping[str, Any]) -> list[str]:
    """Every page's url_path as the app reports it ("" is the default page)."""
    return [str(page["url_path"]) for page in snapshot["pages"]]


def titles(snapshot: Mapping[str, Any]) -> list[str]:
    """The bodies of every st.title on the page, to check a run drew what it should."""
    found: list[str] = []

    def walk(node: Mapping[str, Any]) -> None:
        if node.get("type") == "title":
            found.append(str(node.get("props", {}).get("body", "")))
        for child in node.get("children", []):
            walk(child)

    walk(snapshot["tree"])
    return found


@dataclass
class Timings:
    """What a group of simulated users waited for: new sessions and reruns, in seconds."""

    new_session: list[float] = field(default_factory=list)
    rerun: list[float] = field(default_factory=list)

    def extend(self, other: Timings) -> None:
        self.new_session.extend(other.new_session)
        self.rerun.extend(other.rerun)

    @property
    def every_request(self) -> list[float]:
        return self.new_session + self.rerun

    @classmethod
    def pooled(cls, groups: Iterable[Timings]) -> Timings:
        """The timings of several users as one group."""
        total = cls()
        for timings in groups:
            total.extend(timings)
        return total


# A ratio's sample counts are results of their own, so the README's table can say what each rests on.
SAMPLES = "samples"


def samples_name(result_name: str, of_floor: bool = False) -> str:
    """The name of the row counting the samples behind a result (or behind its floor, the minimal app)."""
    return f"{result_name}: {'minimal app ' if of_floor else ''}{SAMPLES}"


def sample_rows(result_name: str, samples: int, floor_samples: int) -> list[tuple[str, float, str]]:
    """How many samples a ratio rests on: the page's and the minimal app's, as two rows."""
    return [
        (samples_name(result_name), float(samples), SAMPLES),
        (samples_name(result_name, of_floor=True), float(floor_samples), SAMPLES),
    ]


T = TypeVar("T")


def run_users(users: int, user: Callable[[int], T]) -> list[T]:
    """Run `user(number)` for `users` simulated users at once, started together; all results.

    Each user is a thread with a fixed amount of work, so the whole group ends by itself. The first
    failure is raised once every user has stopped.
    """
    start_line = threading.Barrier(users)

    def one(number: int) -> T:
        start_line.wait(timeout=60)
        return user(number)

    with ThreadPoolExecutor(max_workers=users, thread_name_prefix="bench-user") as pool:
        futures = [pool.submit(one, number) for number in range(users)]
        return [future.result() for future in futures]


def page_timings(url: str, page: str | None, users: int, reruns: int, sessions: int = 1) -> Timings:
    """`users` users at once each open `sessions` new sessions on `page` in turn, then rerun the last
    `reruns` times. At 1 user, `sessions` > 1 gives the new-session figure more than one sample."""

    def user(_: int) -> Timings:
        timings = Timings()
        for _ in range(sessions):
            opened = open_session(url, page)
            timings.new_session.append(opened.seconds)
        for _ in range(reruns):
            timings.rerun.append(rerun(url, opened.session_id).seconds)
        return timings

    return Timings.pooled(run_users(users, user))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between the closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
