"""Rehab session reminders as an iCalendar (.ics) file a phone's calendar can import."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rehab_core.diary import whole_number_problem
from rehab_core.errors import InvalidInput
from rehab_core.protocol import SESSIONS_PER_DAY, TOLERATED_MAX_PAIN

MAX_REMINDER_DAYS = 366
SESSION_MINUTES = 20
REMINDER_MINUTES_BEFORE = 10


def reminders_ics(
    start: date,
    days: int,
    *,
    times: Sequence[time] = (time(8), time(13), time(18)),
    tz: str = "UTC",
    site_name: str = "Back in Action",
) -> bytes:
    """A calendar file with one event per rehab session per day, each with a reminder before it."""
    from icalendar import Alarm, Calendar, Event

    days_problem = whole_number_problem(days, 1, MAX_REMINDER_DAYS)
    if days_problem is not None:
        raise InvalidInput(f"field 'days': {days_problem}")
    if not times or len(times) > SESSIONS_PER_DAY or not all(isinstance(t, time) for t in times):
        raise InvalidInput(f"field 'times': give from 1 to {SESSIONS_PER_DAY} session times")
    if len(set(times)) != len(times):
        raise InvalidInput("field 'times': two sessions are at the same time")
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"field 'tz': {tz!r} is not a known time zone (like Europe/London)") from None

    calendar = Calendar()
    calendar.add("prodid", f"-//{site_name}//Rehab reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{site_name}: rehab sessions")
    stamp = datetime.now(UTC)
    ordered = sorted(times)
    for offset in range(days):
        day = start + timedelta(days=offset)
        for number, moment in enumerate(ordered, start=1):
            event = Event()
            # Stable ids: downloading the file again updates these events instead of doubling them.
            event.add("uid", f"{day.isoformat()}-session-{number}@back-in-action")
            event.add("dtstamp", stamp)
            event.add("dtstart", datetime.combine(day, moment.replace(tzinfo=None), tzinfo=zone))
            event.add("duration", timedelta(minutes=SESSION_MINUTES))
            event.add("summary", f"Rehab session {number} of {len(ordered)}")
            event.add(
                "description",
                "Today's plan from your check-in: each movement for the reps and sets it gives. "
                f"Stop any movement that causes pain above {TOLERATED_MAX_PAIN}.",
            )
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Rehab session {number} in {REMINDER_MINUTES_BEFORE} minutes")
            alarm.add("trigger", timedelta(minutes=-REMINDER_MINUTES_BEFORE))
            event.add_component(alarm)
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
