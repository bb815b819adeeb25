"""Small journey details: a check-in's time (the moment it is saved unless picked, never later than
now), and the words of a day with no movement in the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core.catalogue import gentlest_first

Open = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def _session_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "session")


def fill_in(app: AppTest, pain: int = 3) -> None:
    form_round = app.session_state["checkin_form_round"]
    app.button_group(key=f"checkin_new_warning_sign_{form_round}").set_value("No")
    app.button_group(key=f"checkin_pain_{form_round}").set_value(pain)


def save(app: AppTest) -> None:
    app.button(key="FormSubmitter:checkin_form-Save check-in").click().run()
    assert not app.exception


def saved_times(app: AppTest) -> list[datetime]:
    return [item.at for item in app.session_state["session_diary"].list("session")]


def test_a_check_in_left_without_a_time_is_saved_at_the_moment_of_saving(open_page: Open) -> None:
    app = open_page("checkin")
    fill_in(app)
    before = datetime.now(UTC)
    save(app)
    [saved] = saved_times(app)
    assert before - timedelta(seconds=1) <= saved <= datetime.now(UTC)


def test_a_time_later_than_now_is_refused_and_nothing_is_saved(open_page: Open) -> None:
    app = open_page("checkin")
    fill_in(app)
    later = (datetime.now(UTC) + timedelta(minutes=30)).time().replace(second=0, microsecond=0)
    if later < time(0, 31):  # just before midnight the next half hour is tomorrow, not today
        pytest.skip("the half hour after now falls on the next day")
    form_round = app.session_state["checkin_form_round"]
    app.time_input(key=f"checkin_time_{form_round}").set_value(later)
    save(app)
    assert saved_times(app) == []
    assert any("later than now" in error.value for error in app.error)


def test_a_day_with_no_movement_in_the_plan_never_says_rehab_is_allowed(open_page: Open) -> None:
    # Issue 23: at pain 8 with nothing within the limits the box said both "no movement plan"
    # and "gentle rehab allowed".
    app = open_page("assess")
    app.button(key="assess_safety_next").click().run()
    app.button_group(key="assess_pain").set_value(8).run()
    app.button(key="assess_pain_next").click().run()
    for _ in gentlest_first():
        app.button(key="assess_skip").click().run()
    assert not app.exception
    text = " ".join(str(box.value) for box in app.warning).lower()
    assert "no movement stayed within the limits" in text
    assert "rehab allowed" not in text
