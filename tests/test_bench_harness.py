"""The benchmark's own machinery works: it starts a real app, drives it through the agent API and
returns numbers that make sense. No timing is asserted here; timings belong to `make bench`."""

from __future__ import annotations

import json
import random
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.bench.agent_client import (
    FRAME_APP,
    MINIMAL_APP,
    PROJECT_CONFIG,
    AgentError,
    Reply,
    config_flags,
    minimal_app_flags,
    open_session,
    page_paths,
    page_timings,
    percentile,
    rerun,
    serve,
    titles,
)
from tests.bench.bench_pages import PAGE_FLAGS, settled_timings

# One worker runs them all, so the minimal app starts once.
pytestmark = pytest.mark.xdist_group("bench_harness")


@pytest.fixture(scope="module")
def minimal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(MINIMAL_APP, log_dir=tmp_path_factory.mktemp("bench-minimal")) as server:
        yield server.url


def test_a_new_session_on_the_minimal_app_shows_its_title_and_one_slider(minimal_url: str) -> None:
    opened = open_session(minimal_url)

    assert titles(opened.snapshot) == ["Minimal app"]
    assert [action["key"] for action in opened.snapshot["actions"]] == ["number"]
    assert page_paths(opened.snapshot) == [""]
    assert opened.seconds > 0


def test_the_frame_floor_is_the_apps_frame_and_navigation_around_the_minimal_apps_content(
    tmp_path: Path,
) -> None:
    from ui.frame import SAFETY_NOTICE
    from ui.navigation import existing_pages

    with serve(FRAME_APP, env={"BACK_IN_ACTION_STORAGE_MODE": "session"}, log_dir=tmp_path) as server:
        opened = open_session(server.url)
        again = rerun(server.url, opened.session_id)

    assert titles(again.snapshot) == ["Minimal app"]
    assert [action["key"] for action in again.snapshot["actions"]] == ["number", "demo_controls"]
    assert SAFETY_NOTICE in json.dumps(again.snapshot), "the frame's safety notice is drawn"
    app_paths = ["" if spec.url_path == "home" else spec.url_path for spec in existing_pages()]
    assert sorted(page_paths(again.snapshot)) == sorted(app_paths)


def test_a_rerun_keeps_the_session_and_draws_the_same_page(minimal_url: str) -> None:
    opened = open_session(minimal_url)

    again = rerun(minimal_url, opened.session_id)
    once_more = rerun(minimal_url, again.session_id)

    assert again.session_id == opened.session_id == once_more.session_id
    assert titles(once_more.snapshot) == ["Minimal app"]
    assert once_more.seconds > 0


def test_simulated_users_each_open_one_session_and_rerun_a_fixed_number_of_times(minimal_url: str) -> None:
    timings = page_timings(minimal_url, None, users=3, reruns=2)

    assert len(timings.new_session) == 3
    assert len(timings.rerun) == 6
    assert all(seconds > 0 for seconds in timings.new_session + timings.rerun)


def test_a_session_the_server_does_not_know_is_reported_not_ignored(minimal_url: str) -> None:
    with pytest.raises(AgentError, match="unknown_session"):
        rerun(minimal_url, "s_no_such_session")


def test_the_server_is_stopped_when_the_benchmark_leaves_it(tmp_path: Path) -> None:
    with serve(MINIMAL_APP, log_dir=tmp_path) as server:
        process = server.process
        assert process.poll() is None

    assert process.poll() is not None


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([3.0], 95, 3.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 50, 3.0),
        ([4.0, 1.0, 3.0, 2.0], 50, 2.5),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 95, 4.8),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 100, 5.0),
    ],
)
def test_percentiles_interpolate_between_the_closest_ranks(
    values: list[float], q: float, expected: float
) -> None:
    assert percentile(values, q) == pytest.approx(expected)


def test_a_percentile_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)


def test_the_five_year_diary_holds_one_check_in_a_day_for_the_local_owner(tmp_path: Path) -> None:
    from rehab_core.database import open_engine
    from rehab_core.store import SqlDiary
    from tests.bench.bench_pages import five_year_diary

    url = five_year_diary(tmp_path / "diary.sqlite3", days=40)

    engine = open_engine(url)
    try:
        check_ins = SqlDiary(engine).list("local")
    finally:
        engine.dispose()
    assert len(check_ins) == 40
    days = [check_in.at.date() for check_in in check_ins]
    assert len(set(days)) == 40
    assert all(0 <= check_in.pain <= 10 for check_in in check_ins)


