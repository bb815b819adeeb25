"""No secret is ever committed: the secrets file is ignored and no tracked file holds sign-in secrets."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SECRET_LINE = re.compile(r"^\s*(client_secret|cookie_secret|password)\s*=\s*\"[^\"]{8,}\"", re.MULTILINE)

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (REPO / ".git").exists(), reason="needs the git checkout"
)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout


def test_the_streamlit_secrets_file_is_ignored_by_git() -> None:
    assert git("check-ignore", ".streamlit/secrets.toml").strip() == ".streamlit/secrets.toml"


def test_no_tracked_file_is_a_secrets_file_or_holds_a_secret_value() -> None:
    tracked = git("ls-files").splitlines()
    assert not [name for name in tracked if name.endswith("secrets.toml")]
    leaks = []
    for name in tracked:
        path = REPO / name
        readable = path.suffix in {".toml", ".py", ".env", ".ini", ".cfg", ".yaml", ".yml"} and path.is_file()
        if readable and SECRET_LINE.search(path.read_text(errors="replace")):
            leaks.append(name)
    assert not leaks, f"files that look like they hold secrets: {leaks}"
