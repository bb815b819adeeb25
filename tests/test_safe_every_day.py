"""Issue 22, "Done means": safe every day, not only on assessment day, driven through the real pages.

Each journey runs the app in AppTest on a real SQLite diary (local mode: the owner on this
computer), seeds what happened on earlier days straight into that file, does today's part through
the pages, and reads back what the person takes home: My progress, its PDF (text read back with
pdftotext) and the reminders (read back with icalendar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from rehab_core import movements, today
from rehab_core.catalogue import gentlest_first, movement_by_id
from rehab_core.config import site
from rehab_core.database import open_engine
from rehab_core.diary import ASSESSMENT, CheckIn, new_check_in
from rehab_core.reminders import reminders_ics
from rehab_core.store import SqlDiary
from tests.test_plan_pdf import pdf_text
from ui import storage

Open = Callable[..., AppTest]
OWNER = storage.LOCAL_OWNER
EVERY_MOVEMENT_AT_ZERO = {movement.id: 0 for movement in movements()}
PLAN_TABLE = "| Movement | Each time | Times a day |"


@dataclass
class Downloads:
    """Every file a download button handed Streamlit, by file name: made now, or when clicked."""

    files: dict[str, Callable[[], bytes]] = field(default_factory=dict)

    def one(self, ending: str) -> bytes:
        [name] = [name for name in self.files if name.endswith(ending)]
        return self.files[name]()


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    made = Downloads()
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def recording_add(self: Any, path_or_data: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("file_name"):
            made.files[str(kwargs["file_name"])] = lambda: bytes(path_or_data)
        return add(self, path_or_data, *args, **kwargs)

    def recording_deferred(self: Any, data_callable: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("file_name"):
            made.files[str(kwargs["file_name"])] = lambda: bytes(data_callable())
        return add_deferred(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", recording_add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", recording_deferred)
    return made


@pytest.fixture
def diary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[SqlDiary]:
    """The owner's diary: a real SQLite file, the one the app reads and writes in local mode."""
    url = f"sqlite:///{tmp_path / 'diary.sqlite3'}"
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "local")
    monkeypatch.setenv("BACK_IN_ACTION_DATABASE_URL", url)
    # AppTest has no network peer; the owner's own browser is what local mode serves.
    monkeypatch.setattr(storage, "is_owner_browser", lambda: True)
    engine = open_engine(url)
    yield SqlDiary(engine)
    engine.dispose()


def now() -> datetime:
    return datetime.now(UTC)


def assessed(
    ago: timedelta, pain: int = 3, rated: Mapping[str, int] = EVERY_MOVEMENT_AT_ZERO, **fields: Any
) -> CheckIn:
    return new_check_in(OWNER, now() - ago, pain, movement_pain=rated, kind=ASSESSMENT, **fields)


def body(app: AppTest) -> str:
    kinds = ("markdown", "subheader", "success", "warning", "error", "info", "caption")
    return "\n".join(str(element.value) for kind in kinds for element in getattr(app, kind))


def session_events(data: bytes) -> list[Any]:
    return [
        event
        for event in Calendar.from_ical(data).walk("VEVENT")
        if str(event["summary"]).startswith("Rehab session")
    ]


def reminders_now(diary: SqlDiary) -> bytes:
    """The reminders file for where the diary's owner stands now (as the app makes it)."""
    return reminders_ics(today(diary.list(OWNER), now()), site_name=site().name)


# Check-in, driven as a person does it.


def field_key(app: AppTest, name: str) -> str:
    return f"checkin_{name}_{app.session_state['checkin_form_round']}"


def check_in(
    app: AppTest, pain: int, *, new_warning_sign: str = "No", during: Mapping[str, int] | None = None
) -> AppTest:
    app.button_group(key=field_key(app, "new_warning_sign")).set_value(new_warning_sign).run()
    if during:  # "Re-rate movements" sends its boxes once opened: the tap
        app.session_state["checkin_ratings"] = True
        app.run()
    app.button_group(key=field_key(app, "pain")).set_value(pain)
    for movement_id, value in (during or {}).items():
        app.number_input(key=field_key(app, f"rate_{movement_id}")).set_value(value)
    app.button(key="FormSubmitter:checkin_form-Save check-in").click().run()
    assert not app.exception, app.exception
    return app


