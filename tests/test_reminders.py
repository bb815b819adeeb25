"""Reminders as an .ics file: sessions only on a rehab day, otherwise one to check again; settings checked."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from rehab_core import InvalidInput, Phase, Recommendation, recommend
from rehab_core.reminders import reminders_ics

COACH = "Spine Studio"
# A rehab day with a plan: four tolerated movements.
REHAB = recommend(3, {"bird-dog": 1, "hip-bridge": 0, "cat-camel": 2, "side-plank-clamshell": 3})


def test_the_reminders_file_reparses_with_one_event_and_alarm_per_session_per_day() -> None:
    data = reminders_ics(date(2025, 3, 30), 3, tz="Europe/London", site_name="Back in Action", plan=REHAB)
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 9
    starts = sorted(event.decoded("dtstart") for event in events)
    assert starts[0].isoformat() == "2025-03-30T08:00:00+01:00"  # British Summer Time began that night
    assert [start.hour for start in starts] == [8, 13, 18] * 3
    assert all(len(event.walk("VALARM")) == 1 for event in events)
    assert len({str(event["uid"]) for event in events}) == 9


def test_reminder_settings_that_make_no_sense_are_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match="field 'days'"):
        reminders_ics(date(2025, 3, 1), 0, site_name=COACH, plan=REHAB)
    with pytest.raises(InvalidInput, match="field 'tz'"):
        reminders_ics(date(2025, 3, 1), 1, tz="Mars/Olympus", site_name=COACH, plan=REHAB)
    with pytest.raises(InvalidInput, match="field 'times'"):
        reminders_ics(date(2025, 3, 1), 1, times=(time(8), time(8)), site_name=COACH, plan=REHAB)
    custom = Calendar.from_ical(
        reminders_ics(date(2025, 3, 1), 2, times=(time(7, 30),), tz="UTC", site_name=COACH, plan=REHAB)
    )
    assert [event.decoded("dtstart") for event in custom.walk("VEVENT")] == [
        datetime(2025, 3, 1, 7, 30, tzinfo=UTC),
        datetime(2025, 3, 2, 7, 30, tzinfo=UTC),
    ]


def events_of(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_a_rehab_day_offers_three_sessions_a_day() -> None:
    assert REHAB.phase is Phase.REHAB and REHAB.prescriptions
    events = events_of(reminders_ics(date(2025, 3, 1), 7, site_name=COACH, plan=REHAB, tz="Europe/London"))
    assert len(events) == 21
    by_day: dict[date, int] = {}
    for event in events:
        day = event.decoded("dtstart").date()  # type: ignore[attr-defined]
        by_day[day] = by_day.get(day, 0) + 1
    assert set(by_day.values()) == {3} and len(by_day) == 7


@pytest.mark.parametrize(
    "result",
    [
        recommend(9),
        recommend(10),
        recommend(4, red_flags=["saddle-numbness"]),
        recommend(4, {"bird-dog": 6, "hip-bridge": 7}),
    ],
    ids=["rest and ice at 9", "rest and ice at 10", "urgent care", "rehab with no movement easy enough"],
)
def test_a_day_without_a_plan_offers_no_session_only_a_check_again_tomorrow_morning(
    result: Recommendation,
) -> None:
    assert not result.prescriptions
    data = reminders_ics(date(2025, 3, 1), 7, site_name=COACH, plan=result, tz="Europe/London")
    [event] = events_of(data)
    assert event.decoded("dtstart") == datetime(2025, 3, 2, 8, 0, tzinfo=ZoneInfo("Europe/London"))  # type: ignore[attr-defined]
    assert "check" in str(event["summary"]).lower()  # type: ignore[index]
    assert b"Rehab session" not in data
    assert len(event.walk("VALARM")) == 1  # type: ignore[attr-defined]


def test_the_plan_must_be_given() -> None:
    assert inspect.signature(reminders_ics).parameters["plan"].default is inspect.Parameter.empty
    with pytest.raises(InvalidInput, match="field 'plan'"):
        reminders_ics(date(2025, 3, 1), 1, site_name=COACH, plan="rehab")  # type: ignore[arg-type]


def test_a_site_name_with_line_breaks_is_put_on_one_line() -> None:
    data = reminders_ics(date(2025, 3, 1), 1, plan=REHAB, site_name="Coach Sam\r\nBEGIN:VEVENT\nX\x00")
    calendar = Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "Coach Sam BEGIN:VEVENT X: rehab sessions"
    assert len(list(calendar.walk("VEVENT"))) == 3


def test_no_time_zone_means_utc() -> None:
    [first, *_] = events_of(reminders_ics(date(2025, 3, 1), 1, site_name=COACH, plan=REHAB, tz=None))
    assert first.decoded("dtstart") == datetime(2025, 3, 1, 8, 0, tzinfo=UTC)  # type: ignore[attr-defined]


def test_a_start_at_the_end_of_the_calendar_is_refused_in_words() -> None:
    for start, days, plan in (
        (date.max, 1, REHAB),
        (date.max - timedelta(days=1), 3, REHAB),
        (date.max, 1, recommend(9)),
    ):
        with pytest.raises(InvalidInput, match=r"field 'start': .* too near the end of the calendar"):
            reminders_ics(start, days, site_name=COACH, plan=plan)
    assert len(events_of(reminders_ics(date.max - timedelta(days=3), 3, site_name=COACH, plan=REHAB))) == 9


def test_the_calendar_and_its_event_ids_carry_the_coachs_name_and_nothing_of_the_projects() -> None:
    from rehab_core import today
    from rehab_core.demo import demo_check_ins

    for day in (date(2026, 3, 1), date(2026, 3, 2)):  # the demo's plan is today's, then a day old
        standing = today(demo_check_ins(today=date(2026, 3, 1)), datetime.combine(day, time(20), UTC))
        data = reminders_ics(standing, 2, site_name="Spine Studio").decode()
        calendar = Calendar.from_ical(data)
        assert str(calendar["x-wr-calname"]).startswith("Spine Studio: ")
        assert all(str(event["uid"]).endswith("@spine-studio") for event in calendar.walk("VEVENT"))
        assert "back in action" not in data.lower().replace("-", " ")
