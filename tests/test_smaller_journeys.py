"""Round three's smaller journeys: the safety check's words, the demo's feedback, demo data in a diary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core.demo import demo_check_ins, is_demo_check_in
from rehab_core.diary import new_check_in
from rehab_core.diary_files import ImportProblems, parse_import, to_csv

Open = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def _session_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "session")


def markdown(app: AppTest) -> str:
    return "\n".join(str(element.value) for element in app.markdown)


def test_the_safety_check_asks_to_tick_the_questions_answered_yes_not_true_statements(
    open_page: Open,
) -> None:
    text = markdown(open_page("assess"))
    assert "statement" not in text and "Tick each question your answer is yes to." in text


def test_loading_and_resetting_the_demo_say_so_and_the_address_keeps_the_demo_for_a_reload(
    open_page: Open,
) -> None:
    app = open_page("progress")
    app.session_state["demo_controls"] = True  # the person opens "Workshop demo" in the sidebar
    app.run()
    app.button(key="demo_load").click().run()
    assert any("Demo diary loaded" in str(toast.value) for toast in app.toast)
    assert app.query_params.get("demo") in ("1", ["1"])
    app.switch_page("pages/checkin.py").run()
    assert app.query_params.get("demo") in ("1", ["1"]), "still there after a page switch"
    app.session_state["demo_controls"] = True
    app.run()
    app.button(key="demo_reset").click().run()
    assert any("Demo data cleared" in str(toast.value) for toast in app.toast)
    assert "demo" not in app.query_params


def test_a_demo_check_in_is_known_by_its_id_and_a_persons_own_is_not() -> None:
    assert all(map(is_demo_check_in, demo_check_ins(today=date(2026, 3, 1))))
    assert not is_demo_check_in(
        demo_check_ins()[0].__class__(**{**demo_check_ins()[0].__dict__, "id": "0" * 32})
    )
    own = new_check_in("someone", demo_check_ins()[0].at, 3)
    assert not is_demo_check_in(own)


def upload(app: AppTest, data: bytes) -> None:
    key = f"progress_import_{app.session_state['progress_import_round']}"
    app.file_uploader(key=key).upload("diary.csv", data).run()  # type: ignore[attr-defined]


def test_importing_demo_data_into_a_personal_diary_warns_first(open_page: Open) -> None:
    app = open_page("progress")
    upload(app, to_csv(demo_check_ins()))
    assert not app.exception
    assert any("workshop demo" in str(warning.value) for warning in app.warning)
    own = open_page("progress")
    upload(own, to_csv([new_check_in("me", demo_check_ins()[0].at, 3)]))
    assert not any("workshop demo" in str(warning.value) for warning in own.warning)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (b'{"check_ins": [{"id": "abc', "a text in quotes is not closed (at line 1, character 23)"),
        (b"[1,]", "a value is missing"),
        (b'{"format": 1}\n{"more": 2}', "there is more after the end of the diary (at line 2, character 1)"),
    ],
)
def test_a_broken_json_file_is_explained_in_a_persons_words_with_where_to_look(
    text: bytes, words: str
) -> None:
    with pytest.raises(ImportProblems) as refused:
        parse_import(text, "diary.json", "me")
    message = refused.value.problems[0]
    assert words in message
    assert not any(jargon in message for jargon in ("Unterminated", "Expecting", "delimiter", "Extra data"))