def my_progress(app: AppTest) -> AppTest:
    app.switch_page("pages/progress.py").run()
    assert not app.exception, app.exception
    return app


def plan_rows(app: AppTest) -> list[str]:
    """The movements of the plan table My progress shows, in order (none: no plan shown)."""
    [table] = [str(block.value) for block in app.markdown if PLAN_TABLE in str(block.value)] or [""]
    lines = table.split(PLAN_TABLE, 1)[1].strip().splitlines()[1:] if table else []
    return [line.split("|")[1].strip() for line in lines]


# 1. Assessed days ago at pain 3, pain 10 today.


def test_assessed_six_days_ago_at_3_then_10_today_shows_rest_and_ice_not_the_plan_everywhere(
    open_page: Open, diary: SqlDiary, downloads: Downloads, tmp_path: Path
) -> None:
    diary.add(assessed(timedelta(days=6)))
    app = check_in(open_page("checkin"), 10)
    app = my_progress(app)

    text = body(app)
    assert "Your pain was 10 of 10 after that assessment: rest and ice instead of the plan" in text
    assert "skip today's sessions" in text
    assert not plan_rows(app), "no plan table at pain 10"
    assert PLAN_TABLE not in text

    sheet = pdf_text(downloads.one(".pdf"), tmp_path)
    assert "Today: gentle rehab movements" not in sheet
    assert "Each time:" not in sheet and "reps" not in sheet, "no dose lines"
    assert "Today: rest and ice only" in sheet and "rest and ice instead of the plan" in sheet

    calendar = reminders_now(diary)
    assert not session_events(calendar), "no session reminders at pain 10"
    assert b"Check your back again" in calendar


# 2. Assessed today, then a new warning sign at a check-in.


def test_assessed_today_then_a_new_warning_sign_shows_get_care_everywhere(
    open_page: Open, diary: SqlDiary, downloads: Downloads, tmp_path: Path
) -> None:
    diary.add(assessed(timedelta(minutes=30)))
    app = check_in(open_page("checkin"), 4, new_warning_sign="Yes")
    app = my_progress(app)

    [care] = [error.value for error in app.error if "new warning sign" in error.value]
    assert "(tel:999)" in care and "(tel:111)" in care
    assert not plan_rows(app) and PLAN_TABLE not in body(app)

    sheet = pdf_text(downloads.one(".pdf"), tmp_path)
    assert "you said a new warning sign had appeared" in sheet
    assert "Get medical care first" in sheet
    assert "Each time:" not in sheet and "Today's plan" not in sheet

    assert not session_events(reminders_now(diary)), "no session reminders after a warning sign"


# 3. A background sign, a clearance, a plan, then a new symptom stops it again.


def assess_to_the_result(app: AppTest, pain: int = 3, during: int = 3) -> AppTest:
    """From the pain step: pick the pain, rate every movement, reach the result."""
    app.button_group(key="assess_pain").set_value(pain).run()
    app.button(key="assess_pain_next").click().run()
    for movement in gentlest_first():
        app.button_group(key=f"rate_{movement.id}").set_value(during).run()
        app.button(key="assess_next").click().run()
        assert not app.exception, app.exception
    return app


def answer_safety(open_page: Open, *ticked: str) -> AppTest:
    """Open Assess, tick these warning signs (ids), and press Continue."""
    app = open_page("assess")
    for flag_id in ticked:
        app.checkbox(key=f"flag_{flag_id}").check().run()
    app.button(key="assess_safety_next").click().run()
    assert not app.exception, app.exception
    return app


