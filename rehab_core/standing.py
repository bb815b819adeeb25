"""Where a person stands today, worked out once from the diary: every page, sheet and file reads it.

Assess, Check-in, My progress, its PDF, the reminders, Today's session and the room all show the
same facts: the latest assessment and its plan, whether that plan is today's, from an earlier day,
too old to use, or set aside by a later check-in (pain 9-10 or a new warning sign), the latest pain,
the sessions done today, each movement's latest rating, the background answers of this episode and
any clearance. None of them keeps a rule of its own (docs/architecture.md, "One record of today").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from functools import cache, cached_property

from rehab_core.analytics import RecoveryAlert, daily_pain, recovery_alerts, to_frame
from rehab_core.assessment import Assessment, warning_sign_words
from rehab_core.catalogue import RedFlag, movement_by_id, red_flags
from rehab_core.diary import ASSESSMENT, CheckIn
from rehab_core.protocol import (
    PAIN_MAX,
    REHAB_MAX_PAIN,
    SESSIONS_PER_DAY,
    Phase,
    Recommendation,
    recommend,
    urgent_care,
)

# A plan is used as it is for this many days after its assessment; later it asks to assess again.
# Back in Action's own rule: pain changes from day to day in the first weeks.
PLAN_FRESH_DAYS = 2
# A new episode of back pain starts after this many days without an entry (our rule): its
# background questions are asked again and an older clearance no longer counts.
EPISODE_GAP_DAYS = 28
# Pain this low for this many days in a row means back to normal activity (our rule).
NORMAL_MAX_PAIN = 2
NORMAL_DAYS = 3
BACK_TO_NORMAL_WORDS = (
    f"Your pain has been {NORMAL_MAX_PAIN} or less for {NORMAL_DAYS} days in a row: back to your normal "
    "activity. Keep 2 or 3 strength sessions a week to keep your back strong."
)
# Reminders: days by default and at most, and for a plan too short to follow for long
# (docs/architecture.md, "One record of today").
REMINDER_DAYS_DEFAULT = 3
REMINDER_DAYS_MAX = 7
REMINDER_DAYS_SHORT_PLAN = 1


class PlanStatus(str, Enum):  # noqa: UP042  # str + Enum, as Phase is
    """What the latest assessment's plan is worth today."""

    NONE = "none"  # no assessment in the diary
    TODAY = "today"  # assessed today
    EARLIER = "earlier"  # from an earlier day, still young enough to follow
    STALE = "stale"  # older than PLAN_FRESH_DAYS: assess again before using it
    REST_ICE = "rest_ice"  # a later entry had pain 9-10: rest and ice instead
    GET_CARE = "get_care"  # a warning sign since: get checked instead


