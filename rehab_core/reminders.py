"""Reminders as an iCalendar (.ics) file a phone's calendar can import: rehab sessions, or a check again."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from rehab_core.config import file_stem
from rehab_core.diary import whole_number_problem
from rehab_core.errors import InvalidInput, short_repr
from rehab_core.protocol import REHAB_MAX_PAIN, SESSIONS_PER_DAY, TOLERATED_MAX_PAIN, Phase, Recommendation

MAX_REMINDER_DAYS = 366
SESSION_MINUTES = 20
REMINDER_MINUTES_BEFORE = 10
CHECK_AGAIN_MINUTES = 10
# The calendar's name when the site's name has nothing printable left on one line.
NAMELESS = "Reminders"
SITE_NAME_MAX_CHARS = 80
# What the one reminder on a day without a plan says, by today's phase.
CHECK_AGAIN_WORDS: dict[Phase, str] = {
    Phase.REHAB: (
        "Yesterday too few movements were easy enough for a plan. Rest, then check your pain "
        "and the movements again with the app."
    ),
    Phase.URGENT_CARE: (
        "Yesterday's check found a warning sign: get the care you were advised first. "
        "Before any exercise, check your back again with the app."
    ),
    Phase.REST_ICE: (
        "Yesterday was a day for rest and ice. Check your pain and the warning signs again: "
        f"once your pain is {REHAB_MAX_PAIN} or lower, try the movements gently."
    ),
}


def reminders_ics(
    start: date,
    days: int,
    *,
    plan: Recommendation,
    times: Sequence[time] = (time(8), time(13), time(18)),
    tz: str | tzinfo | None = "UTC",
    site_name: str,
) -> bytes:
    """A calendar file for today's plan, each event with a reminder before it.

    A rehab day with movements to do: one event per session (times) per day for `days` days from
    `start`. Any other day (urgent care, rest and ice, or rehab with no movement easy enough)
    has no exercise to remind of: one event the next morning (the first of times) to check the
    back again, whatever `days` says. `tz` is a zone name (Europe/London), a
    tzinfo, or None for UTC. The site's name (the coach's) is put on one line and names the
    calendar and its events' ids.
    """
    days_problem = whole_number_problem(days, 1, MAX_REMINDER_DAYS)
    if days_problem is not None:
        raise InvalidInput(f"field 'days': {days_problem}")
    if not isinstance(plan, Recommendation):
        raise InvalidInput(f"field 'plan': must be today's recommendation, got {short_repr(plan)}")
    if not isinstance(start, date):
        raise InvalidInput(f"field 'start': must be a date, got {short_repr(start)}")
    if not times or len(times) > SESSIONS_PER_DAY or not all(isinstance(t, time) for t in times):
        raise InvalidInput(f"field 'times': give from 1 to {SESSIONS_PER_DAY} session times")
    if len(set(times)) != len(times):
        raise InvalidInput("field 'times': two sessions are at the same time")
    zone = _zone(tz)
    name = _one_line(site_name)
    # Stable ids: downloading the file again updates these events instead of doubling them.
    domain = file_stem(name) or "reminders"
    ordered = sorted(times)
    rehab = plan.phase is Phase.REHAB and bool(plan.prescriptions)
    # The days the file covers (tomorrow, for a check again) and the next must exist in the calendar.
    day_count = days if rehab else 2
    try:
        start + timedelta(days=day_count)
    except OverflowError:
        raise InvalidInput(
            f"field 'start': {start.isoformat()} is too near the end of the calendar "
            f"for {day_count} days of reminders"
        ) from None

    calendar = Calendar()
    calendar.add("prodid", f"-//{name}//Rehab reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{name}: rehab sessions" if rehab else f"{name}: check again")
    stamp = datetime.now(UTC)
    if not rehab:
        tomorrow = start + timedelta(days=1)
        calendar.add_component(
            _event(
                uid=f"{tomorrow.isoformat()}-check-again@{domain}",
                stamp=stamp,
                begins=datetime.combine(tomorrow, ordered[0].replace(tzinfo=None), tzinfo=zone),
                minutes=CHECK_AGAIN_MINUTES,
                summary="Check your back again",
                description=CHECK_AGAIN_WORDS[plan.phase],
            )
        )
        calendar.add_missing_timezones()
        return bytes(calendar.to_ical())
    for offset in range(days):
        day = start + timedelta(days=offset)
        for number, moment in enumerate(ordered, start=1):
            calendar.add_component(
                _event(
                    uid=f"{day.isoformat()}-session-{number}@{domain}",
                    stamp=stamp,
                    begins=datetime.combine(day, moment.replace(tzinfo=None), tzinfo=zone),
                    minutes=SESSION_MINUTES,
                    summary=f"Rehab session {number} of {len(ordered)}",
                    description=(
                        "Today's plan from your check-in: each movement for the reps and sets it gives. "
                        f"Stop any movement that causes pain above {TOLERATED_MAX_PAIN}."
                    ),
                )
            )
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(
    *, uid: str, stamp: datetime, begins: datetime, minutes: int, summary: str, description: str
) -> Event:
    """One calendar event with a reminder shortly before it."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", begins)
    event.add("duration", timedelta(minutes=minutes))
    event.add("summary", summary)
    event.add("description", description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{summary} in {REMINDER_MINUTES_BEFORE} minutes")
    alarm.add("trigger", timedelta(minutes=-REMINDER_MINUTES_BEFORE))
    event.add_component(alarm)
    return event


def _zone(tz: str | tzinfo | None) -> tzinfo:
    if tz is None:
        return UTC
    if isinstance(tz, tzinfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InvalidInput(
            f"field 'tz': {short_repr(tz)} is not a known time zone (like Europe/London)"
        ) from None


def _one_line(site_name: object) -> str:
    """The site name on one line of printable text (a line break would break the calendar file)."""
    if not isinstance(site_name, str):
        return NAMELESS
    printable = "".join(
        " " if unicodedata.category(character)[0] in {"C", "Z"} else character for character in site_name
    )
    words = " ".join(printable.split())[:SITE_NAME_MAX_CHARS].strip()
    return words or NAMELESS
