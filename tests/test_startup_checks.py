"""Every set-up fault is found when the server starts, before the first page: logged, and the health
check fails (or, for the Streamlit settings the app depends on, the server stops naming the file).

Each case starts `streamlit run serve.py` (what `make run` does) from a folder of its own, with
one thing wrong: its .streamlit/ files, a copy of content/, or a setting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core.catalogue import CONTENT_DIR
from rehab_core.setup_checks import setup_problems, streamlit_config_problems
from tests.fixtures.server import APP_DIR, BASE_FLAGS, free_port

CONFIG = (APP_DIR / ".streamlit" / "config.toml").read_text()
START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Started:
    """How a server start ended: the health check's answer (None if it stopped), its log, exit code."""

    health: int | None
    body: str
    log: str
    exit_code: int | None


def start(folder: Path, env: dict[str, str] | None = None, app_dir: Path = APP_DIR) -> Started:
    """Start app_dir's serve.py from folder; wait for the health check to answer, or the server to stop."""
    port = free_port()
    log_path = folder / "server.log"
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("BACK_IN_ACTION_")
    }
    environment["BACK_IN_ACTION_DATABASE_URL"] = f"sqlite:///{folder / 'diary.sqlite3'}"
    environment["PYTHONUNBUFFERED"] = "1"
    environment |= env or {}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app_dir / "serve.py"), f"--server.port={port}"]
            + [flag for flag in BASE_FLAGS if not flag.startswith("--browser.gatherUsageStats")],
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return Started(None, "", log_path.read_text(), process.returncode)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    return Started(answer.status, answer.read().decode(), log_path.read_text(), None)
            except urllib.error.HTTPError as refused:
                return Started(refused.code, refused.read().decode(), log_path.read_text(), None)
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"the server neither answered nor stopped:\n{log_path.read_text()[-3000:]}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def folder_with(tmp_path: Path, secrets: str | None = None) -> Path:
    folder = tmp_path / "server"
    (folder / ".streamlit").mkdir(parents=True)
    if secrets is not None:
        (folder / ".streamlit" / "secrets.toml").write_text(secrets)
    return folder


def app_with_config(tmp_path: Path, config: str | None) -> Path:
    """The app, linked file by file, with its own .streamlit/config.toml replaced (or left out)."""
    app_dir = tmp_path / "app"
    app_dir.mkdir()
    for entry in APP_DIR.iterdir():
        if entry.name not in {".streamlit", ".git", "data"}:
            (app_dir / entry.name).symlink_to(entry)
    (app_dir / ".streamlit").mkdir()
    if config is not None:
        (app_dir / ".streamlit" / "config.toml").write_text(config)
    return app_dir


def content_with(tmp_path: Path, change: Callable[[Path], None]) -> dict[str, str]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    change(content)
    return {"BACK_IN_ACTION_CONTENT_DIR": str(content)}


def _set_first_illustration(name: str) -> Callable[[Path], None]:
    def change(content: Path) -> None:
        movements = content / "movements.toml"
        text = movements.read_text()
        at = text.index('illustration = "')
        end = text.index('"', at + len('illustration = "'))
        movements.write_text(f'{text[:at]}illustration = "{name}{text[end:]}')

    return change


def test_a_good_set_up_answers_the_health_check(tmp_path: Path) -> None:
    started = start(folder_with(tmp_path))
    assert (started.health, started.body) == (200, "ok"), started.log


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ("[server\nmaxUploadSize = 6\n", "not valid TOML"),
        (CONFIG.replace("maxUploadSize = 6\n", ""), "server.maxUploadSize must be 6"),
        (CONFIG.replace("postScriptGC = false", "postScriptGC = true"), "runner.postScriptGC must be false"),
        (None, "not found, so Streamlit runs on its own defaults"),
        (CONFIG + "\n[browser]\ngatherUsageStats = true\n", "not valid TOML"),
    ],
    ids=["broken", "incomplete", "wrong value", "missing", "a table twice"],
)
def test_a_wrong_streamlit_config_stops_the_server_naming_the_file(
    tmp_path: Path, config: str | None, named: str
) -> None:
    app_dir = app_with_config(tmp_path, config)
    started = start(app_dir, app_dir=app_dir)
    assert started.health is None and started.exit_code not in (None, 0), started.log
    assert f"Back in Action cannot start: {app_dir / '.streamlit' / 'config.toml'}: " in started.log
    assert named in started.log


