"""Session reminders as an .ics file: one event and alarm per session, settings checked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from rehab_core import InvalidInput
from rehab_core.reminders import reminders_ics


def test_the_reminders_file_reparses_with_one_event_and_alarm_per_session_per_day() -> None:
    data = reminders_ics(date(2025, 3, 30), 3, tz="Europe/London", site_name="Back in Action")
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
        reminders_ics(date(2025, 3, 1), 0)
    with pytest.raises(InvalidInput, match="field 'tz'"):
        reminders_ics(date(2025, 3, 1), 1, tz="Mars/Olympus")
    with pytest.raises(InvalidInput, match="field 'times'"):
        reminders_ics(date(2025, 3, 1), 1, times=(time(8), time(8)))
    custom = Calendar.from_ical(reminders_ics(date(2025, 3, 1), 2, times=(time(7, 30),), tz="UTC"))
    assert [event.decoded("dtstart") for event in custom.walk("VEVENT")] == [
        datetime(2025, 3, 1, 7, 30, tzinfo=UTC),
        datetime(2025, 3, 2, 7, 30, tzinfo=UTC),
    ]
