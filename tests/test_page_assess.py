"""The Assess page, driven as a person would: safety check, pain, each movement, the result."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core import movements, red_flags

Open = Callable[..., AppTest]


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
    app.slider(key="assess_pain").set_value(pain).run()
    app.button(key="assess_pain_next").click().run()
    return app


def rate_all(app: AppTest, ratings: dict[str, int | None]) -> AppTest:
    for movement in movements():
        rating = ratings.get(movement.id)
        if rating is None:
            app.button(key="assess_skip").click().run()
        else:
            app.slider(key=f"rate_{movement.id}").set_value(rating).run()
            app.button(key="assess_next").click().run()
        assert not app.exception
    return app


def body(app: AppTest) -> str:
    kinds = ("markdown", "subheader", "success", "warning", "error", "info", "caption")
    return "\n".join(str(element.value) for kind in kinds for element in getattr(app, kind))


def test_a_yes_to_an_emergency_question_stops_the_flow_and_says_whom_to_call(open_page: Open) -> None:
    app = start(open_page)
    emergency = next(flag for flag in red_flags() if flag.level == "emergency")
    app.checkbox(key=f"flag_{emergency.id}").check().run()
    pass_safety(app)
    assert app.error, "an emergency answer must show an error alert"
    assert "999" in app.error[0].value
    assert emergency.question in body(app)
    assert not [slider for slider in app.slider if slider.key == "assess_pain"]


def test_a_yes_to_an_urgent_question_says_to_see_a_doctor_today(open_page: Open) -> None:
    app = start(open_page)
    urgent = next(flag for flag in red_flags() if flag.level == "urgent")
    app.checkbox(key=f"flag_{urgent.id}").check().run()
    pass_safety(app)
    assert app.warning
    assert "doctor" in app.warning[0].value.lower()
    assert not app.error


def test_pain_of_nine_skips_the_movements_and_prescribes_rest_and_ice_only(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 9)
    assert not app.exception
    assert "rest and ice only" in body(app).lower()
    assert not app.dataframe, "no plan table at rest-and-ice pain"


def test_tolerated_movements_become_a_plan_with_reasons_for_each_choice(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 4)
    ratings: dict[str, int | None] = {
        "bird-dog": 2,
        "hip-bridge": 1,
        "cat-camel": 0,
        "hip-mobility": 3,
        "lateral-beast-walk": 7,
    }
    rate_all(app, ratings)
    plan = app.dataframe[0].value
    assert list(plan["Movement"]) == ["Cat-camel", "Hip bridge", "Bird dog", "Hip mobility"]
    assert set(plan["Reps"]) == {8}
    text = body(app)
    assert "Lateral beast walk is left out" in text
    assert "Heat" in text


def test_going_back_keeps_the_answers(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 5)
    app.slider(key="rate_hip-mobility").set_value(2).run()
    app.button(key="assess_next").click().run()
    app.button(key="assess_back").click().run()
    assert app.slider(key="rate_hip-mobility").value == 2
    app.button(key="assess_back").click().run()
    assert app.slider(key="assess_pain").value == 5


def test_a_reload_resumes_the_flow_from_the_address(open_page: Open) -> None:
    app = open_page("assess", query={"step": "cat-camel", "pain": "4", "rated": "hip-mobility:2"})
    assert not app.exception
    assert "Cat-camel" in app.subheader[0].value


def test_a_tampered_address_starts_the_flow_again(open_page: Open) -> None:
    app = open_page("assess", query={"step": "cat-camel", "pain": "42"})
    assert not app.exception
    assert app.subheader[0].value == "Safety check"


def test_saving_the_result_puts_one_check_in_in_the_diary(open_page: Open) -> None:
    app = give_pain(pass_safety(start(open_page)), 4)
    rate_all(app, {"bird-dog": 2, "hip-bridge": 1})
    app.button(key="assess_save").click().run()
    assert not app.exception
    assert any("Saved to your diary" in str(alert.value) for alert in app.success)
    diary = app.session_state["session_diary"]
    saved = diary.list("session")
    assert len(saved) == 1
    assert saved[0].pain == 4
    assert dict(saved[0].movement_pain) == {"bird-dog": 2, "hip-bridge": 1}