def test_a_background_sign_then_a_clearance_then_a_plan_then_a_new_symptom_stops_it_again(
    open_page: Open, diary: SqlDiary
) -> None:
    app = answer_safety(open_page, "history-of-cancer")
    assert "You answered yes to" in body(app)
    assert not app.button_group, "no pain step, no plan, before the clearance"

    # Ticking the box without a date is not a clearance.
    app.checkbox(key="assess_cleared").check().run()
    app.button(key="assess_cleared_next").click().run()
    assert "pick the day you were checked" in body(app)
    assert not [group for group in app.button_group if group.key == "assess_pain"]

    checked = now().date()
    app.date_input(key="assess_cleared_on").set_value(checked).run()
    app.button(key="assess_cleared_next").click().run()
    assert not app.exception, app.exception
    assess_to_the_result(app)
    assert "Today's plan" in body(app)
    assert f"You were checked on {checked:%d %B %Y}" in body(app)
    app.button(key="assess_save").click().run()
    [saved] = diary.list(OWNER)
    assert (saved.kind, saved.background_signs, saved.cleared_on) == (
        ASSESSMENT,
        ("history-of-cancer",),
        checked,
    )
    assert today(diary.list(OWNER), now()).has_plan_to_follow

    # Later that day: a symptom now. It stops the plan, and no clearance gets past it.
    app.button(key="assess_restart").click().run()
    assert not [box for box in app.checkbox if box.key == "flag_history-of-cancer"], (
        "the background was answered this episode: not asked again"
    )
    app.checkbox(key="flag_saddle-numbness").check().run()
    app.button(key="assess_safety_next").click().run()
    assert not app.exception, app.exception
    assert app.error and "You answered yes to" in app.error[0].value
    assert not [box for box in app.checkbox if box.key == "assess_cleared"], "a symptom is never cleared"
    assert "Today's plan" not in body(app)

    app = my_progress(app)
    assert not plan_rows(app), "the sign answered on Assess, not saved, still sets the plan aside"
    assert any("numbness or tingling around your genitals" in error.value for error in app.error)


def test_a_clearance_dated_before_the_first_diary_entry_still_lets_the_saved_plan_show(
    open_page: Open, diary: SqlDiary
) -> None:
    # Checked by a GP yesterday, before this diary began: still "since this pain began".
    app = answer_safety(open_page, "history-of-cancer")
    app.checkbox(key="assess_cleared").check().run()
    checked = now().date() - timedelta(days=1)
    app.date_input(key="assess_cleared_on").set_value(checked).run()
    app.button(key="assess_cleared_next").click().run()
    assess_to_the_result(app)
    assert "Today's plan" in body(app)
    app.button(key="assess_save").click().run()
    assert not app.exception, app.exception
    [saved] = diary.list(OWNER)
    assert saved.cleared_on == checked

    standing = today(diary.list(OWNER), now())
    assert standing.cleared_on == checked, "the clearance the person recorded is kept"
    assert len(plan_rows(my_progress(app))) == 5, "My progress shows the plan Assess just saved"


def test_after_a_new_warning_sign_only_a_check_from_that_day_on_clears_the_background_asked_again(
    open_page: Open, diary: SqlDiary
) -> None:
    # Checked five days ago; a new warning sign saved two days ago; asked the background again today.
    diary.add(
        assessed(
            timedelta(days=5),
            background_signs=("history-of-cancer",),
            cleared_on=(now() - timedelta(days=5)).date(),
        )
    )
    sign = new_check_in(OWNER, now() - timedelta(days=2), 4, new_warning_sign=True)
    diary.add(sign)
    app = answer_safety(open_page, "history-of-cancer")
    assert "You answered yes to" in body(app)
    assert f"You noted a new warning sign on {sign.at.date():%a %d %b}" in body(app)
    app.checkbox(key="assess_cleared").check().run()
    app.date_input(key="assess_cleared_on").set_value(sign.at.date() - timedelta(days=1)).run()
    app.button(key="assess_cleared_next").click().run()
    assert f"({sign.at.date():%d %b} or later)" in body(app), "a check from before the sign does not count"
    assert not [group for group in app.button_group if group.key == "assess_pain"]
    app.date_input(key="assess_cleared_on").set_value(now().date()).run()
    app.button(key="assess_cleared_next").click().run()
    assert not app.exception, app.exception
    assess_to_the_result(app)
    assert "Today's plan" in body(app)
    app.button(key="assess_save").click().run()
    assert today(diary.list(OWNER), now()).has_plan_to_follow, "Assess and the record of today agree"


