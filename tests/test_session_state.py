"""Session state has one owner per key: ui/state.py is the only module that touches st.session_state."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import state

PROJECT_DIR = Path(__file__).resolve().parents[1]
APP_CODE = sorted(
    [PROJECT_DIR / "app.py", *(PROJECT_DIR / "ui").glob("*.py"), *(PROJECT_DIR / "pages").glob("*.py")]
)


def touches_session_state(path: Path) -> list[int]:
    """Lines where the file names st.session_state (or session_state imported from streamlit)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr == "session_state")
        or (isinstance(node, ast.alias) and node.name == "session_state")
    )


@pytest.mark.parametrize("path", APP_CODE, ids=lambda path: str(path.relative_to(PROJECT_DIR)))
def test_no_module_but_ui_state_touches_session_state(path: Path) -> None:
    if path == PROJECT_DIR / "ui" / "state.py":
        assert touches_session_state(path), "ui/state.py is where session state is kept"
        return
    assert touches_session_state(path) == [], f"{path.name}: ask the key's owner (ui/state.py Key) instead"


def test_a_key_cannot_be_declared_by_two_owners(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state, "_DECLARED", dict(state._DECLARED))  # leave the app's registry as it was
    state.declare("test_only_key", lambda: 0, "tests.one_owner")
    state.declare("test_only_key", lambda: 0, "tests.one_owner")  # the same owner again (a page rerun)
    with pytest.raises(ValueError, match=r"already owned by tests\.one_owner"):
        state.declare("test_only_key", lambda: 0, "tests.another_owner")


def test_every_key_the_app_uses_is_declared_with_its_owner(open_page: Callable[..., AppTest]) -> None:
    app = open_page("assess")
    for page in ("checkin", "progress", "join", "workshop", "living"):
        app.switch_page(f"pages/{page}.py").run()
        assert not app.exception
    declared = {key.name: key.owner for key in state.declared()}
    for name in ("assess", "flash_message", "demo_diary", "session_diary", "store_problem_shown"):
        assert name in declared, name
    assert declared["assess"] == "ui.assess_state"
    assert declared["demo_diary"] == "ui.demo"
    assert declared["room_joined"] == "ui.room_state"
