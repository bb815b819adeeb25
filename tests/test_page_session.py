"""Today's session, driven in AppTest on a session diary: each way in, the safety stops, a whole session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core.diary import ASSESSMENT, SESSION, CheckIn, new_check_in
from rehab_core.session import symptom_ids
from tests.test_page_assess import give_pain, pass_safety, start

Open = Callable[..., AppTest]
# Four movements within the limits at pain 3: today's plan, gentlest first.
RATED = {"cat-camel": 0, "hip-bridge": 1, "bird-dog": 0, "kettlebell-walk": 0}


@pytest.fixture(autouse=True)
def _session_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "session")


def diary(app: AppTest) -> list[CheckIn]:
    return list(app.session_state["session_diary"].list("session"))


def add(app: AppTest, entry: CheckIn) -> None:
    app.session_state["session_diary"].add(entry)


def assessed(app: AppTest, *, at: datetime | None = None, pain: int = 3, sessions: int = 0) -> None:
    """Today's assessment in the diary (and, optionally, sessions already done today)."""
    when = at or datetime.now(UTC) - timedelta(minutes=5)
    add(app, new_check_in("session", when, pain, movement_pain=RATED, kind=ASSESSMENT))
    if sessions:
        add(app, new_check_in("session", when + timedelta(minutes=1), pain, sessions_done=sessions))


def texts(app: AppTest) -> str:
    parts = [
        item.value
        for kind in ("markdown", "info", "warning", "error", "success", "caption", "subheader")
        for item in getattr(app, kind)
    ]
    return "\n".join(str(part) for part in parts)


def press(app: AppTest, key: str) -> AppTest:
    app.button(key=key).click().run()
    assert not app.exception, app.exception
    return app


def session_page(open_page: Open, **assessment: object) -> AppTest:
    app = open_page("home")
    assessed(app, **assessment)  # type: ignore[arg-type]
    app.switch_page("pages/session.py").run()
    assert not app.exception, app.exception
    return app


def check_and_pain(app: AppTest, pain: int = 3) -> AppTest:
    press(app, "session_check_next")
    app.button_group(key="session_w_pain").set_value(pain)
    return press(app, "session_pain_next")


# The ways in.


def test_home_offers_todays_session_when_todays_plan_exists(open_page: Open) -> None:
    app = open_page("home")
    assessed(app)
    app.run()
    links = [link.label for link in app.get("page_link")]
    assert "Start today's session (1 of 3)" in links


def session_links(app: AppTest) -> list[str]:
    return [str(link.label) for link in app.get("page_link") if "session" in str(link.label)]


def test_the_assess_result_offers_todays_session_once_it_is_saved(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 3)
    for _ in range(20):  # each movement in the order Assess offers them, until the result
        asked = [str(group.key) for group in app.button_group if str(group.key).startswith("rate_")]
        if not asked:
            break
        movement_id = asked[0].removeprefix("rate_")
        if movement_id in RATED:
            app.button_group(key=asked[0]).set_value(RATED[movement_id]).run()
            press(app, "assess_next")
        else:
            press(app, "assess_skip")
    assert session_links(app) == [], "not before the plan is in the diary"
    app.button(key="assess_save").click().run()
    assert session_links(app) == ["Start today's session (1 of 3)"]


def test_check_in_offers_todays_session_after_a_save(open_page: Open) -> None:
    app = open_page("home")
    assessed(app)
    app.switch_page("pages/checkin.py").run()
    app.button_group(key=f"checkin_new_warning_sign_{app.session_state['checkin_form_round']}").set_value(
        "No"
    )
    app.button_group(key=f"checkin_pain_{app.session_state['checkin_form_round']}").set_value(3)
    app.button(key="FormSubmitter:checkin_form-Save check-in").click().run()
    assert not app.exception
    assert session_links(app) == ["Start today's session (1 of 3)"]


def test_my_progress_offers_todays_session(open_page: Open) -> None:
    app = open_page("home")
    assessed(app)
    app.switch_page("pages/progress.py").run()
    assert not app.exception
    assert session_links(app) == ["Start today's session (1 of 3)"]