def test_a_clearance_from_before_the_sign_carried_in_the_address_gives_no_plan_that_today_refuses(
    open_page: Open, diary: SqlDiary
) -> None:
    checked = (now() - timedelta(days=5)).date()
    diary.add(assessed(timedelta(days=5), background_signs=("history-of-cancer",), cleared_on=checked))
    diary.add(new_check_in(OWNER, now() - timedelta(days=2), 4, new_warning_sign=True))
    app = open_page(
        "assess", query={"step": "pain", "background": "history-of-cancer", "cleared": checked.isoformat()}
    )
    app.button(key="assess_safety_next").click().run()
    assert not app.exception, app.exception
    assert "You answered yes to" in body(app), "the old check does not clear the background asked again"
    assert "Today's plan" not in body(app)


def test_a_warning_sign_saved_in_a_zone_a_day_ahead_still_lets_the_clearance_box_work(
    open_page: Open, diary: SqlDiary
) -> None:
    # Saved at 00:30 on a phone set 14 hours ahead: its own day is already tomorrow here.
    ahead = (now() - timedelta(hours=1)).astimezone(timezone(timedelta(hours=14)))
    diary.add(assessed(timedelta(days=5), background_signs=("history-of-cancer",)))
    diary.add(new_check_in(OWNER, ahead, 4, new_warning_sign=True))
    app = answer_safety(open_page, "history-of-cancer")
    assert not app.exception, app.exception
    app.checkbox(key="assess_cleared").check().run()
    app.date_input(key="assess_cleared_on").set_value(now().date()).run()
    app.button(key="assess_cleared_next").click().run()
    assert not app.exception, app.exception
    assert [group for group in app.button_group if group.key == "assess_pain"], "checked today: go on"


# 4. A check-in at 9 and at 10.


@pytest.mark.parametrize("pain", [9, 10])
def test_a_check_in_at_9_or_10_gives_rest_and_ice_help_and_skips_todays_sessions(
    open_page: Open, diary: SqlDiary, pain: int
) -> None:
    app = check_in(open_page("checkin"), pain)
    text = body(app)
    assert f"pain {pain}," in app.success[0].value
    assert any(f"At pain {pain}, skip today's rehab sessions" in w.value for w in app.warning)
    assert "Skip today's sessions" in [str(alert.proto.title) for alert in app.warning]
    assert "**Do**" in text and "**Don't**" in text
    assert "numb skin" in text, "ice with its skin cautions"
    assert "(tel:111)" in text, "when and whom to call"
    assert [entry.pain for entry in diary.list(OWNER)] == [pain]


def test_a_check_in_at_8_gets_no_rest_and_ice_page(open_page: Open, diary: SqlDiary) -> None:
    app = check_in(open_page("checkin"), 8)
    assert "skip today's rehab sessions" not in body(app)


# 5. A check-in that re-rates one movement is not an assessment.


def test_a_check_in_that_rerates_one_movement_does_not_change_the_plan_my_progress_shows(
    open_page: Open, diary: SqlDiary
) -> None:
    diary.add(assessed(timedelta(minutes=30)))
    before = plan_rows(my_progress(open_page("home")))
    assert len(before) == 5

    app = open_page("checkin")
    first = movement_by_id()[gentlest_first()[0].id]
    check_in(app, 3, during={first.id: 5})
    [rerated] = [entry for entry in diary.list(OWNER) if entry.kind != ASSESSMENT]
    assert dict(rerated.movement_pain) == {first.id: 2}, "kept as the rise above the pain now"

    after = plan_rows(my_progress(app))
    assert after == before, "one re-rated movement is not the latest assessment"


# 6. The PDF and the page agree on the plan.


