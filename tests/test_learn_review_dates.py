"""Each Learn page's "Last reviewed" date is honest: never older than the last commit that changed the
page's text or its questions (git log -1 --format=%cs -- path)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from rehab_core.knowledge_checks import checks_path
from rehab_core.learn import LEARN_DIR, learn_page, load_page, page_slugs

REPO = Path(__file__).resolve().parents[1]


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False, env=env)


def has_git_history(repo: Path) -> bool:
    """True when git is installed and repo is a checkout with at least one commit."""
    return shutil.which("git") is not None and _git(repo, "rev-parse", "--verify", "HEAD").returncode == 0


def last_changed(repo: Path, path: Path) -> dt.date | None:
    """The date of the last commit that changed path, or None if no commit has it yet."""
    result = _git(repo, "log", "-1", "--format=%cs", "--", str(path.relative_to(repo)))
    if result.returncode != 0:
        raise AssertionError(f"git log failed for {path}: {result.stderr.strip()}")
    out = result.stdout.strip()
    return dt.date.fromisoformat(out) if out else None


def stale_pages(repo: Path, learn_dir: Path) -> list[str]:
    """Each page whose last_reviewed date is older than the last commit that changed its text or
    its questions, as a sentence that says which page, both dates and what to do."""
    stale = []
    for page_file in sorted(learn_dir.glob("*.md")):
        page = load_page(page_file)
        files = [page_file, checks_path(page_file)]
        dates = [date for file in files if file.is_file() and (date := last_changed(repo, file))]
        if dates and max(dates) > page.last_reviewed:
            stale.append(
                f"{page_file.name}: last_reviewed is {page.last_reviewed}, but its text changed in a "
                f"commit of {max(dates)}. Review the page and set last_reviewed to the date you did."
            )
    return stale


def test_every_learn_page_was_reviewed_on_or_after_the_last_commit_that_changed_it() -> None:
    if not has_git_history(REPO):
        pytest.skip(
            "This checkout has no git history (no git, or no commits), so the review dates cannot be "
            "checked against the commits. CI runs on a clone with history, where this test runs."
        )
    assert set(page_slugs()) == {path.stem for path in LEARN_DIR.glob("*.md")}
    assert not stale_pages(REPO, LEARN_DIR)


def test_the_date_check_would_catch_a_page_changed_after_its_review(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed, so no repository can be made to try the check on")
    repo = tmp_path / "repo"
    learn_dir = repo / "content" / "learn"
    learn_dir.mkdir(parents=True)
    # A real page's text under an old review date, committed on a later day.
    source = (LEARN_DIR / "get_help.md").read_text(encoding="utf-8")
    reviewed = learn_page("get_help").last_reviewed
    (learn_dir / "get_help.md").write_text(
        source.replace(f"last_reviewed: {reviewed}", "last_reviewed: 2025-06-01"), encoding="utf-8"
    )
    (learn_dir / "get_help.checks.toml").write_text(
        (LEARN_DIR / "get_help.checks.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": "2026-03-02T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-03-02T12:00:00+00:00",
    }
    for args in (("init", "-q"), ("add", "."), ("commit", "-q", "-m", "a page changed")):
        assert _git(repo, *args, env=env).returncode == 0
    assert has_git_history(repo)
    [message] = stale_pages(repo, learn_dir)
    assert "get_help.md: last_reviewed is 2025-06-01" in message and "2026-03-02" in message
    # Reviewed on the day of the change: no longer stale.
    page = learn_dir / "get_help.md"
    page.write_text(page.read_text(encoding="utf-8").replace("2025-06-01", "2026-03-02"), encoding="utf-8")
    assert _git(repo, "commit", "-q", "-am", "reviewed", env=env).returncode == 0
    assert stale_pages(repo, learn_dir) == []


def test_a_folder_without_git_history_is_reported_as_such(tmp_path: Path) -> None:
    assert not has_git_history(tmp_path)