def test_workshop_phones_take_every_page_round_whole_starting_at_different_pages(minimal_url: str) -> None:
    from tests.bench.bench_pages import Pace, workshop_timings

    taken: dict[str, list[tuple[int, int]]] = {}

    def step(page: int, tap: int) -> Callable[[str], Reply]:
        def take(session_id: str) -> Reply:
            taken.setdefault(session_id, []).append((page, tap))
            return rerun(minimal_url, session_id)

        return take

    rounds = [[step(page, 0), step(page, 1)] for page in range(3)]
    timings = workshop_timings(minimal_url, 4, Pace(arrivals_s=0.2, think_s=(0.0, 0.05)), rounds)

    assert len(timings.new_session) == 4
    assert len(timings.rerun) == 4 * 6
    assert len(taken) == 4  # one session a phone
    for taps in taken.values():
        first = taps[0][0]
        expected_pages = [(first + offset) % 3 for offset in range(3)]
        assert taps == [(page, tap) for page in expected_pages for tap in (0, 1)]
    assert sorted(taps[0][0] for taps in taken.values()) == [0, 0, 1, 2]


def test_a_workshop_pace_stays_within_its_bounds_and_repeats_for_the_same_phone() -> None:
    from tests.bench.bench_pages import WORKSHOP_PACE

    first, again = random.Random(7), random.Random(7)
    delays = [WORKSHOP_PACE.start_delay(first) for _ in range(50)]
    pauses = [WORKSHOP_PACE.think(first) for _ in range(50)]

    assert all(0.0 <= delay <= WORKSHOP_PACE.arrivals_s for delay in delays)
    assert all(WORKSHOP_PACE.think_s[0] <= pause <= WORKSHOP_PACE.think_s[1] for pause in pauses)
    assert delays == [WORKSHOP_PACE.start_delay(again) for _ in range(50)]


def test_the_memory_of_a_running_server_is_read_from_the_system(tmp_path: Path) -> None:
    from tests.bench.bench_pages import memory_mib

    with serve(MINIMAL_APP, log_dir=tmp_path) as server:
        now, peak = memory_mib(server)

    assert 10 < now <= peak < 10_000


def test_the_readme_table_shows_every_page_with_its_ratios_and_marks_each_miss() -> None:
    from tests.bench.__main__ import Result
    from tests.bench.report import NOT_MEASURED as NA
    from tests.bench.report import page_table

    def result(name: str, value: float, target: float | None = 1.5) -> dict[str, object]:
        row = Result("pages", name, value, "x minimal app", target)
        return {"name": row.name, "value": row.value, "unit": row.unit, "within_target": row.within_target}

    results = [
        result("Minimal app, 1 user: rerun p50", 29.0, None),
        result("Home, 1 user: rerun p50", 0.69),
        result("Home, 60 users: rerun p95", 2.4, 2.0),
        result("Check-in, 1 user: rerun p50", 0.76),
        result("Home, cold: rendered", 1.45),
        result("My progress, five years of check-ins, warm: rendered", 1.51),
    ]

    lines = page_table(results).splitlines()

    assert lines[0].startswith("| Page | rerun p50, 1 user |")
    assert lines[2] == f"| Home | 0.69 | {NA} | {NA} | {NA} | 2.40 ✗ | {NA} | 1.45 | {NA} |"
    assert lines[3] == f"| Check-in | 0.76 | {NA} | {NA} | {NA} | {NA} | {NA} | {NA} | {NA} |"
    assert lines[4].startswith(f"| My progress, five years of check-ins (Chromium, local mode) | {NA} |")
    assert lines[4].endswith("| 1.51 ✗ |")
    assert len(lines) == 5


def test_the_minimal_app_gets_every_setting_of_the_projects_config_toml_as_a_flag(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        "[runner]\npostScriptGC = false\nmagicEnabled = false\n[server]\nmaxUploadSize = 6\n"
        '[theme.light]\nprimaryColor = "#1f6f5c"\n',
        encoding="utf-8",
    )
    assert config_flags(config) == (
        "--runner.postScriptGC=false",
        "--runner.magicEnabled=false",
        "--server.maxUploadSize=6",
        "--theme.light.primaryColor=#1f6f5c",
    )
    project = tomllib.loads(PROJECT_CONFIG.read_text(encoding="utf-8"))
    flags = minimal_app_flags(("--server.headless=true",))
    assert "--runner.postScriptGC=false" in flags and "--runner.magicEnabled=false" in flags
    assert len(flags) == sum(len(table) for table in _leaf_tables(project)) + 1
    assert flags[-1] == "--server.headless=true", "a case's own flags come last and win"