@dataclass(frozen=True)
class Today:
    """Everything the app shows about where a person stands, as of `now`."""

    now: datetime
    assessment: Assessment | None
    # The assessment's own recommendation (its answers, its background and clearance).
    plan: Recommendation | None
    status: PlanStatus
    # What every page shows as the person's plan today: the plan, or rest-and-ice or get-care in
    # its place. None only when the diary holds no assessment and nothing sets a plan aside.
    shown: Recommendation | None
    latest: CheckIn | None
    warning_sign_at: datetime | None  # a new warning sign saved after the latest assessment
    unsaved_signs: tuple[str, ...]  # warning signs answered yes in this browser session, not saved
    sessions_done_today: int
    tolerance: Mapping[str, int] = field(default_factory=dict)  # each movement's latest rise
    background_due: bool = True  # the background questions are to be asked at the next assessment
    background_signs: tuple[str, ...] = ()  # this episode's background answers of yes
    cleared_on: date | None = None  # checked since this episode began and told they can exercise
    # A clearance counts from this day on (the bout's latest warning sign); None: since the pain began.
    checked_since: date | None = None
    back_to_normal: bool = False
    worst_since_assessment: int = 0  # the worst pain logged after the latest assessment
    # The diary this record was worked out from, oldest first (for the alerts, worked out on demand).
    check_ins: tuple[CheckIn, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def alerts(self) -> tuple[RecoveryAlert, ...]:
        """The recovery alerts (rehab_core.analytics), worked out the first time a page asks.

        A pandas pass over the whole diary: only My progress and the PDF show them, so the pages
        that only need today's plan do not pay for it on every run.
        """
        return tuple(recovery_alerts(daily_pain(to_frame(self.check_ins))))

    @property
    def pain(self) -> int | None:
        """The latest pain in the diary, or None for an empty diary."""
        return None if self.latest is None else self.latest.pain

    @property
    def day(self) -> date:
        return self.now.date()

    @property
    def has_plan_to_follow(self) -> bool:
        """A rehab plan with movements that may be followed now: today's or a young earlier one."""
        return (
            self.status in (PlanStatus.TODAY, PlanStatus.EARLIER)
            and self.shown is not None
            and self.shown.phase is Phase.REHAB
            and bool(self.shown.prescriptions)
        )

    @property
    def session_ready(self) -> bool:
        """Whether today's guided session can start: a plan from today's assessment, sessions left."""
        return (
            self.status is PlanStatus.TODAY
            and self.has_plan_to_follow
            and self.sessions_done_today < SESSIONS_PER_DAY
        )

    def plan_title(self) -> str:
        """How the plan is named on every page and sheet: today's, or the plan from its day."""
        if self.assessment is None or self.assessment.at is None:
            return "Your plan"
        if self.status is PlanStatus.TODAY:
            return "Today's plan"
        return f"The plan from {self.assessment.at:%A %d %B}"

    def status_words(self) -> str:
        """One plain sentence on what the plan is worth today, the same on the page and the sheet."""
        assessed = self.assessment.at if self.assessment is not None else None
        if self.status is PlanStatus.NONE:
            return "No assessment in your diary yet. Assess today for a plan of your own."
        if self.status is PlanStatus.GET_CARE:
            if self.warning_sign_at is None and not self.unsaved_signs:
                return "Your last assessment found a sign a doctor should check before any exercise plan."
            return "A warning sign came after your last assessment: get checked before following any plan."
        if self.status is PlanStatus.REST_ICE:
            return (
                f"Your pain was {self.worst_since_assessment} of {PAIN_MAX} after that assessment: rest "
                "and ice instead of the plan, and skip today's sessions. Assess again once it is "
                f"{REHAB_MAX_PAIN} or lower."
            )
        assert assessed is not None
        if self.status is PlanStatus.STALE:
            return (
                f"{self.plan_title()} is more than {PLAN_FRESH_DAYS} days old: assess again before you use "
                "it. Your back may be ready for more, or for less."
            )
        if self.status is PlanStatus.EARLIER:
            return (
                f"{self.plan_title()}. Check in first, and assess again today for a plan that fits how your "
                "back is now."
            )
        return f"Assessed today at {assessed:%H:%M}."

    def reminder_days(self) -> int:
        """How many days of session reminders fit this plan: a short plan is checked again tomorrow."""
        if not self.has_plan_to_follow or self.shown is None:
            return REMINDER_DAYS_SHORT_PLAN
        if len(self.shown.prescriptions) < 4:
            return REMINDER_DAYS_SHORT_PLAN
        return REMINDER_DAYS_DEFAULT


def today(
    check_ins: Sequence[CheckIn],
    now: datetime,
    *,
    unsaved_signs: Iterable[str] = (),
) -> Today:
    """Where the diary's owner stands at `now` (timezone-aware), with this session's unsaved signs.

    `unsaved_signs` are warning signs answered yes in this browser session and not saved (a
    safety check on Assess, a session's check): they set any plan aside as a saved one does.
    """
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    ordered = sorted(check_ins, key=lambda entry: (entry.at, entry.id))
    # Only signs that stop a plan set it aside; a `soon` sign is a note on the plan, not a stop.
    signs = tuple(
        dict.fromkeys(
            sign for sign in unsaved_signs if sign in _flags_by_id() and _flags_by_id()[sign].stops_the_plan
        )
    )
    latest = ordered[-1] if ordered else None
    episode = _episode(ordered, now)
    background_signs: tuple[str, ...] = ()
    background_due = True
    episode_assessments = [entry for entry in episode if entry.kind == ASSESSMENT]
    if episode_assessments:
        answered = episode_assessments[-1]
        background_signs = _background_of(answered)
        # Asked again when a symptom answer changed after them: a new warning sign since.
        background_due = any(entry.new_warning_sign for entry in episode if entry.at > answered.at)
    cleared_on = _clearance(episode)

    assessments = [entry for entry in ordered if entry.kind == ASSESSMENT]
    last_assessment = assessments[-1] if assessments else None
    after = [entry for entry in ordered if last_assessment is None or entry.at > last_assessment.at]
    # A warning sign recorded on the assessment itself (an imported file may hold one) counts too.
    warned = [
        entry.at
        for entry in ordered
        if entry.new_warning_sign and (last_assessment is None or entry.at >= last_assessment.at)
    ]
    warning_sign_at = warned[0] if warned else None

    assessment: Assessment | None = None
    plan: Recommendation | None = None
    if last_assessment is not None:
        known = movement_by_id()
        # The plan answers to its own assessment's background and the clearance of its own bout of
        # pain: an old plan keeps the stop it had, whatever came after a long gap.
        if last_assessment in episode:
            own_clearance = cleared_on
        else:  # an assessment from an earlier bout of pain: that bout's clearance only
            up_to = ordered[: ordered.index(last_assessment) + 1]
            own_clearance = _clearance(_episode(up_to, last_assessment.at))
        # A clearance answers the background signs that stop a plan; a `soon` sign stays as a note.
        stopping = tuple(
            sign
            for sign in _background_of(last_assessment)
            if own_clearance is None or not _flags_by_id()[sign].stops_the_plan
        )
        assessment = Assessment(
            at=last_assessment.at,
            pain=last_assessment.pain,
            movement_pain={
                movement_id: rise
                for movement_id, rise in last_assessment.movement_pain.items()
                if movement_id in known
            },
            red_flags=stopping,
        )
        plan = assessment.recommendation()

    worst_since = max((entry.pain for entry in after), default=0)
    status, shown = _status(now, last_assessment, plan, signs, warning_sign_at, worst_since)
    return Today(
        now=now,
        assessment=assessment,
        plan=plan,
        status=status,
        shown=shown,
        latest=latest,
        warning_sign_at=warning_sign_at,
        unsaved_signs=signs,
        sessions_done_today=max(
            (entry.sessions_done for entry in ordered if _local_day(entry, now) == now.date()),
            default=0,
        ),
        tolerance=_latest_ratings(ordered),
        background_due=background_due,
        background_signs=background_signs,
        cleared_on=cleared_on,
        checked_since=_checked_since(episode),
        back_to_normal=_back_to_normal(ordered, now.date()),
        worst_since_assessment=worst_since,
        check_ins=tuple(ordered),
    )


def _status(
    now: datetime,
    assessed: CheckIn | None,
    plan: Recommendation | None,
    unsaved_signs: tuple[str, ...],
    warning_sign_at: datetime | None,
    worst_since: int,
) -> tuple[PlanStatus, Recommendation | None]:
    if unsaved_signs:
        return PlanStatus.GET_CARE, recommend(0, red_flags=unsaved_signs)
    if warning_sign_at is not None:
        return PlanStatus.GET_CARE, urgent_care(
            (
                f"{warning_sign_words(warning_sign_at)} Get checked as the safety check says "
                "before following any plan.",
            )
        )
    if assessed is None or plan is None:
        return PlanStatus.NONE, None
    if plan.phase is Phase.URGENT_CARE:
        # A stop (a background sign not cleared) outranks pain, as it does in recommend().
        return PlanStatus.GET_CARE, plan
    if worst_since > REHAB_MAX_PAIN:
        return PlanStatus.REST_ICE, recommend(worst_since)
    age = (now.date() - _local_day(assessed, now)).days
    if plan.phase is not Phase.REHAB:
        # Rest and ice or get care is never a plan to grow stale: it stands until the next check.
        return (PlanStatus.TODAY if age <= 0 else PlanStatus.EARLIER), plan
    if age <= 0:
        return PlanStatus.TODAY, plan
    if age <= PLAN_FRESH_DAYS:
        return PlanStatus.EARLIER, plan
    return PlanStatus.STALE, plan


def _local_day(entry: CheckIn, now: datetime) -> date:
    """The entry's calendar day where the person is now."""
    return entry.at.astimezone(now.tzinfo).date()


def _episode(ordered: Sequence[CheckIn], now: datetime) -> list[CheckIn]:
    """The entries of the bout of pain at `now`: those since the last gap of more than EPISODE_GAP_DAYS.

    A gap between the last entry and now counts too: someone back after weeks away is in a new
    bout, asked the background questions again, with no clearance yet.
    """
    if not ordered or now - ordered[-1].at > timedelta(days=EPISODE_GAP_DAYS):
        return []
    start = 0
    for index in range(1, len(ordered)):
        if ordered[index].at - ordered[index - 1].at > timedelta(days=EPISODE_GAP_DAYS):
            start = index
    return list(ordered[start:])


def _last_sign(episode: Sequence[CheckIn]) -> int | None:
    """Where in the bout its latest new warning sign was saved; None when there was none."""
    signs = [index for index, entry in enumerate(episode) if entry.new_warning_sign]
    return signs[-1] if signs else None


def _checked_since(episode: Sequence[CheckIn]) -> date | None:
    """The first day a clearance may be dated: the day of the bout's latest warning sign, if any."""
    index = _last_sign(episode)
    return None if index is None else episode[index].at.date()


def _clearance(episode: Sequence[CheckIn]) -> date | None:
    """The latest clearance recorded in a bout of pain that still answers its background questions.

    Its date may be before the bout's first entry: the pain began before the diary did, and the
    person says they were checked since it began. A clearance recorded in an earlier bout never
    counts, as that bout's entries are not here. A new warning sign asks the background questions
    again, so a clearance counts only if it was recorded after the bout's latest warning sign and
    dated on or after that sign's day: whoever checked the person before had not seen the new sign.
    """
    index = _last_sign(episode)
    since = episode if index is None else episode[index + 1 :]
    first_day = _checked_since(episode)
    return max(
        (
            entry.cleared_on
            for entry in since
            if entry.cleared_on is not None and (first_day is None or entry.cleared_on >= first_day)
        ),
        default=None,
    )


def _background_of(entry: CheckIn) -> tuple[str, ...]:
    return tuple(sign for sign in entry.background_signs if sign in _background_ids())


def _latest_ratings(ordered: Sequence[CheckIn]) -> dict[str, int]:
    """Each catalogue movement's rise at its latest rating, whatever kind of entry rated it."""
    known = movement_by_id()
    latest: dict[str, int] = {}
    for entry in ordered:
        for movement_id, rise in entry.movement_pain.items():
            if movement_id in known:
                latest[movement_id] = rise
    return {movement_id: latest[movement_id] for movement_id in known if movement_id in latest}


def _back_to_normal(ordered: Sequence[CheckIn], day: date) -> bool:
    """Each day's worst pain at most NORMAL_MAX_PAIN on NORMAL_DAYS days in a row, up to yesterday.

    A day is the check-in's own calendar day, as the diary's daily table counts it.
    """
    worst: dict[date, int] = {}
    for entry in ordered:
        entry_day = entry.at.date()
        worst[entry_day] = max(worst.get(entry_day, entry.pain), entry.pain)
    days = sorted(worst)[-NORMAL_DAYS:]
    if len(days) < NORMAL_DAYS:
        return False
    in_a_row = all((later - earlier).days == 1 for earlier, later in itertools.pairwise(days))
    recent = (day - days[-1]).days <= 1
    return in_a_row and recent and all(worst[each] <= NORMAL_MAX_PAIN for each in days)


@cache
def _flags_by_id() -> dict[str, RedFlag]:
    return {flag.id: flag for flag in red_flags()}


@cache
def _background_ids() -> frozenset[str]:
    return frozenset(flag.id for flag in red_flags() if flag.kind == "background")
