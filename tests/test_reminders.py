"""Reminders as an .ics file, made from where the person stands: sessions only with a plan to follow.

Issue 22 point 2: 3 days by default and 7 at most, 1 for a plan under 4 movements, a morning
check-in, each session starting "Check in first", a link to the app; otherwise one event to check
again, never a session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from rehab_core import InvalidInput, Today, today
from rehab_core.diary import ASSESSMENT, CheckIn, new_check_in
from rehab_core.reminders import CHECK_FIRST, reminders_ics

COACH = "Spine Studio"
# A rehab day with a plan: four tolerated movements.
FOUR_TOLERATED = {"bird-dog": 1, "hip-bridge": 0, "cat-camel": 2, "side-plank-clamshell": 3}


def assessed(on: date, pain: int = 3, rated: Mapping[str, int] = FOUR_TOLERATED, **fields: object) -> CheckIn:
    return new_check_in(
        "me",
        datetime.combine(on, time(7), tzinfo=UTC),
        pain,
        movement_pain=rated,
        kind=ASSESSMENT,
        **fields,  # type: ignore[arg-type]
    )


def standing_on(day: date, entries: Sequence[CheckIn] | None = None) -> Today:
    """Where the person stands at 07:30 UTC on `day`, assessed that morning unless entries are given."""
    return today(
        [assessed(day)] if entries is None else entries, datetime.combine(day, time(7, 30), tzinfo=UTC)
    )


def events_of(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def sessions_of(data: bytes) -> list[object]:
    return [event for event in events_of(data) if str(event["summary"]).startswith("Rehab session")]  # type: ignore[index]


def test_the_reminders_file_reparses_with_a_morning_check_in_and_each_session_with_an_alarm() -> None:
    data = reminders_ics(standing_on(date(2025, 3, 30)), tz="Europe/London", site_name="Back in Action")
    events = events_of(data)
    assert len(events) == 3 * 4, "3 days by default, a check-in and 3 sessions each"
    starts = sorted(event.decoded("dtstart") for event in events)  # type: ignore[attr-defined]
    assert starts[0].isoformat() == "2025-03-30T07:30:00+01:00"  # British Summer Time began that night
    assert [(start.hour, start.minute) for start in starts] == [(7, 30), (8, 0), (13, 0), (18, 0)] * 3
    assert all(len(event.walk("VALARM")) == 1 for event in events)  # type: ignore[attr-defined]
    assert len({str(event["uid"]) for event in events}) == 12  # type: ignore[index]


def test_three_days_by_default_seven_at_most_and_one_for_a_short_plan() -> None:
    day = date(2025, 3, 1)
    assert len(sessions_of(reminders_ics(standing_on(day), site_name=COACH))) == 3 * 3
    seven = sessions_of(reminders_ics(standing_on(day), 7, site_name=COACH))
    assert {event.decoded("dtstart").date() for event in seven} == {  # type: ignore[attr-defined]
        day + timedelta(days=offset) for offset in range(7)
    }, "the person asked for 7 days of reminders"
    with pytest.raises(InvalidInput, match="field 'days'"):
        reminders_ics(standing_on(day), 8, site_name=COACH)
    short = standing_on(day, [assessed(day, rated={"bird-dog": 1, "hip-bridge": 0})])
    assert short.shown is not None and len(short.shown.prescriptions) == 2
    short_sessions = sessions_of(reminders_ics(short, 7, site_name=COACH))
    assert {event.decoded("dtstart").date() for event in short_sessions} == {day}  # type: ignore[attr-defined]


def test_every_session_starts_by_asking_for_a_check_in_first_and_links_to_the_session_page() -> None:
    data = reminders_ics(standing_on(date(2025, 3, 1)), site_name=COACH, app_url="https://rehab.example/app/")
    sessions = sessions_of(data)
    assert sessions
    for event in sessions:
        words = str(event["description"])  # type: ignore[index]
        assert words.startswith("Check in first: skip this session if your pain is 9-10 or a warning sign")
        assert words.startswith(CHECK_FIRST)
        assert "https://rehab.example/app/session" in words
    mornings = [e for e in events_of(data) if str(e["summary"]) == "Morning check-in"]  # type: ignore[index]
    assert len(mornings) == 3
    assert all("https://rehab.example/app/checkin" in str(e["description"]) for e in mornings)  # type: ignore[index]


def test_without_the_apps_address_no_link_is_made_up() -> None:
    for address in ("", "javascript:alert(1)", "https://x.example/a b"):
        data = reminders_ics(standing_on(date(2025, 3, 1)), site_name=COACH, app_url=address).decode()
        assert "Open:" not in data


def test_reminder_settings_that_make_no_sense_are_refused_naming_the_field() -> None:
    standing = standing_on(date(2025, 3, 1))
    with pytest.raises(InvalidInput, match="field 'days'"):
        reminders_ics(standing, 0, site_name=COACH)
    with pytest.raises(InvalidInput, match="field 'tz'"):
        reminders_ics(standing, 1, tz="Mars/Olympus", site_name=COACH)
    with pytest.raises(InvalidInput, match="field 'times'"):
        reminders_ics(standing, 1, times=(time(8), time(8)), site_name=COACH)
    custom = sessions_of(reminders_ics(standing, 2, times=(time(7, 30),), tz="UTC", site_name=COACH))
    assert [event.decoded("dtstart") for event in custom] == [  # type: ignore[attr-defined]
        datetime(2025, 3, 1, 7, 30, tzinfo=UTC),
        datetime(2025, 3, 2, 7, 30, tzinfo=UTC),
    ]


DAY = date(2025, 3, 1)


@pytest.mark.parametrize(
    "entries",
    [
        [assessed(DAY, 9, {})],
        [assessed(DAY, 10, {})],
        [assessed(DAY, background_signs=("history-of-cancer",))],
        [assessed(DAY, 4, {"bird-dog": 6, "hip-bridge": 4})],
        [assessed(DAY), new_check_in("me", datetime(2025, 3, 1, 7, 10, tzinfo=UTC), 10)],
        [
            assessed(DAY),
            new_check_in("me", datetime(2025, 3, 1, 7, 10, tzinfo=UTC), 3, new_warning_sign=True),
        ],
        [assessed(DAY - timedelta(days=3))],
        [],
    ],
    ids=[
        "rest and ice at 9",
        "rest and ice at 10",
        "a background sign not yet checked",
        "rehab with no movement easy enough",
        "a check-in at 10 after the assessment",
        "a new warning sign after the assessment",
        "a plan too old to follow",
        "no assessment",
    ],
)
def test_a_day_without_a_plan_to_follow_offers_no_session_only_a_check_again_tomorrow_morning(
    entries: list[CheckIn],
) -> None:
    standing = standing_on(DAY, entries)
    assert not standing.has_plan_to_follow
    data = reminders_ics(standing, 7, site_name=COACH, tz="Europe/London")
    [event] = events_of(data)
    assert event.decoded("dtstart") == datetime(2025, 3, 2, 8, 0, tzinfo=ZoneInfo("Europe/London"))  # type: ignore[attr-defined]
    assert "check" in str(event["summary"]).lower()  # type: ignore[index]
    assert b"Rehab session" not in data
    assert len(event.walk("VALARM")) == 1  # type: ignore[attr-defined]


def test_back_to_normal_stops_the_session_reminders() -> None:
    entries = [assessed(DAY - timedelta(days=2), 2)] + [
        new_check_in("me", datetime.combine(DAY - timedelta(days=ago), time(6), tzinfo=UTC), 1)
        for ago in (2, 1, 0)
    ]
    standing = standing_on(DAY, entries)
    assert standing.back_to_normal
    [event] = events_of(reminders_ics(standing, 3, site_name=COACH))
    assert str(event["summary"]) == "Back to normal activity"  # type: ignore[index]
    assert "2 or 3 strength sessions a week" in str(event["description"])  # type: ignore[index]


def test_the_standing_must_be_given() -> None:
    with pytest.raises(InvalidInput, match="field 'standing'"):
        reminders_ics("rehab", 1, site_name=COACH)  # type: ignore[arg-type]


def test_a_site_name_with_line_breaks_is_put_on_one_line() -> None:
    data = reminders_ics(standing_on(DAY), 1, site_name="Coach Sam\r\nBEGIN:VEVENT\nX\x00")
    calendar = Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "Coach Sam BEGIN:VEVENT X: rehab sessions"
    assert len(list(calendar.walk("VEVENT"))) == 4


def test_no_time_zone_means_utc() -> None:
    [first, *_] = sessions_of(reminders_ics(standing_on(DAY), 1, site_name=COACH, tz=None))
    assert first.decoded("dtstart") == datetime(2025, 3, 1, 8, 0, tzinfo=UTC)  # type: ignore[attr-defined]


def test_a_start_at_the_end_of_the_calendar_is_refused_in_words() -> None:
    # A diary's entries stop at the year 2200; only a clock at the calendar's end gets here.
    with pytest.raises(InvalidInput, match=r"field 'start': .* too near the end of the calendar"):
        reminders_ics(standing_on(date.max, []), 1, site_name=COACH)
    assert (
        len(events_of(reminders_ics(standing_on(date.max - timedelta(days=2), []), 1, site_name=COACH))) == 1
    )


def test_the_calendar_and_its_event_ids_carry_the_coachs_name_and_nothing_of_the_projects() -> None:
    for standing in (standing_on(DAY), standing_on(DAY, [assessed(DAY, 9, {})])):
        data = reminders_ics(standing, 2, site_name=COACH).decode()
        calendar = Calendar.from_ical(data)
        assert str(calendar["x-wr-calname"]).startswith("Spine Studio: ")
        assert all(str(event["uid"]).endswith("@spine-studio") for event in calendar.walk("VEVENT"))
        assert "back in action" not in data.lower().replace("-", " ")