def _leaf_tables(table: dict[str, object]) -> list[dict[str, object]]:
    leaves = {key: value for key, value in table.items() if not isinstance(value, dict)}
    nested = [value for value in table.values() if isinstance(value, dict)]
    return [leaves, *(leaf for child in nested for leaf in _leaf_tables(child))]


def test_the_minimal_app_runs_with_the_projects_settings(tmp_path: Path) -> None:
    # The settings reach the running server: its command line holds them.
    with serve(MINIMAL_APP, log_dir=tmp_path) as server:
        command = Path(f"/proc/{server.process.pid}/cmdline").read_bytes().split(b"\0")
    assert b"--runner.postScriptGC=false" in command and b"--runner.magicEnabled=false" in command


def test_phones_through_nginx_keep_their_sessions_on_one_replica_and_both_replicas_take_phones(
    minimal_url: str, tmp_path: Path
) -> None:
    """The replica bench's machinery: each phone's own sticky cookie keeps its session on one replica."""
    from tests.bench.bench_pages import Pace, workshop_timings
    from tests.bench.bench_replicas import phone_cookie
    from tests.fixtures.nginx import running_nginx, upstreams_of

    with (
        serve(MINIMAL_APP, log_dir=tmp_path) as second,
        running_nginx([int(minimal_url.rsplit(":", 1)[1]), second.port]) as nginx,
    ):
        rounds = [[lambda session_id: rerun(nginx.url, session_id)] * 2]
        # A rerun that reached the other replica would raise AgentError (unknown_session).
        timings = workshop_timings(nginx.url, 12, Pace(0.0, (0.0, 0.0)), rounds, cookie_of=phone_cookie)
        by_replica = upstreams_of(nginx.access_log(), "/_stcore/agent/interact")

    assert len(timings.every_request) == 12 * 3
    assert len(by_replica) == 2 and sum(by_replica.values()) == 12 * 3


def test_the_readme_table_says_how_many_samples_each_ratio_rests_on() -> None:
    from tests.bench.agent_client import sample_rows
    from tests.bench.report import page_table

    def ratio(name: str, value: float) -> dict[str, object]:
        return {"name": name, "value": value, "unit": "x minimal app", "within_target": True}

    def counts(name: str, ours: int, floor: int) -> list[dict[str, object]]:
        return [
            {"name": row_name, "value": value, "unit": unit, "within_target": None}
            for row_name, value, unit in sample_rows(name, ours, floor)
        ]

    results = [
        *(ratio(f"{title}, 1 user: rerun p50", 1.0) for title in ("Home", "About", "Odd")),
        ratio("Home, 1 user: new session p50", 1.1),
        *counts("Home, 1 user: new session p50", 20, 40),
        ratio("About, 1 user: new session p50", 0.9),
        *counts("About, 1 user: new session p50", 20, 40),
        ratio("Odd, 1 user: new session p50", 1.0),
        *counts("Odd, 1 user: new session p50", 3, 40),
        ratio("Home, cold: rendered", 1.2),
        *counts("Home, cold: rendered", 7, 7),
    ]

    lines = page_table(results).splitlines()

    assert "| new session, 1 user (n = 20 / 40) |" in lines[0]
    assert "| rendered, cold (n = 7 / 7) |" in lines[0]
    assert "| rerun p50, 1 user |" in lines[0]  # no counts in the run: none claimed
    assert "| 1.00 (n = 3 / 40) |" in lines[4]  # a count unlike its column's says its own
    assert "| 1.10 |" in lines[2]


def test_at_one_user_the_new_session_figure_rests_on_twenty_sessions(minimal_url: str) -> None:
    from tests.bench.bench_pages import SESSIONS_AT_ONE_USER

    timings = page_timings(minimal_url, None, users=1, reruns=2, sessions=SESSIONS_AT_ONE_USER)

    assert SESSIONS_AT_ONE_USER >= 20
    assert len(timings.new_session) == SESSIONS_AT_ONE_USER
    assert len(timings.rerun) == 2