def test_home_offers_no_session_without_an_assessment_today(open_page: Open) -> None:
    app = open_page("home")
    assessed(app, at=datetime.now(UTC) - timedelta(days=1))
    app.run()
    assert not [link for link in app.get("page_link") if "session" in str(link.label)]


def test_home_says_the_days_sessions_are_done_and_offers_no_fourth(open_page: Open) -> None:
    app = open_page("home")
    assessed(app, sessions=3)
    app.run()
    assert not [link for link in app.get("page_link") if "session" in str(link.label)]
    assert any("You have done today's 3 sessions" in caption.value for caption in app.caption)


def test_the_session_page_without_todays_assessment_says_why_and_offers_assess(open_page: Open) -> None:
    app = open_page("session")
    assert "No assessment in your diary yet" in app.info[0].value
    assert "rest, ice, assess" in app.info[0].value
    assert [link.label for link in app.get("page_link")][-1] == "Assess today"


def test_after_the_days_three_sessions_it_says_so_and_offers_none(open_page: Open) -> None:
    app = session_page(open_page, sessions=3)
    assert "You have done today's 3 sessions" in app.info[0].value
    assert not app.button  # no way to start a fourth
    assert "Assess today" not in [link.label for link in app.get("page_link")]


def test_a_reminder_link_opens_the_session_at_its_first_step(open_page: Open) -> None:
    app = session_page(open_page)
    assert app.subheader[0].value == "Check first"
    assert app.query_params["run"], "the address holds the session from its first step"


# The stops.


def test_a_warning_sign_now_goes_to_get_care_with_the_signs_own_action(open_page: Open) -> None:
    app = session_page(open_page)
    app.checkbox(key="session_w_flag_chest-pain").check().run()
    press(app, "session_check_next")
    assert "Get emergency help now" in str(app.error[0].proto)
    assert (
        "for an ambulance now" in app.error[0].value and "Do not drive yourself there" in app.error[0].value
    )
    assert diary(app)[-1].kind == ASSESSMENT, "nothing is saved for a session never begun"
    press(app, "session_change_check")
    assert app.checkbox(key="session_w_flag_chest-pain").value, "the boxes come back as they were answered"
    app.checkbox(key="session_w_flag_chest-pain").uncheck().run()
    press(app, "session_check_next")
    assert app.subheader[0].value == "How much does your back hurt right now?"


@pytest.mark.parametrize("pain", [9, 10])
def test_pain_of_nine_or_ten_means_rest_and_ice_and_no_session(open_page: Open, pain: int) -> None:
    app = check_and_pain(session_page(open_page), pain)
    assert "Skip today's sessions: rest and ice instead" in app.warning[0].value
    assert not [button for button in app.button if button.key == "session_set_done"]


# A whole session.


def do_movement(app: AppTest, pain_during: int) -> AppTest:
    press(app, "session_set_done")
    if any(button.key == "session_rest_over" for button in app.button):
        assert app.subheader[0].value == "Rest"
        press(app, "session_rest_over")
        press(app, "session_set_done")
    app.button_group(
        key=next(b.key for b in app.button_group if str(b.key).startswith("session_w_rate_"))
    ).set_value(pain_during)
    return press(app, "session_rate_next")


def test_a_whole_session_saves_one_check_in_with_every_rating_and_one_more_session(open_page: Open) -> None:
    app = check_and_pain(session_page(open_page))
    assert "Set 1 of 2: 8 slow rounds" in texts(app)
    for _ in range(4):
        if any(button.key == "session_rest_over" for button in app.button):
            press(app, "session_rest_over")
        do_movement(app, 3)
    assert app.subheader[0].value == "How is your back now?"
    app.button_group(key="session_w_pain_after").set_value(2)
    press(app, "session_save")
    saved = diary(app)[-1]
    assert saved.kind == SESSION
    assert saved.movement_pain == dict.fromkeys(RATED, 0)
    assert (saved.pain, saved.sessions_done) == (2, 1)
    assert "Saved to your diary: 4 movements rated" in app.success[0].value
    assert "Next session:" in app.info[0].value  # about 3 hours on, or tomorrow late in the day