@pytest.mark.parametrize(
    ("fault", "named"),
    [
        ("deleted Learn page", "content/learn/causes.md: missing"),
        ("missing illustration", "there is no drawing 'nope.svg' in content/illustrations/"),
        (
            "illustration outside its folder",
            "'../../../../etc/passwd' is not a file in content/illustrations/",
        ),
        ("room capacity abc", "BACK_IN_ACTION_ROOM_CAPACITY: a room holds a whole number"),
        ("room capacity 0", "BACK_IN_ACTION_ROOM_CAPACITY: a room holds a whole number"),
        ("malformed secrets.toml", "secrets.toml: not valid TOML"),
        ("every address a trusted proxy", "trusts every address as a proxy"),
        ("short owner's token", "BACK_IN_ACTION_OWNER_TOKEN: the owner's token must be at least 32"),
    ],
)
def test_a_content_or_setting_fault_is_logged_at_start_and_fails_the_health_check(
    tmp_path: Path, fault: str, named: str
) -> None:
    env: dict[str, str] = {}
    secrets = None
    if fault == "deleted Learn page":
        env = content_with(tmp_path, lambda content: (content / "learn" / "causes.md").unlink())
    elif fault == "missing illustration":
        env = content_with(tmp_path, _set_first_illustration("nope.svg"))
    elif fault == "illustration outside its folder":
        env = content_with(tmp_path, _set_first_illustration("../../../../etc/passwd"))
    elif fault.startswith("room capacity"):
        env = {"BACK_IN_ACTION_ROOM_CAPACITY": fault.removeprefix("room capacity ")}
    elif fault == "every address a trusted proxy":
        env = {"BACK_IN_ACTION_TRUSTED_PROXIES": "10.0.0.5, 0.0.0.0/0"}
    elif fault == "short owner's token":
        env = {"BACK_IN_ACTION_STORAGE_MODE": "local", "BACK_IN_ACTION_OWNER_TOKEN": "short"}
    else:
        secrets = 'database_url = "postgresql://user@127.0.0.1/diary\n'
    started = start(folder_with(tmp_path, secrets=secrets), env)
    assert started.health == 503, started.log
    assert named in started.body
    assert "Back in Action set-up problem (the health check fails until it is fixed): " in started.log
    assert named in started.log


def test_the_set_up_checks_find_nothing_wrong_in_the_projects_own_files() -> None:
    assert setup_problems({}, [APP_DIR / ".streamlit" / "secrets.toml"], ["causes", "spine"]) == []
    effective = {
        "browser.gatherUsageStats": False,
        "server.maxUploadSize": 6,
        "server.enableXsrfProtection": True,
        "runner.postScriptGC": False,
        "runner.magicEnabled": False,
    }
    assert streamlit_config_problems(APP_DIR / ".streamlit" / "config.toml", [], effective) == []


@pytest.mark.parametrize("stem", ["home", "workshop"])
def test_a_setting_fault_shows_on_every_page_in_words_instead_of_a_traceback(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, stem: str
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_ROOM_CAPACITY", "0")
    app = open_page(stem)
    assert not app.exception
    assert [error.value for error in app.error] == [
        "The app cannot start because its set-up needs fixing. BACK_IN_ACTION_ROOM_CAPACITY: "
        "a room holds a whole number of people from 3 to 10,000, got '0'"
    ]
