"""Reminders as an iCalendar (.ics) file a phone's calendar can import: rehab sessions, or a check again.

The file is made from `Today` (rehab_core.standing), never from a plan on its own: the same record
that every page shows decides whether there are sessions to remind of, and for how many days.
Every session event starts by asking for a check-in first, and links to Today's session.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from rehab_core.config import file_stem
from rehab_core.diary import whole_number_problem
from rehab_core.errors import InvalidInput, short_repr
from rehab_core.protocol import (
    PAIN_MAX,
    REHAB_MAX_PAIN,
    SESSIONS_PER_DAY,
    TOLERATED_MAX_PAIN,
    Phase,
)
from rehab_core.standing import (
    BACK_TO_NORMAL_WORDS,
    REMINDER_DAYS_MAX,
    PlanStatus,
    Today,
)

MAX_REMINDER_DAYS = REMINDER_DAYS_MAX
SESSION_PAGE = "session"
CHECK_IN_PAGE = "checkin"
# Every session event opens with this (docs/architecture.md, "One record of today").
CHECK_FIRST = (
    f"Check in first: skip this session if your pain is {REHAB_MAX_PAIN + 1}-{PAIN_MAX} or a warning "
    "sign has appeared."
)
MORNING_CHECK_IN_MINUTES = 30
SESSION_MINUTES = 20
REMINDER_MINUTES_BEFORE = 10
CHECK_AGAIN_MINUTES = 10
# The calendar's name when the site's name has nothing printable left on one line.
NAMELESS = "Reminders"
SITE_NAME_MAX_CHARS = 80
STALE_WORDS = "Your plan is too old to follow: assess your back again with the app for a new one."
# What the one reminder on a day without a plan says, by today's phase.
CHECK_AGAIN_WORDS: dict[Phase, str] = {
    Phase.REHAB: (
        "Too few movements were easy enough for a plan. Rest, then check your pain "
        "and the movements again with the app."
    ),
    Phase.URGENT_CARE: (
        "Your last check found a warning sign: get the care you were advised first. "
        "Before any exercise, check your back again with the app."
    ),
    Phase.REST_ICE: (
        "Your back needed rest and ice. Check your pain and the warning signs again: "
        f"once your pain is {REHAB_MAX_PAIN} or lower, try the movements gently."
    ),
}


def reminders_ics(
    standing: Today,
    days: int | None = None,
    *,
    times: Sequence[time] = (time(8), time(13), time(18)),
    tz: str | tzinfo | None = "UTC",
    site_name: str = "",
    app_url: str = "",
) -> bytes:
    """A calendar file for where the person stands, each event with a reminder before it.

    With a plan to follow (today's, or a young earlier one, with movements): a morning check-in
    and one event per session (times) per day, from the standing's day, for `days` days (at most
    7; by default `standing.reminder_days()`, which is 1 for a plan under 4 movements). Any other
    standing (get care, rest and ice, no plan, a stale plan, back to normal) has no exercise to
    remind of: one event the next morning, saying what to do instead. `tz` is a zone name
    (Europe/London), a tzinfo, or None for UTC. `app_url` is the app's address, for the links.
    The site's name (the coach's) is put on one line and names the calendar and its events' ids;
    without one they are named "Reminders", never after this project.
    """
    if not isinstance(standing, Today):
        raise InvalidInput(
            f"field 'standing': must be where the person stands today, got {short_repr(standing)}"
        )
    if days is None:
        days = standing.reminder_days()
    days_problem = whole_number_problem(days, 1, MAX_REMINDER_DAYS)
    if days_problem is not None:
        raise InvalidInput(f"field 'days': {days_problem}")
    if not times or len(times) > SESSIONS_PER_DAY or not all(isinstance(t, time) for t in times):
        raise InvalidInput(f"field 'times': give from 1 to {SESSIONS_PER_DAY} session times")
    if len(set(times)) != len(times):
        raise InvalidInput("field 'times': two sessions are at the same time")
    zone = _zone(tz)
    name = _one_line(site_name)
    # Stable ids: downloading the file again updates these events instead of doubling them.
    domain = file_stem(name) or "reminders"
    ordered = sorted(times)
    start = standing.day
    rehab = standing.has_plan_to_follow and not standing.back_to_normal
    # A plan under PLAN_MIN movements is checked again tomorrow: one day, whatever was asked.
    days = min(days, standing.reminder_days()) if rehab and standing.reminder_days() == 1 else days
    days = days if rehab else 1
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
    session_link = _link(app_url, SESSION_PAGE)
    check_in_link = _link(app_url, CHECK_IN_PAGE)
    if not rehab:
        tomorrow = start + timedelta(days=1)
        calendar.add_component(
            _event(
                uid=f"{tomorrow.isoformat()}-check-again@{domain}",
                stamp=stamp,
                begins=datetime.combine(tomorrow, ordered[0].replace(tzinfo=None), tzinfo=zone),
                minutes=CHECK_AGAIN_MINUTES,
                summary="Back to normal activity" if standing.back_to_normal else "Check your back again",
                description=_check_again_words(standing) + check_in_link,
            )
        )
        calendar.add_missing_timezones()
        return bytes(calendar.to_ical())
    for offset in range(days):
        day = start + timedelta(days=offset)
        first = datetime.combine(day, ordered[0].replace(tzinfo=None), tzinfo=zone)
        calendar.add_component(
            _event(
                uid=f"{day.isoformat()}-check-in@{domain}",
                stamp=stamp,
                begins=first - timedelta(minutes=MORNING_CHECK_IN_MINUTES),
                minutes=CHECK_AGAIN_MINUTES,
                summary="Morning check-in",
                description=(
                    "How is your back this morning? Log your pain and answer the warning-sign question "
                    "before today's sessions." + check_in_link
                ),
            )
        )
        for number, moment in enumerate(ordered, start=1):
            calendar.add_component(
                _event(
                    uid=f"{day.isoformat()}-session-{number}@{domain}",
                    stamp=stamp,
                    begins=datetime.combine(day, moment.replace(tzinfo=None), tzinfo=zone),
                    minutes=SESSION_MINUTES,
                    summary=f"Rehab session {number} of {len(ordered)}",
                    description=(
                        f"{CHECK_FIRST} Then do your plan: each movement for the reps "
                        f"and sets it gives. Stop any movement that raises your pain by more than "
                        f"{TOLERATED_MAX_PAIN}, or past {REHAB_MAX_PAIN}." + session_link
                    ),
                )
            )
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _check_again_words(standing: Today) -> str:
    if standing.back_to_normal:
        return BACK_TO_NORMAL_WORDS
    if standing.status is PlanStatus.STALE:
        return STALE_WORDS
    if standing.status is PlanStatus.GET_CARE:
        return CHECK_AGAIN_WORDS[Phase.URGENT_CARE]
    if standing.status is PlanStatus.REST_ICE or standing.shown is None:
        return CHECK_AGAIN_WORDS[Phase.REST_ICE]
    return CHECK_AGAIN_WORDS[standing.shown.phase]


def _link(app_url: str, page: str) -> str:
    """The words " Open: <the app's address>/<page>" when that address is known, else nothing."""
    if not app_url.startswith(("https://", "http://")) or any(c in app_url for c in "\r\n\x00 "):
        return ""
    return f" Open: {app_url.rstrip('/')}/{page}"


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