def test_stop_this_hurts_drops_the_movement_with_its_reason_and_ending_early_saves_only_that(
    open_page: Open,
) -> None:
    app = check_and_pain(session_page(open_page))
    press(app, "session_stop")
    app.button_group(key="session_w_rate_cat-camel").set_value(8)
    press(app, "session_rate_next")
    assert "Cat-camel is dropped for the rest of this session" in app.warning[0].value
    press(app, "session_end")
    app.button_group(key="session_w_pain_after").set_value(4)
    press(app, "session_save")
    saved = diary(app)[-1]
    assert saved.movement_pain == {"cat-camel": 5}
    assert "Stopped because it hurt: Cat-camel" in saved.note
    assert len([entry for entry in diary(app) if entry.kind == SESSION]) == 1


def test_the_page_rerun_after_saving_does_not_save_again(open_page: Open) -> None:
    app = check_and_pain(session_page(open_page))
    press(app, "session_end")
    app.button_group(key="session_w_pain_after").set_value(3)
    press(app, "session_save")
    app.run()
    assert len([entry for entry in diary(app) if entry.kind == SESSION]) == 1
    assert app.subheader[0].value == "Session done"


def test_a_reload_asks_the_warning_signs_again_then_resumes_at_the_same_step(open_page: Open) -> None:
    app = check_and_pain(session_page(open_page))
    press(app, "session_set_done")
    query = {
        name: value[-1] if isinstance(value, list) else value for name, value in app.query_params.items()
    }
    assert query["rest"] == "1" and query["pain"] == "3"
    reloaded = open_page("home", query=query)
    assessed(reloaded)  # a diary kept on the server is still there after a reload
    reloaded.switch_page("pages/session.py").run()
    assert reloaded.subheader[0].value == "Check first"
    assert "you go on where you were" in texts(reloaded)
    press(reloaded, "session_check_next")
    assert reloaded.subheader[0].value == "Rest", "back at the rest after set 1, with pain kept"


def test_the_projector_view_walks_the_room_through_and_writes_nothing(open_page: Open) -> None:
    app = open_page("home")
    app.switch_page("pages/workshop.py").run()
    assert "Lead a session on the projector" in [link.label for link in app.get("page_link")]
    app = open_page("session", query={"view": "projector"})
    app.query_params["view"] = "projector"
    app.run()
    assert "Check first" in texts(app)
    press(app, "session_projector_next")
    assert "Set 1 of 2" in texts(app)
    press(app, "session_projector_next")
    assert "Rest" in texts(app)
    assert diary(app) == []


def test_a_symptom_is_asked_and_a_background_sign_is_not() -> None:
    assert "chest-pain" in symptom_ids()
    assert "history-of-cancer" not in symptom_ids()


def test_a_harder_version_is_offered_after_three_easy_sessions_and_noted_only_when_chosen(
    open_page: Open,
) -> None:
    app = open_page("home")
    start = datetime.now(UTC) - timedelta(minutes=30)
    add(app, new_check_in("session", start, 1, movement_pain=RATED, kind=ASSESSMENT))
    for minutes in (1, 2, 3):
        add(
            app,
            new_check_in(
                "session",
                start + timedelta(minutes=minutes),
                1,
                movement_pain={"cat-camel": 0},
                kind=SESSION,
                sessions_done=0,
            ),
        )
    app.switch_page("pages/session.py").run()
    check_and_pain(app, 1)
    toggle = app.toggle(key="session_w_harder_cat-camel")
    assert toggle.value is False, "offered, never chosen for the person"
    assert "did not raise your pain in your last 3 sessions" in texts(app)
    toggle.set_value(True).run()
    assert "Harder version: Pause for two breaths" in texts(app)
    press(app, "session_stop")
    app.button_group(key="session_w_rate_cat-camel").set_value(1)
    press(app, "session_rate_next")
    press(app, "session_end")
    app.button_group(key="session_w_pain_after").set_value(1)
    press(app, "session_save")
    assert "Harder version: Cat-camel" in diary(app)[-1].note


def test_no_harder_version_is_offered_at_pain_three(open_page: Open) -> None:
    app = check_and_pain(session_page(open_page), 3)
    assert not app.toggle
