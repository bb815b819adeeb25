"""Session state has one owner per key: ui/state.py is the only module that touches st.session_state."""

from __future__ import annotations

import ast
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import content, state

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


def test_the_registry_stays_whole_while_sessions_read_it_and_others_declare_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(state, "_DECLARED", dict(state._DECLARED))  # leave the app's registry as it was
    failures: list[BaseException] = []
    stop = threading.Event()

    def session() -> None:
        try:
            while not stop.is_set():
                state.init_state()  # what every run of every session does first
        except BaseException as error:  # the failure is what the test reports
            failures.append(error)

    def declaring(number: int) -> None:
        try:
            for index in range(2_000):
                state.declare(f"test_thread_{number}_{index}", dict, "tests.threads")
        except BaseException as error:
            failures.append(error)

    readers = [threading.Thread(target=session) for _ in range(4)]
    writers = [threading.Thread(target=declaring, args=(number,)) for number in range(4)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    for thread in readers:
        thread.join()
    assert failures == []
    assert len([key for key in state.declared() if key.owner == "tests.threads"]) == 8_000


def test_a_workshop_rooms_answers_never_grow_the_process_registry() -> None:
    before = len(state.declared())
    for code in range(5_000):
        key = content._answers_key(f"room_{code:06d}_0")
        assert key.name == f"room_{code:06d}_0_answers" and key.owner == "ui.content"
    assert len(state.declared()) == before
    assert content._answers_key(content.LEARN_CHECKS) in state.declared()
