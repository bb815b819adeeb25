"""The Assess page, driven as a person would: safety check, pain, each movement, the result."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from rehab_core import movements, recommend, red_flags
from rehab_core.catalogue import gentlest_first, movement_by_id
from rehab_core.diary import ASSESSMENT
from rehab_core.pain_scale import PAIN_IT_CAUSED_MEANING, PAIN_WHILE_DOING_IT

Open = Callable[..., AppTest]
# The signs that stop a plan: every symptom now, and every background sign but the `soon` one.
FLAG_IDS = [flag.id for flag in red_flags() if flag.stops_the_plan]
SOON_IDS = [flag.id for flag in red_flags() if not flag.stops_the_plan]
SYMPTOM_IDS = {flag.id for flag in red_flags() if flag.kind == "symptom"}
MOVEMENT_IDS = [movement.id for movement in movements()]
# The order the assessment offers the movements in: gentlest first (issue 22 point 9).
OFFERED = [movement.id for movement in gentlest_first()]
# A full set of answers that would give a green rehab plan, but for the warning sign.
GREEN_RATINGS = "hip-bridge:0,bird-dog:1,cat-camel:0,hip-mobility:1"


@pytest.fixture(autouse=True)
def _session_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "session")


def start(open_page: Open) -> AppTest:
    app = open_page("assess")
    assert not app.exception
    return app


def pass_safety(app: AppTest) -> AppTest:
    app.button(key="assess_safety_next").click().run()
    return app


def give_pain(app: AppTest, pain: int) -> AppTest:
    app.button_group(key="assess_pain").set_value(pain).run()
    app.button(key="assess_pain_next").click().run()
    return app


def rate_all(app: AppTest, ratings: dict[str, int | None]) -> AppTest:
    """Each movement as offered: the pain while doing it, as tapped, or skipped (absent or None)."""
    for movement in gentlest_first():
        rating = ratings.get(movement.id)
        if rating is None:
            app.button(key="assess_skip").click().run()
        else:
            app.button_group(key=f"rate_{movement.id}").set_value(rating).run()
            app.button(key="assess_next").click().run()
        assert not app.exception
    return app


def body(app: AppTest) -> str:
    kinds = ("markdown", "subheader", "success", "warning", "error", "info", "caption")
    return "\n".join(str(element.value) for kind in kinds for element in getattr(app, kind))


def step_heading(app: AppTest) -> str:
    """The step's heading, the first on the page: a subheader, or the `### ` heading that opens a
    Markdown block (a heading and its text sent as one element: docs/performance.md)."""
    headings = [
        str(element.value).split("\n", 1)[0].removeprefix("### ")
        for element in app.main
        if element.type == "subheader" or str(getattr(element, "value", "")).startswith("### ")
    ]
    assert headings, "every step opens with a heading"
    return headings[0]


def download_labels(app: AppTest) -> list[str]:
    return [str(element.proto.label) for element in app.get("download_button")]


def assert_gets_care_and_no_plan(app: AppTest) -> None:
    """What a person with a warning sign must see: whom to call, and nothing of a plan."""
    assert not app.exception
    text = body(app)
    assert app.error or app.warning, "a warning sign must show the get-care-now alert"
    assert "You answered yes to" in text
    assert "| Movement |" not in text, "no plan table with a warning sign"
    assert "Today's plan" not in text and "Why this plan" not in text
    assert "heat" not in text.lower(), "no heat advice with a warning sign"
    assert not download_labels(app), "no plan or reminders to download with a warning sign"


# The safety check


def test_a_yes_to_an_emergency_question_stops_the_flow_and_says_whom_to_call(open_page: Open) -> None:
    app = start(open_page)
    emergency = next(flag for flag in red_flags() if flag.level == "emergency")
    app.checkbox(key=f"flag_{emergency.id}").check().run()
    pass_safety(app)
    assert app.error, "an emergency answer must show an error alert"
    assert "[999](tel:999)" in app.error[0].value, "the emergency number is a tap-to-call link"
    assert emergency.question in body(app)
    assert not app.button_group
    assert not [box for box in app.checkbox if box.key == "assess_cleared"], "a symptom now is never cleared"
    assert_gets_care_and_no_plan(app)


@pytest.mark.parametrize("flag_id", SOON_IDS)
def test_a_soon_sign_in_a_link_goes_on_to_the_pain_step_never_to_get_care_now(
    open_page: Open, flag_id: str
) -> None:
    app = open_page("assess", query={"step": "pain", "background": flag_id})
    assert step_heading(app) == "Safety check"
    assert app.checkbox(key=f"flag_{flag_id}").value is True, "the answer is kept"
    pass_safety(app)
    assert "How much does your back hurt" in step_heading(app)


def test_a_background_sign_alone_offers_the_clearance_with_its_date(open_page: Open) -> None:
    background = next(flag for flag in red_flags() if flag.kind == "background" and flag.stops_the_plan)
    app = start(open_page)
    app.checkbox(key=f"flag_{background.id}").check().run()
    pass_safety(app)
    assert_gets_care_and_no_plan(app)
    assert app.checkbox(key="assess_cleared").value is False, "never ticked for the person"
    assert app.date_input(key="assess_cleared_on").value is None
    assert "background" in app.query_params and "flags" not in app.query_params


def test_a_yes_to_an_urgent_question_says_to_see_a_doctor_today(open_page: Open) -> None:
    app = start(open_page)
    urgent = next(flag for flag in red_flags() if flag.level == "urgent")
    app.checkbox(key=f"flag_{urgent.id}").check().run()
    pass_safety(app)
    assert app.warning
    assert "GP" in app.warning[0].value and "(tel:111)" in app.warning[0].value
    assert not app.error
    assert_gets_care_and_no_plan(app)


def test_the_safety_step_says_the_app_is_for_people_aged_16_and_over(open_page: Open) -> None:
    assert "16 and over" in body(start(open_page))


@pytest.mark.parametrize("flag_id", FLAG_IDS)
@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"step": "result", "pain": "4", "rated": GREEN_RATINGS}, id="result link"),
        pytest.param({"step": "pain", "pain": "4"}, id="pain step link"),
        pytest.param({"step": "bird-dog", "pain": "2", "rated": "hip-bridge:0"}, id="movement step link"),
        pytest.param({"step": "stop"}, id="stop step link"),
        pytest.param({"step": "result", "pain": "10"}, id="rest and ice result link"),
    ],
)
def test_a_link_that_carries_a_warning_sign_lands_on_get_care_now_never_on_a_plan(
    open_page: Open, flag_id: str, query: dict[str, str]
) -> None:
    app = open_page("assess", query={**query, "flags": flag_id})
    assert_gets_care_and_no_plan(app)
    flag = next(flag for flag in red_flags() if flag.id == flag_id)
    assert flag.question in body(app)


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flags=st.lists(st.sampled_from(FLAG_IDS), min_size=1, unique=True), junk=st.sampled_from(["", ",nope"])
)
def test_any_set_of_warning_signs_in_a_result_link_lands_on_get_care_now(
    open_page: Open, flags: list[str], junk: str
) -> None:
    query = {"step": "result", "pain": "3", "rated": GREEN_RATINGS, "flags": ",".join(flags) + junk}
    app = open_page("assess", query=query)
    if junk and not set(flags) & SYMPTOM_IDS:
        # Only background signs beside a name of no sign: the flow starts afresh, at the safety
        # check, where the background is asked again. Never a plan.
        assert step_heading(app) == "Safety check"
        assert "| Movement |" not in body(app) and not download_labels(app)
    else:
        assert_gets_care_and_no_plan(app)


def test_back_from_get_care_now_never_reaches_a_plan(open_page: Open) -> None:
    app = open_page(
        "assess", query={"step": "result", "pain": "4", "rated": GREEN_RATINGS, "flags": "chest-pain"}
    )
    app.button(key="assess_back").click().run()
    assert step_heading(app) == "Safety check"
    assert app.checkbox(key="flag_chest-pain").value is True, "the answer is kept to change"
    pass_safety(app)
    assert_gets_care_and_no_plan(app)


def test_unticking_the_warning_sign_lets_the_person_continue_to_the_pain_step(open_page: Open) -> None:
    app = open_page("assess", query={"step": "stop", "flags": "fever-or-very-unwell"})
    app.button(key="assess_back").click().run()
    app.checkbox(key="flag_fever-or-very-unwell").uncheck().run()
    pass_safety(app)
    assert "How much does your back hurt" in step_heading(app)


def test_a_reload_of_the_result_after_a_warning_sign_still_shows_get_care_now(open_page: Open) -> None:
    app = start(open_page)
    app.checkbox(key="flag_saddle-numbness").check().run()
    pass_safety(app)
    query = {
        name: value[-1] if isinstance(value, list) else value for name, value in app.query_params.items()
    }
    assert query["flags"] == "saddle-numbness"
    reloaded = open_page("assess", query=query)
    assert_gets_care_and_no_plan(reloaded)


# Pain and ratings: never defaulted


def test_no_pain_is_picked_until_the_person_taps_one(open_page: Open) -> None:
    app = pass_safety(start(open_page))
    assert app.button_group(key="assess_pain").value is None
    app.button(key="assess_pain_next").click().run()
    assert "How much does your back hurt" in step_heading(app), "Continue without a pick stays"
    assert any("Tap a number from 0 to 10 for your pain now" in str(error.value) for error in app.error)


def test_tapping_straight_through_the_movements_asks_for_a_number_or_a_skip(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 4)
    first, second, *_ = gentlest_first()
    assert app.button_group(key=f"rate_{first.id}").value is None
    app.button(key="assess_next").click().run()
    assert first.name in step_heading(app), "Save and continue without a pick stays on the movement"
    assert any(
        f"for your pain while doing {first.name}, or tap Skip this one" in str(error.value)
        for error in app.error
    )
    app.button(key="assess_skip").click().run()
    assert second.name in step_heading(app)


def test_each_movement_asks_the_pain_while_doing_it_and_says_what_is_kept(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 4)
    first = gentlest_first()[0]
    pick = app.button_group(key=f"rate_{first.id}")
    assert pick.label == PAIN_WHILE_DOING_IT and pick.help == PAIN_IT_CAUSED_MEANING
    text = body(app)
    assert "Your pain before was 4" in text
    assert "Skip any movement you cannot get into comfortably" in text


def test_the_movements_are_offered_gentlest_first(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 4)
    for number, movement in enumerate(gentlest_first(), start=1):
        assert step_heading(app) == f"Movement {number} of {len(OFFERED)}: {movement.name}"
        app.button(key="assess_skip").click().run()


def test_a_rating_shows_both_numbers_and_the_plan_uses_the_rise(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 3)
    first = gentlest_first()[0]
    app.button_group(key=f"rate_{first.id}").set_value(5).run()
    assert "5 while doing it: 2 above your 3 before" in body(app)


def test_skipping_every_movement_gives_no_plan_and_no_rating_of_zero(open_page: Open) -> None:
    app = rate_all(give_pain(pass_safety(start(open_page)), 4), {})
    assert "| Movement |" not in body(app)
    assert "0 movements stayed within the limits" in body(app)
    assert "Not tried today, so not in the plan" in body(app)


# The result


def test_pain_of_nine_skips_the_movements_and_says_what_helps_and_when_to_get_checked(
    open_page: Open,
) -> None:
    app = give_pain(pass_safety(start(open_page)), 9)
    assert not app.exception
    text = body(app)
    assert "rest and ice only" in text.lower()
    assert "pharmacist" in text and "cannot cope" in text and "(tel:111)" in text
    assert "| Movement |" not in text, "no plan table at rest-and-ice pain"
    assert "numb skin" in text, "ice with its skin cautions"
    assert download_labels(app) == [
        "Download my plan (PDF)",
        "Download a reminder to check again tomorrow (.ics)",
    ]


def test_the_result_shows_the_pain_band_words_of_the_one_table(open_page: Open) -> None:
    app = rate_all(give_pain(pass_safety(start(open_page)), 7), {"bird-dog": 8})
    assert "Your pain is 7 of 10: strong. Ice, not heat. Gentle rehab allowed." in body(app)


def test_tolerated_movements_become_a_plan_with_reasons_for_each_choice(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 4)
    during: dict[str, int | None] = {
        "bird-dog": 6,
        "hip-bridge": 5,
        "cat-camel": 4,
        "hip-mobility": 7,
        "lateral-beast-walk": 10,
    }
    rate_all(app, during)
    # The table under its heading, one Markdown block: the table is what follows the heading.
    [table] = [
        block.value.split("\n\n", 1)[1]
        for block in app.markdown
        if block.value.startswith("### Today's plan")
    ]
    assert table.startswith("| Movement |")
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    assert [row[0] for row in rows] == [
        "| [Hip mobility](library#hip-mobility)",
        "| [Cat-camel](library#cat-camel)",
        "| [Hip bridge](library#hip-bridge)",
        "| [Bird dog](library#bird-dog)",
    ]
    rises = {movement_id: pain - 4 for movement_id, pain in during.items() if pain is not None}
    names = movement_by_id()
    assert [row[1] for row in rows] == [
        names[item.movement_id].dose_in_words(item.reps, item.sets)
        for item in recommend(4, rises).prescriptions
    ]
    text = body(app)
    assert "Lateral beast walk is left out: it took your pain from 4 to 10" in text
    assert "Bird dog is in the plan: it took your pain from 4 to 6, up 2" in text
    assert "Heat" in text
    assert "Download session reminders (.ics)" in download_labels(app)


def test_going_back_keeps_the_answers(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 5)
    first = OFFERED[0]
    app.button_group(key=f"rate_{first}").set_value(2).run()
    app.button(key="assess_next").click().run()
    app.button(key="assess_back").click().run()
    assert app.button_group(key=f"rate_{first}").value == 2
    app.button(key="assess_back").click().run()
    assert app.button_group(key="assess_pain").value == 5


def test_a_reload_asks_the_safety_questions_again_then_resumes_where_the_person_was(open_page: Open) -> None:
    first, second = OFFERED[:2]
    app = open_page("assess", query={"step": second, "pain": "4", "rated": f"{first}:2"})
    assert not app.exception
    assert step_heading(app) == "Safety check", "a restored flow never skips the safety check"
    assert not any(box.value for box in app.checkbox)
    pass_safety(app)
    assert movement_by_id()[second].name in step_heading(app)
    app.button(key="assess_back").click().run()
    assert app.button_group(key=f"rate_{first}").value == 2, "the other answers were kept"


def test_a_result_link_shows_no_plan_until_the_safety_questions_are_answered_again(open_page: Open) -> None:
    app = open_page("assess", query={"step": "result", "pain": "4", "rated": GREEN_RATINGS})
    assert step_heading(app) == "Safety check"
    assert "| Movement |" not in body(app)
    app.checkbox(key="flag_pain-between-shoulder-blades").check().run()
    pass_safety(app)
    assert_gets_care_and_no_plan(app)


def test_an_address_from_before_a_yes_reached_with_the_back_button_asks_the_safety_questions_again(
    open_page: Open,
) -> None:
    # A "yes" lives in the tab; the browser's back button can reach an address from before it.
    # On a reload that address must not lead past the safety check to a plan.
    app = open_page("assess", query={"step": "pain", "pain": "3", "rated": "hip-mobility:0,cat-camel:0"})
    assert step_heading(app) == "Safety check"
    assert "| Movement |" not in body(app)


@pytest.mark.parametrize(
    "flags", [",saddle-numbness", "saddle-numbness,", " saddle-numbness", "nope,saddle-numbness"]
)
def test_a_known_warning_sign_anywhere_in_the_flags_lands_on_get_care_now(
    open_page: Open, flags: str
) -> None:
    query = {"step": "result", "pain": "4", "rated": GREEN_RATINGS, "flags": flags}
    assert_gets_care_and_no_plan(open_page("assess", query=query))


@pytest.mark.parametrize("flags", ["SADDLE-NUMBNESS", "%20", "nope"])
def test_flags_that_name_no_known_sign_start_afresh_never_on_a_plan(open_page: Open, flags: str) -> None:
    app = open_page("assess", query={"step": "result", "pain": "4", "rated": GREEN_RATINGS, "flags": flags})
    assert step_heading(app) == "Safety check"
    pass_safety(app)
    assert "How much does your back hurt" in step_heading(app), "a fresh start, not the old plan"


@pytest.mark.parametrize(
    "query",
    [
        {"step": "cat-camel", "pain": "42"},
        {"step": "result"},
        {"step": "result", "pain": "-1"},
        {"step": "result", "pain": "4", "rated": "bird-dog:99"},
        {"step": "hip-bridge", "pain": "9"},
        {"step": "nowhere", "pain": "4"},
    ],
)
def test_a_tampered_or_incomplete_address_starts_the_flow_again(
    open_page: Open, query: dict[str, str]
) -> None:
    app = open_page("assess", query=query)
    assert not app.exception
    assert step_heading(app) == "Safety check"
    pass_safety(app)
    assert "How much does your back hurt" in step_heading(app)
    assert app.button_group(key="assess_pain").value is None, "nothing kept from the address"


def test_saving_the_result_puts_one_check_in_in_the_diary(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 4)
    rate_all(app, {"bird-dog": 6, "hip-bridge": 5, "cat-camel": 3})
    app.button(key="assess_save").click().run()
    assert not app.exception
    assert any("Saved to your diary" in str(alert.value) for alert in app.success)
    diary = app.session_state["session_diary"]
    saved = diary.list("session")
    assert len(saved) == 1
    assert (saved[0].pain, saved[0].kind) == (4, ASSESSMENT)
    # Kept as the rise above the pain before: a movement that eased the pain is 0.
    assert dict(saved[0].movement_pain) == {"bird-dog": 2, "hip-bridge": 1, "cat-camel": 0}


def test_start_again_after_saving_is_a_fresh_assessment_that_can_be_saved_too(open_page: Open) -> None:
    app = rate_all(give_pain(pass_safety(start(open_page)), 4), {"bird-dog": 2})
    app.button(key="assess_save").click().run()
    app.button(key="assess_restart").click().run()
    assert step_heading(app) == "Safety check"
    assert not any(box.value for box in app.checkbox)
    app = rate_all(give_pain(pass_safety(app), 6), {"hip-bridge": 1})
    assert "Saved to your diary" not in body(app) and "in your diary" not in body(app)
    app.button(key="assess_save").click().run()
    assert len(app.session_state["session_diary"].list("session")) == 2


def test_start_again_after_get_care_now_clears_the_warning_sign(open_page: Open) -> None:
    app = start(open_page)
    app.checkbox(key="flag_chest-pain").check().run()
    pass_safety(app)
    assert_gets_care_and_no_plan(app)
    assert "chest-pain" in app.query_params["flags"]
    app.button(key="assess_back").click().run()  # "Change my answers": the sign is still ticked
    assert app.checkbox(key="flag_chest-pain").value is True
    app.checkbox(key="flag_chest-pain").uncheck().run()
    rate_all(give_pain(pass_safety(app), 4), {"bird-dog": 2})
    app.button(key="assess_restart").click().run()
    assert step_heading(app) == "Safety check"
    assert not any(box.value for box in app.checkbox)
    assert "flags" not in app.query_params
    pass_safety(app)
    assert "How much does your back hurt" in step_heading(app), "no warning sign kept"


def counter(app: AppTest) -> str:
    return str(app.get("progress")[0].proto.text)


def test_the_step_counter_keeps_its_total_whatever_the_pain_and_says_which_steps_are_skipped(
    open_page: Open,
) -> None:
    app = start(open_page)
    total = len(movements()) + 3  # safety, pain, each movement, result
    seen = [counter(app)]
    assert seen[-1] == f"Step 1 of {total}"
    pass_safety(app)
    seen.append(counter(app))
    assert seen[-1] == f"Step 2 of {total}"
    give_pain(app, 3)
    seen.append(counter(app))
    assert seen[-1] == f"Step 3 of {total}"
    app.button(key="assess_back").click().run()
    give_pain(app, 9)  # the pain now rules the movements out: straight to the result
    seen.append(counter(app))
    assert seen[-1] == f"Step {total} of {total} (steps 3 to {total - 1}, the movements, skipped at pain 9)"
    app.button(key="assess_back").click().run()
    seen.append(counter(app))
    assert seen[-1] == f"Step 2 of {total}"
    give_pain(app, 2)  # changed back: the movements are asked again, counted as before
    seen.append(counter(app))
    assert seen[-1] == f"Step 3 of {total}"
    rate_all(app, {})
    seen.append(counter(app))
    assert seen[-1] == f"Step {total} of {total}"
    app.button(key="assess_restart").click().run()
    app.checkbox(key="flag_chest-pain").check().run()
    pass_safety(app)
    seen.append(counter(app))
    assert seen[-1] == f"Stopped at step 2 of {total}: get checked before any movement"
    totals = {re.search(r"of (\d+)", text).group(1) for text in seen}  # type: ignore[union-attr]
    assert totals == {str(total)}, seen


def test_a_day_with_no_movement_easy_enough_says_so_in_its_headline_not_in_green(open_page: Open) -> None:
    app = rate_all(give_pain(pass_safety(start(open_page)), 7), {})
    assert not app.success, "no green 'gentle rehab movements' without a plan"
    titles = [str(alert.proto.title) for alert in app.warning]
    assert "Today: no movement plan yet, rest and try again tomorrow" in titles, titles


def test_a_clearance_is_carried_in_the_address_and_a_reload_goes_on_past_the_background_sign(
    open_page: Open,
) -> None:
    app = start(open_page)
    app.checkbox(key="flag_history-of-cancer").check().run()
    pass_safety(app)
    app.checkbox(key="assess_cleared").check().run()
    app.date_input(key="assess_cleared_on").set_value(date(2026, 1, 5)).run()
    app.button(key="assess_cleared_next").click().run()
    assert "How much does your back hurt" in step_heading(app)
    query = {
        name: value[-1] if isinstance(value, list) else value for name, value in app.query_params.items()
    }
    assert (query["background"], query["cleared"]) == ("history-of-cancer", "2026-01-05")
    assert "flags" not in query, "a background sign is not a symptom now"

    reloaded = open_page("assess", query=query)
    assert step_heading(reloaded) == "Safety check", "the symptoms are asked again"
    assert reloaded.checkbox(key="flag_history-of-cancer").value is True
    pass_safety(reloaded)
    assert "How much does your back hurt" in step_heading(reloaded)
    # A symptom now is never cleared, even with a clearance in the address.
    reloaded.button(key="assess_back").click().run()
    reloaded.checkbox(key="flag_one-leg-weakness").check().run()
    pass_safety(reloaded)
    assert_gets_care_and_no_plan(reloaded)
    assert not [box for box in reloaded.checkbox if box.key == "assess_cleared"]


def test_each_step_sends_its_headings_with_their_text_as_one_markdown_block(open_page: Open) -> None:
    """Each element costs the server time on every run (docs/performance.md): a heading and the
    words under it, and Markdown blocks in a row, go as one block; a person sees the same page."""
    app = start(open_page)
    assert not app.subheader, "the safety check's heading is in its text's block"
    assert [block.value for block in app.markdown if block.value.startswith("### Safety check\n\n")]
    give_pain(pass_safety(app), 3)
    first = gentlest_first()[0]
    assert not app.subheader, "the movement's heading is in its summary's block"
    assert f"### Movement 1 of {len(OFFERED)}: {first.name}\n\n{first.summary}" in [
        b.value for b in app.markdown
    ]
    assert [b.value for b in app.markdown if b.value.endswith(f"\n\n**What you should feel:** {first.feel}")]
    rate_all(app, {movement_id: 3 for movement_id in OFFERED})
    assert not app.subheader, "the result's headings are in their parts' blocks"
    blocks = [block.value for block in app.markdown]
    assert [b for b in blocks if b.startswith("**Do**\n\n- ")] and [
        b for b in blocks if b.startswith("**Don't**\n\n- ")
    ]
    assert [b for b in blocks if b.startswith("### Why this plan\n\n- ") and b.endswith("\n\n### Keep it")]