def test_every_page_ratio_row_comes_with_its_sample_counts() -> None:
    from tests.bench.agent_client import Timings, samples_name
    from tests.bench.bench_pages import _ratio_rows

    page = Timings(new_session=[1.0] * 20, rerun=[1.0] * 10)
    minimal = Timings(new_session=[1.0] * 40, rerun=[1.0] * 20)
    rows = {name: value for name, value, _ in _ratio_rows("Home", 1, page, minimal)}

    assert rows[samples_name("Home, 1 user: new session p50")] == 20
    assert rows[samples_name("Home, 1 user: new session p50", of_floor=True)] == 40
    assert rows[samples_name("Home, 1 user: rerun p95")] == 10


def test_the_soak_uploads_take_turns_between_files_the_app_accepts_and_files_it_refuses() -> None:
    from rehab_core.diary_files import ImportProblems, parse_import
    from tests.bench.bench_soak import KINDS, TARGETS, UPLOADS, upload_file

    seen = set()
    for number in range(1, 11):
        kind, name, data, valid = upload_file(number)
        seen.add(kind)
        if valid:
            assert len(parse_import(data, name, "someone")) >= 200
        else:
            with pytest.raises(ImportProblems):
                parse_import(data, name, "someone")
    assert seen == set(KINDS)
    assert UPLOADS in (12, 50) and list(TARGETS.values()) == [50.0]


def test_the_ab_tool_measures_a_page_of_two_revisions_in_rounds_whose_order_turns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.bench.ab import extract_revision, main, order_of

    assert [order_of(number, ["base", "this", "minimal app"]) for number in range(3)] == [
        ["base", "this", "minimal app"],
        ["this", "minimal app", "base"],
        ["minimal app", "base", "this"],
    ]
    tree = extract_revision("HEAD", tmp_path)
    assert (tree / "tests" / "bench" / "frame_app.py").is_file() and (tree / "app.py").is_file()

    arguments = ["--base", "HEAD", "--rounds", "2", "--reruns", "3", "--sessions", "1"]
    assert main(["minimal", *arguments, "--users", "2", "--load-reruns", "1", "--no-minimal"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "agent-API tree nodes: this 7, base 7"
    )  # root, main, sidebar, event, bottom, title, slider
    assert lines[1].startswith("CPU per rerun: this ") and "(median of 2 rounds of 3)" in lines[1]
    assert lines[2].startswith("CPU per new session: ") and "(median of 2 rounds of 1)" in lines[2]
    assert "2 users, rerun p50: " in lines[3] and "(n = 4 / 4)" in lines[3]  # 2 users x 1 rerun x 2 rounds
    assert "2 users, new session p50: " in lines[5] and "(n = 4 / 4)" in lines[5]


def test_each_page_is_measured_with_only_its_own_sessions_open_on_the_server(tmp_path: Path) -> None:
    with serve(MINIMAL_APP, flags=PAGE_FLAGS, log_dir=tmp_path) as server:
        earlier = open_session(server.url)  # a session the measurement before left open
        timings = settled_timings(server.url, None, users=2, reruns=1, sessions=1)
        assert len(timings.rerun) == 2
        with pytest.raises(AgentError, match="unknown_session"):
            rerun(server.url, earlier.session_id)


def test_the_report_puts_each_page_under_load_against_the_frame_floor_in_a_table_of_its_own() -> None:
    from tests.bench.__main__ import Result
    from tests.bench.report import FRAME_COLUMNS, page_table

    def result(name: str, value: float, target: float) -> dict[str, object]:
        row = Result("pages", name, value, "x frame floor", target)
        return {"name": row.name, "value": row.value, "unit": row.unit, "within_target": row.within_target}

    results = [
        result("Home, 60 users: rerun p50", 3.1, 1.5),  # against the minimal app: not in this table
        result("Home, 60 users: rerun p50 against the frame floor", 1.31, 1.5),
        result("Home, 60 users: rerun p95 against the frame floor", 2.2, 2.0),
        result("Home, 60 users: new session p50 against the frame floor", 1.4, 1.5),
        result("About, 60 users: rerun p50 against the frame floor", 0.9, 1.5),
    ]

    lines = page_table(results, FRAME_COLUMNS).splitlines()

    assert lines[0] == "| Page | rerun p50, 60 users | rerun p95, 60 users | new session, 60 users |"
    assert lines[2] == "| Home | 1.31 | 2.20 ✗ | 1.40 |"
    assert lines[3] == "| About | 0.90 | \N{EN DASH} | \N{EN DASH} |"
    assert len(lines) == 4