def test_the_pdf_and_my_progress_show_the_same_plan(
    open_page: Open, diary: SqlDiary, downloads: Downloads, tmp_path: Path
) -> None:
    diary.add(
        assessed(timedelta(days=1), 4, {"hip-bridge": 2, "cat-camel": 0, "bird-dog": 1, "hip-mobility": 3})
    )
    app = my_progress(open_page("home"))
    shown = plan_rows(app)
    assert len(shown) == 4
    yesterday = (now() - timedelta(days=1)).astimezone(UTC)
    assert f"The plan from {yesterday:%A %d %B}" in body(app)

    sheet = pdf_text(downloads.one(".pdf"), tmp_path)
    assert f"The plan from {yesterday:%A %d %B}" in sheet and "Today's plan" not in sheet
    printed = [name for name in (m.name for m in movements()) if f"{name} Each time:" in sheet]
    assert sorted(printed) == sorted(shown)
    assert sheet.count("Each time:") == len(shown)


# 7. A soon sign keeps the plan, with its note.


def test_a_soon_sign_keeps_the_plan_with_its_note(open_page: Open, diary: SqlDiary) -> None:
    app = answer_safety(open_page, "inflammatory-back-pain")
    assert [group.key for group in app.button_group] == ["assess_pain"], "straight on to the pain step"
    assess_to_the_result(app)
    text = body(app)
    assert "Today's plan" in text and PLAN_TABLE in text
    assert "See a GP in the next few weeks" in text and "Your plan can go ahead meanwhile" in text


# 8. Chest pain: an ambulance, never driving.


def test_chest_pain_stop_step_says_call_an_ambulance_and_never_to_drive(
    open_page: Open, diary: SqlDiary
) -> None:
    app = answer_safety(open_page, "chest-pain")
    [alert] = app.error
    assert "for an ambulance now" in alert.value and "Do not drive yourself" in alert.value
    assert "[999](tel:999)" in alert.value
    assert "go to A&E" not in alert.value, "not 'call 999 or go to A&E' for chest pain"


# My progress shows the standing: the banner, a stale plan, back to normal.


def test_the_warning_sign_banner_goes_once_a_later_assessment_is_saved(
    open_page: Open, diary: SqlDiary
) -> None:
    diary.add(new_check_in(OWNER, now() - timedelta(days=2), 5, new_warning_sign=True))
    app = my_progress(open_page("home"))
    assert any("new warning sign" in error.value for error in app.error), "the sign, until checked"

    diary.add(assessed(timedelta(minutes=10)))
    app = my_progress(open_page("home"))
    assert not [error for error in app.error if "warning sign" in error.value], (
        "a later assessment answered the safety check again: no banner for ever"
    )
    assert len(plan_rows(app)) == 5


def test_a_plan_more_than_two_days_old_says_assess_again_and_shows_no_plan_table(
    open_page: Open, diary: SqlDiary
) -> None:
    diary.add(assessed(timedelta(days=3)))
    app = my_progress(open_page("home"))
    assert "is more than 2 days old: assess again before you use it" in body(app)
    assert not plan_rows(app)
    assert not session_events(reminders_now(diary)), "no session reminders for a stale plan"


def test_three_days_at_pain_2_or_less_say_back_to_normal_and_stop_the_session_reminders(
    open_page: Open, diary: SqlDiary
) -> None:
    diary.add(assessed(timedelta(days=2, hours=1), 2))
    for ago in (2, 1, 0):
        diary.add(new_check_in(OWNER, now() - timedelta(days=ago, minutes=5), 1))
    app = my_progress(open_page("home"))
    assert "back to your normal activity. Keep 2 or 3 strength sessions a week" in body(app)
    assert not session_events(reminders_now(diary))


def test_the_assessments_reminders_cover_the_days_asked_for_each_session_checking_in_first(
    open_page: Open, diary: SqlDiary, downloads: Downloads
) -> None:
    app = answer_safety(open_page)
    assess_to_the_result(app)
    days = app.number_input(key="assess_ics_days")
    assert (days.value, days.max) == (3, 7), "3 days by default, 7 at most"
    sessions = session_events(downloads.one("reminders.ics"))
    assert len({event.decoded("dtstart").date() for event in sessions}) == 3
    assert all(
        str(event["description"]).startswith("Check in first: skip this session if") for event in sessions
    )

    days.set_value(7).run()
    assert not app.exception, app.exception
    sessions = session_events(downloads.one("reminders.ics"))
    assert len({event.decoded("dtstart").date() for event in sessions}) == 7, "the person asked for 7 days"
