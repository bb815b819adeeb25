"""Knowledge checks: each Learn page's questions load whole or stop start-up naming file and question,
and on the page each one answers at once with a reason and a link back, counted per page and on Home."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core import InvalidInput, protocol
from rehab_core.knowledge_checks import (
    KnowledgeCheck,
    answers_from_text,
    answers_to_text,
    heading_anchor,
    heading_anchors,
    score,
)
from rehab_core.learn import LEARN_DIR, knowledge_check, knowledge_checks, learn_page, load_page, page_slugs
from ui.navigation import existing_pages

PAGE = """---
title: A page
summary: What the page is about.
sources:
  - name: NHS back pain
    url: https://www.nhs.uk/conditions/back-pain/
last_reviewed: 2025-06-01
---
## Keep moving

Rest above {{ REHAB_MAX_PAIN }}.

## Hurt is not harm

Pain is not damage.
"""

CHECKS = """[[question]]
id = "rest"
prompt = "Rest and ice only above which pain?"
options = ["{{ REHAB_MAX_PAIN }}", "{{ PAIN_MIN }}"]
answer = "{{ REHAB_MAX_PAIN }}"
explanation = "Above {{ REHAB_MAX_PAIN }} it is rest and ice only."
anchor = "keep-moving"

[[question]]
id = "harm"
prompt = "Does pain mean damage?"
options = ["Yes", "No"]
answer = "No"
explanation = "Pain is not a measure of damage."
anchor = "hurt-is-not-harm"
"""


def write_page(tmp_path: Path, checks: str = CHECKS) -> Path:
    page = tmp_path / "broken.md"
    page.write_text(PAGE, encoding="utf-8")
    (tmp_path / "broken.checks.toml").write_text(checks, encoding="utf-8")
    return page


def test_a_page_loads_with_its_questions_each_with_a_stable_id_and_filled_numbers(tmp_path: Path) -> None:
    page = load_page(write_page(tmp_path))
    rest, harm = page.checks
    assert rest.id == "broken/rest" and harm.id == "broken/harm"
    assert rest.options == (str(protocol.REHAB_MAX_PAIN), str(protocol.PAIN_MIN))
    assert rest.answer == str(protocol.REHAB_MAX_PAIN) and rest.answer_index == 0
    assert rest.explanation == f"Above {protocol.REHAB_MAX_PAIN} it is rest and ice only."
    assert harm.is_correct("No") and not harm.is_correct("Yes")
    assert harm.anchor == "hurt-is-not-harm"


def test_a_page_without_a_question_file_has_no_questions(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text(PAGE, encoding="utf-8")
    assert load_page(path).checks == ()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: t.replace('answer = "No"\n', ""), "question 2 (harm): no correct answer"),
        (lambda t: t.replace('answer = "No"', 'answer = "Maybe"'), "question 2 (harm), field 'answer'"),
        (lambda t: t.replace('["Yes", "No"]', '["Yes", "No", "no"]'), "question 2 (harm), field 'options'"),
        (lambda t: t.replace('["Yes", "No"]', '["No"]'), "at least 2 options"),
        (lambda t: t.replace('anchor = "hurt-is-not-harm"', 'anchor = "hurt"'), "'hurt' is not a heading"),
        (lambda t: t.replace('id = "harm"', 'id = "rest"'), "the question id 'rest' is used twice"),
        (lambda t: t.replace('id = "harm"', 'id = "Harm It"'), "must be lower case words"),
        (
            lambda t: t.replace('anchor = "keep-moving"', 'anchor = "keep-moving"\nhint = "x"'),
            "unknown field",
        ),
        (lambda t: t.replace("{{ PAIN_MIN }}", "{{ PAIN_MINN }}"), "unknown placeholder"),
        (lambda t: t.replace('prompt = "Does pain mean damage?"\n', ""), "field 'prompt'"),
        (lambda t: t.split('[[question]]\nid = "harm"')[0], "2 to 4 questions"),
        (lambda t: t.replace("[[question]]", "[[questions]]"), "unknown table 'questions'"),
        (lambda t: t.replace("[[question]]", "[question", 1), "not valid TOML"),
    ],
)
def test_a_malformed_question_stops_loading_naming_the_file_and_the_question(
    tmp_path: Path, change: Callable[[str], str], problem: str
) -> None:
    broken = change(CHECKS)
    assert broken != CHECKS
    with pytest.raises(InvalidInput) as raised:
        load_page(write_page(tmp_path, broken))
    assert "broken.checks.toml" in str(raised.value)
    assert problem in str(raised.value)


def test_anchors_are_made_as_streamlit_makes_heading_anchors() -> None:
    assert heading_anchor("Stress, mood and sleep") == "stress-mood-and-sleep"
    assert heading_anchor("The neck: cervical spine") == "the-neck-cervical-spine"
    assert heading_anchor("Heat & ice") == "heat-and-ice"
    assert heading_anchor("What it's for") == "what-its-for"
    assert heading_anchors("## One\n\ntext\n\n### Two three\n") == ("one", "two-three")


def test_every_shipped_question_links_back_to_a_heading_of_its_own_page() -> None:
    for check in knowledge_checks():
        assert check.anchor in heading_anchors(learn_page(check.page).body), check.id
        assert check.answer in check.options and len(set(check.options)) == len(check.options)
        assert check.explanation.endswith(".") and check.explanation.count(". ") == 0, check.id


def test_every_page_of_the_learn_navigation_has_questions() -> None:
    learn_stems = {spec.url_path for spec in existing_pages() if spec.section == "Learn"}
    assert learn_stems == set(page_slugs())
    assert all(learn_page(stem).checks for stem in learn_stems)


def test_a_question_is_found_by_its_stable_id_and_an_unknown_id_is_refused() -> None:
    first = knowledge_checks()[0]
    assert knowledge_check(first.id) == first
    with pytest.raises(InvalidInput, match="unknown knowledge check"):
        knowledge_check("nowhere/none")


def test_score_counts_answered_and_right_answers_only() -> None:
    checks = learn_page("rehab").checks
    right, wrong = checks[0], checks[1]
    wrong_option = next(option for option in wrong.options if not wrong.is_correct(option))
    assert score(checks, {}) == (0, 0)
    assert score(checks, {right.id: right.answer, wrong.id: wrong_option, "other/x": "y"}) == (2, 1)


def check_radios(app: AppTest) -> list[object]:
    return [radio for radio in app.radio if str(radio.key or "").startswith("learn_check__")]


def radio_of(app: AppTest, check: KnowledgeCheck) -> object:
    return app.radio(key=f"learn_check__{check.id.replace('/', '__')}")


@pytest.mark.parametrize("stem", ["living", "bad_days", "stretches", "spine", "get_help"])
def test_each_learn_page_ends_with_its_questions_and_none_is_answered_in_advance(
    open_page: Callable[..., AppTest], stem: str
) -> None:
    app = open_page(stem)
    assert not app.exception
    page = learn_page(stem)
    assert "Check yourself" in [subheader.value for subheader in app.subheader]
    radios = check_radios(app)
    assert len(radios) == len(page.checks)
    for radio, check in zip(radios, page.checks, strict=True):
        assert radio.value is None  # type: ignore[attr-defined]
        assert list(radio.options) == list(check.options)  # type: ignore[attr-defined]
        assert check.prompt in radio.label  # type: ignore[attr-defined]
    assert f"You have answered 0 of {len(page.checks)}." in "\n".join(m.value for m in app.markdown)


def test_an_answer_gets_instant_feedback_with_its_reason_and_a_link_back(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("living")
    first, second, *rest = learn_page("living").checks
    radio_of(app, first).set_value(first.answer).run()  # type: ignore[attr-defined]
    assert not app.exception
    success = app.success[0].value
    assert success.startswith("**Right.**") and first.explanation in success
    assert f"](#{first.anchor})" in success and "Read “What to expect” again" in success
    wrong = next(option for option in second.options if not second.is_correct(option))
    radio_of(app, second).set_value(wrong).run()  # type: ignore[attr-defined]
    warning = app.warning[0].value
    assert "**Not quite.**" in warning and f"The answer is: {second.answer}." in warning
    assert f"](#{second.anchor})" in warning
    body = "\n".join(markdown.value for markdown in app.markdown)
    assert f"You have answered 2 of {len(rest) + 2}." in body
    for check in rest:
        radio_of(app, check).set_value(check.answer).run()  # type: ignore[attr-defined]
    body = "\n".join(markdown.value for markdown in app.markdown)
    assert f"**You got {len(rest) + 1} of {len(rest) + 2}.**" in body


def test_home_shows_which_learn_pages_this_session_has_checked(open_page: Callable[..., AppTest]) -> None:
    app = open_page("rehab")
    checks = learn_page("rehab").checks
    for check in checks:
        radio_of(app, check).set_value(check.answer).run()  # type: ignore[attr-defined]
    first = learn_page("living").checks[0]
    app.switch_page("pages/living.py").run()
    radio_of(app, first).set_value(first.answer).run()  # type: ignore[attr-defined]
    app.switch_page("pages/home.py").run()
    assert not app.exception
    body = "\n".join(markdown.value for markdown in app.markdown)
    assert f"Checked: you got {len(checks)} of {len(checks)}." in body
    assert f"1 of {len(learn_page('living').checks)} answered." in body
    assert "Not checked yet." in body
    links = {(link.proto.page, link.proto.label) for link in app.get("page_link")}
    for spec in existing_pages():
        if spec.section == "Learn":
            assert (spec.url_path, spec.title) in links, spec.file


def test_an_answer_comes_back_when_the_learner_returns_to_the_page(open_page: Callable[..., AppTest]) -> None:
    app = open_page("stretches")
    check = learn_page("stretches").checks[0]
    radio_of(app, check).set_value(check.answer).run()  # type: ignore[attr-defined]
    app.switch_page("pages/home.py").run()
    app.switch_page("pages/stretches.py").run()
    assert radio_of(app, check).value == check.answer  # type: ignore[attr-defined]
    assert app.success and check.explanation in app.success[0].value


def test_render_checks_calls_on_answer_once_per_pick_with_the_question_and_whether_it_is_right() -> None:
    def room() -> None:
        import streamlit as st

        from rehab_core.learn import learn_page as page_of
        from ui.knowledge_checks import render_checks

        st.session_state.setdefault("heard", [])

        def heard(check: object, option: str, right: bool) -> None:
            st.session_state.heard.append((getattr(check, "id", ""), option, right))

        page = page_of("rehab")
        render_checks(page.checks, {}, key_prefix="room", on_answer=heard, title="Room quiz")

    app = AppTest.from_function(room, default_timeout=30).run()
    check = learn_page("rehab").checks[0]
    wrong = next(option for option in check.options if not check.is_correct(option))
    app.radio(key=f"room__{check.id.replace('/', '__')}").set_value(wrong).run()
    app.radio(key=f"room__{check.id.replace('/', '__')}").set_value(check.answer).run()
    assert app.session_state.heard == [(check.id, wrong, False), (check.id, check.answer, True)]
    assert app.session_state["room_answers"] == {check.id: check.answer}
    assert "learn_check_answers" not in app.session_state  # a room's answers never mix with the pages'


def test_the_shipped_question_files_sit_beside_their_pages() -> None:
    for path in LEARN_DIR.glob("*.checks.toml"):
        assert (LEARN_DIR / path.name.replace(".checks.toml", ".md")).is_file(), path.name


def test_a_pages_answers_go_into_a_short_text_and_come_back_the_same() -> None:
    checks = learn_page("rehab").checks
    first, second = checks[0], checks[1]
    given = {first.id: first.options[1], second.id: second.options[0]}
    text = answers_to_text(checks, given)
    page, picks, digest = text.split(".")
    assert (page, picks, len(digest)) == ("rehab", "21" + "0" * (len(checks) - 2), 6)
    assert answers_from_text(checks, text) == given
    assert answers_to_text(checks, {}) == ""
    assert answers_from_text(checks, "") == {}


@pytest.mark.parametrize(
    "picks",
    ["rehab.2", "rehab.21" + "0" * 9, "rehab.9999", "rehab.2a00", "rehab.²100", "2100", "living.2100"],
)
def test_an_address_text_that_does_not_fit_the_pages_questions_gives_no_answers(picks: str) -> None:
    checks = learn_page("rehab").checks[:4]
    digest = answers_to_text(checks, {checks[0].id: checks[0].options[1]}).rsplit(".", 1)[1]
    assert answers_from_text(checks, f"rehab.2100.{digest}"), "the same text fits its own page"
    assert answers_from_text(checks, f"{picks}.{digest}") == {}
    assert answers_from_text(checks, picks) == {}


def test_answers_kept_before_the_questions_changed_are_not_read_as_picks_of_the_new_ones() -> None:
    checks = learn_page("rehab").checks[:4]
    text = answers_to_text(checks, {check.id: check.options[0] for check in checks})
    first = checks[0]
    reordered = (replace(first, options=(*first.options[1:], first.options[0])), *checks[1:])
    assert answers_from_text(checks, text)
    assert answers_from_text(reordered, text) == {}


def address_query(app: AppTest) -> dict[str, str]:
    return {name: value[-1] if isinstance(value, list) else value for name, value in app.query_params.items()}


def test_a_reload_of_a_learn_page_keeps_its_answers_through_its_address(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("living")
    first, second, *rest = learn_page("living").checks
    wrong = next(option for option in second.options if not second.is_correct(option))
    radio_of(app, first).set_value(first.answer).run()  # type: ignore[attr-defined]
    radio_of(app, second).set_value(wrong).run()  # type: ignore[attr-defined]
    query = address_query(app)
    assert "answers" in query
    reloaded = open_page("living", query=query)  # a reload: a new session with the same address
    assert not reloaded.exception
    assert radio_of(reloaded, first).value == first.answer  # type: ignore[attr-defined]
    assert radio_of(reloaded, second).value == wrong  # type: ignore[attr-defined]
    assert reloaded.success and first.explanation in reloaded.success[0].value
    assert reloaded.warning and "**Not quite.**" in reloaded.warning[0].value
    body = "\n".join(markdown.value for markdown in reloaded.markdown)
    assert f"You have answered 2 of {len(rest) + 2}." in body
    assert "a reload keeps them" in body and "a reload clears them" not in body


def test_a_room_quiz_never_writes_its_answers_into_the_address() -> None:
    def room() -> None:
        from rehab_core.learn import learn_page as page_of
        from ui.knowledge_checks import render_checks

        render_checks(page_of("rehab").checks, {}, key_prefix="room", title="Room quiz")

    app = AppTest.from_function(room, default_timeout=30).run()
    check = learn_page("rehab").checks[0]
    app.radio(key=f"room__{check.id.replace('/', '__')}").set_value(check.answer).run()
    assert "answers" not in app.query_params
    assert "a reload clears them" in "\n".join(markdown.value for markdown in app.markdown)
