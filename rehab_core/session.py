"""Today's guided session as rules: its steps in order, what is dropped and why, what is saved.

A session follows the plan of today's assessment (rehab_core.today says whether one may start):
check first (warning signs now, pain now), then each movement of the plan, gentlest first, set by
set, with a rest between, and after each movement "your pain while doing it", kept as its rise. A
movement that goes past rule 3's limits is dropped for the rest of the session, with the reason.
At the end one check-in is saved with what was done, and nothing for what was not.

Where the person is, `Progress`, holds only their answers; the step to show is worked out from
them (`current_step`), so a reload that restores the answers from the address lands on the same
step. Every function here is pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import Enum

from rehab_core.catalogue import Movement, gentlest_first, movement_by_id, red_flags
from rehab_core.diary import SESSION, CheckIn, new_check_in
from rehab_core.pain_scale import rating_words, rise_from
from rehab_core.protocol import (
    PAIN_MAX,
    PAIN_MIN,
    REHAB_MAX_PAIN,
    SESSIONS_PER_DAY,
    TOLERATED_MAX_PAIN,
    Phase,
    Recommendation,
    dose_for,
    headline,
    is_candidate,
    rise_in_words,
)
from rehab_core.standing import PlanStatus, Today

# Back in Action's own rules, not the article's (it gives no rest or spacing):
# a rest between sets and between movements, long enough to breathe and reset the position;
REST_SECONDS = 45
# sessions spread over the day (morning, midday, evening), no sooner than this after the last;
SESSION_GAP = timedelta(hours=3)
# none started after this hour; the next is then tomorrow morning, after the day's check-in;
LATEST_START = time(21, 0)
MORNING_START = time(8, 0)
# the morning check: the back this many points worse than yesterday morning, after a session, means
# doing less (the same "2 points" the diary calls the smallest change that matters to a person);
WORSE_BY = 2
# a harder variation is offered at this pain or lower, to a movement that rose 0 in its last sessions.
HARDER_MAX_PAIN = 2
HARDER_AFTER_SESSIONS = 3


class StepKind(str, Enum):  # noqa: UP042  # str + Enum, as Phase is
    """What the session shows now."""

    CHECK = "check"  # warning signs now
    GET_CARE = "get_care"  # a warning sign: get care, no session
    PAIN = "pain"  # pain now
    REST_ICE = "rest_ice"  # pain 9-10: rest and ice, no session
    SET = "set"  # one set of one movement
    REST = "rest"  # the rest after a set
    RATE = "rate"  # your pain while doing it
    PAIN_AFTER = "pain_after"  # the last question: pain now, after the session
    SUMMARY = "summary"  # saved: what was done, and the next session


@dataclass(frozen=True)
class SessionItem:
    """One movement of the session and its dose, reps already in the movement's own unit and cap."""

    movement: Movement
    reps: int
    sets: int

    @property
    def id(self) -> str:
        return self.movement.id

    def dose_in_words(self) -> str:
        """The dose as a person reads it: "8 reps each side, 2 sets"."""
        return self.movement.dose_in_words(self.reps, self.sets)


@dataclass(frozen=True)
class Progress:
    """Everything answered in one session so far. The step shown is worked out from it."""

    checked: bool = False  # the warning-sign question was answered
    signs: tuple[str, ...] = ()  # warning signs answered yes now
    pain: int | None = None  # pain now, before the session
    sets_done: Mapping[str, int] = field(default_factory=dict)
    stopped: frozenset[str] = frozenset()  # "Stop, this hurts" was pressed during it
    rises: Mapping[str, int] = field(default_factory=dict)  # each movement's rating, as a rise
    harder: frozenset[str] = frozenset()  # movements done in their harder version, by choice
    resting: bool = False  # a rest is due before the next set
    ended: bool = False  # finished or ended early: only the closing question is left
    pain_after: int | None = None
    saved: bool = False


@dataclass(frozen=True)
class Step:
    """The step to show: its kind and, for a movement's steps, the movement and the set."""

    kind: StepKind
    item: SessionItem | None = None
    set_number: int = 0  # the set to do now (SET) or next (REST), from 1
    position: int = 0  # the movement's place in the session, from 1


@dataclass(frozen=True)
class Dropped:
    """A movement of the plan not done to the end in this session, and why, in words."""

    movement: Movement
    reason: str


def session_items(
    plan: Recommendation, pain: int | None = None, tolerance: Mapping[str, int] | None = None
) -> tuple[tuple[SessionItem, ...], tuple[Dropped, ...]]:
    """The session's movements in the plan's order, each with its dose in its own unit, and those
    the pain now leaves out.

    With pain now higher than at the assessment the dose is the lower one for the pain now (the
    dose never rises with pain), and a movement whose latest rating (`tolerance`, each movement's
    latest rise) would now break rule 3's limits is left out, with the reason.
    """
    known = movement_by_id()
    ratings = tolerance or {}
    items: list[SessionItem] = []
    left_out: list[Dropped] = []
    for prescription in plan.prescriptions:
        movement = known[prescription.movement_id]
        reps, sets = prescription.reps, prescription.sets
        if pain is not None and pain <= REHAB_MAX_PAIN:
            lower_reps, lower_sets = dose_for(pain)
            reps, sets = min(reps, lower_reps), min(sets, lower_sets)
            rise = ratings.get(movement.id, 0)
            if not is_candidate(pain, rise):
                left_out.append(
                    Dropped(
                        movement,
                        f"{movement.name} is left out of this session: its latest rating raised your "
                        f"pain by {rise}, and from your pain of {pain} now that goes past the limits "
                        f"(a rise of at most {TOLERATED_MAX_PAIN}, and no higher than {REHAB_MAX_PAIN}).",
                    )
                )
                continue
        items.append(SessionItem(movement, movement.reps_for(reps), sets))
    return tuple(items), tuple(left_out)


def dose_change_words(plan: Recommendation, pain_then: int, pain_now: int) -> str:
    """Why today's dose is lower than the plan's, or "" when it is the plan's own."""
    if pain_now <= pain_then or pain_now > REHAB_MAX_PAIN or not plan.prescriptions:
        return ""
    reps, sets = dose_for(pain_now)
    first = plan.prescriptions[0]
    if (reps, sets) >= (first.reps, first.sets):
        return ""
    return (
        f"Your pain is {pain_now} now, higher than the {pain_then} at your assessment, so this session "
        f"asks for less: at most {reps} reps and {sets} set{'' if sets == 1 else 's'} of each movement."
    )


@dataclass(frozen=True)
class NoSession:
    """Why no session can start now, in words, and whether a new assessment is the way on."""

    words: str
    offer_assess: bool


def why_no_session(standing: Today) -> NoSession | None:
    """None when a session may start; else why not (the daily loop is rest, ice, assess)."""
    if standing.session_ready:
        return None
    shown = standing.shown
    if standing.status is PlanStatus.TODAY and standing.has_plan_to_follow:
        return NoSession(
            f"You have done today's {SESSIONS_PER_DAY} sessions. Rest now: tomorrow starts with a "
            "check-in and a new assessment.",
            offer_assess=False,
        )
    if standing.status is PlanStatus.TODAY and shown is not None:
        if shown.phase is Phase.REHAB:
            return NoSession(
                f"{headline(shown)}. Today's assessment found no movement to do, so there is no session "
                "today. Assess again tomorrow.",
                offer_assess=False,
            )
        return NoSession(f"{headline(shown)}, so there is no session today.", offer_assess=False)
    if standing.status in (PlanStatus.GET_CARE, PlanStatus.REST_ICE):
        return NoSession(f"{standing.status_words()} There is no session today.", offer_assess=False)
    return NoSession(
        f"{standing.status_words()} A session follows a plan from today's assessment: the daily loop is "
        "rest, ice, assess.",
        offer_assess=True,
    )


def current_step(items: Sequence[SessionItem], progress: Progress) -> Step:
    """The step to show for these answers: the safety questions first, then the movements in order."""
    if progress.signs:
        return Step(StepKind.GET_CARE)
    if not progress.checked:
        return Step(StepKind.CHECK)
    if progress.pain is None:
        return Step(StepKind.PAIN)
    if progress.pain > REHAB_MAX_PAIN:
        return Step(StepKind.REST_ICE)
    if progress.saved:
        return Step(StepKind.SUMMARY)
    if not progress.ended:
        for position, item in enumerate(items, start=1):
            if item.id in progress.rises:
                continue
            done = progress.sets_done.get(item.id, 0)
            if item.id in progress.stopped or done >= item.sets:
                return Step(StepKind.RATE, item, done, position)
            if progress.resting:
                return Step(StepKind.REST, item, done + 1, position)
            return Step(StepKind.SET, item, done + 1, position)
    return Step(StepKind.PAIN_AFTER)


# Each change of the answers: the page's callbacks call these and keep what they return.


def answer_check(progress: Progress, signs: Sequence[str]) -> Progress:
    """The warning-sign question answered: the signs answered yes (symptoms now), none for all no."""
    known = symptom_ids()
    unknown = [sign for sign in signs if sign not in known]
    if unknown:
        raise ValueError(f"not a warning sign asked now: {unknown[0]!r}")
    return replace(progress, checked=True, signs=tuple(dict.fromkeys(signs)))


def answer_pain(progress: Progress, pain: int) -> Progress:
    _check_pain(pain, "pain now")
    return replace(progress, pain=pain)


def set_done(items: Sequence[SessionItem], progress: Progress) -> Progress:
    """'Set done': one more set of the current movement, then a rest (or its rating after the last)."""
    step = current_step(items, progress)
    if step.kind is not StepKind.SET or step.item is None:
        return progress
    done = {**progress.sets_done, step.item.id: step.set_number}
    return replace(progress, sets_done=done, resting=step.set_number < step.item.sets)


def rest_over(items: Sequence[SessionItem], progress: Progress) -> Progress:
    """The rest is over (its countdown ran out, or the person skipped it): on to the next set."""
    return replace(progress, resting=False)


def stop_movement(items: Sequence[SessionItem], progress: Progress) -> Progress:
    """'Stop, this hurts': the movement ends now; its rating comes next, its other sets are dropped.

    In the rest before a movement not yet begun, it ends the session (what was rated is kept).
    """
    step = current_step(items, progress)
    if step.kind is StepKind.REST and step.set_number == 1:
        # Resting before a movement not yet begun: nothing to stop but the session itself.
        return end_early(progress)
    if step.kind not in (StepKind.SET, StepKind.REST) or step.item is None:
        return progress
    return replace(progress, stopped=progress.stopped | {step.item.id}, resting=False)


def rate(items: Sequence[SessionItem], progress: Progress, pain_during: int) -> Progress:
    """'Your pain while doing it' for the current movement, kept as its rise; then a rest if more follow."""
    step = current_step(items, progress)
    if step.kind is not StepKind.RATE or step.item is None or progress.pain is None:
        return progress
    rise = rise_from(progress.pain, pain_during)
    rises = {**progress.rises, step.item.id: rise}
    more = any(item.id not in rises for item in items)
    return replace(progress, rises=rises, resting=more)


def choose_harder(progress: Progress, movement_id: str, chosen: bool) -> Progress:
    """The person's own choice to do a movement's harder version (never made for them)."""
    harder = progress.harder | {movement_id} if chosen else progress.harder - {movement_id}
    return replace(progress, harder=frozenset(harder))


def end_early(progress: Progress) -> Progress:
    """End the session now: what was rated is kept, nothing is made up for the rest."""
    return replace(progress, ended=True, resting=False)


def answer_pain_after(progress: Progress, pain: int) -> Progress:
    _check_pain(pain, "pain now")
    return replace(progress, pain_after=pain, ended=True)


def mark_saved(progress: Progress) -> Progress:
    return replace(progress, saved=True)


def _check_pain(pain: int, name: str) -> None:
    if isinstance(pain, bool) or not isinstance(pain, int) or not PAIN_MIN <= pain <= PAIN_MAX:
        raise ValueError(f"{name} must be a whole number from {PAIN_MIN} to {PAIN_MAX}, got {pain!r}")


def symptom_ids() -> tuple[str, ...]:
    """The warning signs a session asks about: the symptoms now (the background is the assessment's)."""
    return tuple(flag.id for flag in red_flags() if flag.kind == "symptom")


# What the session comes to.


def is_past_limits(pain: int, rise: int) -> bool:
    """Whether a rating goes past the plan's limits (rule 3): the movement is dropped for the session."""
    return not is_candidate(pain, rise)


def result_words(item: SessionItem, pain: int, rise: int, *, stopped: bool = False) -> str:
    """One movement's rating in words, and whether it stays in the plan."""
    if is_past_limits(pain, rise):
        return dropped_reason(item.movement, pain, rise)
    early = " You stopped it early, so its other sets are left out today." if stopped else ""
    return (
        f"{item.movement.name}: {rating_words(pain, rise)}. Within the limits: keep it in your plan.{early}"
    )


def dropped_reason(movement: Movement, pain: int, rise: int) -> str:
    """Why a movement rated past the limits is dropped for the rest of the session."""
    during = min(pain + rise, PAIN_MAX)
    if rise > TOLERATED_MAX_PAIN:
        why = f"{rise_in_words(pain, rise)}, which is more than {TOLERATED_MAX_PAIN}"
    else:
        why = f"it took your pain from {pain} to {during}, past {REHAB_MAX_PAIN}"
    return (
        f"{movement.name} is dropped for the rest of this session: {why}. Rest it, and try it again "
        "at your next assessment."
    )


def dropped(items: Sequence[SessionItem], progress: Progress) -> tuple[Dropped, ...]:
    """The movements not done to the end, in the session's order, each with its reason."""
    if progress.pain is None:
        return ()
    found: list[Dropped] = []
    for item in items:
        rise = progress.rises.get(item.id)
        done = progress.sets_done.get(item.id, 0)
        if rise is not None and is_past_limits(progress.pain, rise):
            found.append(Dropped(item.movement, dropped_reason(item.movement, progress.pain, rise)))
        elif item.id in progress.stopped:
            found.append(
                Dropped(
                    item.movement,
                    f"{item.movement.name}: you stopped it because it hurt, after {done} of {item.sets} "
                    f"set{'' if item.sets == 1 else 's'}. Its other sets are dropped for this session.",
                )
            )
        elif rise is None and progress.ended:
            found.append(Dropped(item.movement, f"{item.movement.name}: not done in this session."))
    return tuple(found)


def session_note(items: Sequence[SessionItem], progress: Progress) -> str:
    """The saved check-in's note: what was done, stopped and tried harder, in short words."""
    parts = ["Guided session."]
    rated = [item for item in items if item.id in progress.rises]
    stopped = [item.movement.name for item in rated if item.id in progress.stopped]
    harder = [item.movement.name for item in rated if item.id in progress.harder]
    skipped = [item.movement.name for item in items if item.id not in progress.rises]
    if stopped:
        parts.append(f"Stopped because it hurt: {', '.join(stopped)}.")
    if harder:
        parts.append(f"Harder version: {', '.join(harder)}.")
    if skipped:
        parts.append(f"Not done: {', '.join(skipped)}.")
    return " ".join(parts)


def session_check_in(
    owner: str,
    at: datetime,
    items: Sequence[SessionItem],
    progress: Progress,
    sessions_done_today: int,
    *,
    check_in_id: str | None = None,
) -> CheckIn:
    """The one check-in a session saves: one more session today, the ratings done, pain now.

    Only the movements rated are in it; the pain is the pain after the session (or before it,
    when the closing question was not answered).
    """
    if progress.pain is None:
        raise ValueError("a session is saved only after its pain-now question")
    pain = progress.pain if progress.pain_after is None else progress.pain_after
    return new_check_in(
        owner,
        at,
        pain,
        movement_pain={item.id: progress.rises[item.id] for item in items if item.id in progress.rises},
        sessions_done=min(sessions_done_today + 1, SESSIONS_PER_DAY),
        note=session_note(items, progress),
        kind=SESSION,
        id=check_in_id,
    )


def next_session_at(now: datetime, sessions_done_today: int) -> datetime:
    """When the next session is due: SESSION_GAP after this one, or tomorrow morning.

    After the day's last session, or when SESSION_GAP would run past LATEST_START, it is the next
    morning (after that day's check-in and assessment).
    """
    tomorrow_morning = datetime.combine(now.date() + timedelta(days=1), MORNING_START, now.tzinfo)
    if sessions_done_today >= SESSIONS_PER_DAY:
        return tomorrow_morning
    later = now + SESSION_GAP
    if later.date() != now.date() or later.time() > LATEST_START:
        return tomorrow_morning
    return later


def next_session_words(now: datetime, sessions_done_today: int) -> str:
    """The next session in words: "Next session: about 14:30 today (session 2 of 3)."."""
    due = next_session_at(now, sessions_done_today)
    if due.date() == now.date():
        return (
            f"Next session: about {due:%H:%M} today (session {sessions_done_today + 1} of "
            f"{SESSIONS_PER_DAY}). Check your pain first."
        )
    done = min(sessions_done_today, SESSIONS_PER_DAY)
    return (
        f"That is {done} of today's {SESSIONS_PER_DAY} sessions. Next session: tomorrow from "
        f"{due:%H:%M}, after your morning check-in and a new assessment."
    )


# The next morning (issue 26, point 6): worse than yesterday morning after a session means less.


@dataclass(frozen=True)
class MorningAdvice:
    """What to change today, when the back is worse this morning than yesterday morning."""

    worse_by: int
    flared: tuple[Movement, ...]  # yesterday's movements that raised the pain the most
    words: str


def morning_advice(
    pain_this_morning: int, check_ins: Sequence[CheckIn], now: datetime
) -> MorningAdvice | None:
    """Advice when the back is WORSE_BY or more worse than yesterday morning after yesterday's sessions.

    Yesterday morning's pain is yesterday's first entry on the person's clock. The movement that
    flared is the one yesterday's sessions rated highest (when any rose); without one, fewer reps.
    None when nothing needs to change (not worse enough, no session yesterday, or nothing to compare).
    """
    _check_pain(pain_this_morning, "pain this morning")
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    yesterday = now.date() - timedelta(days=1)
    entries = sorted(
        (entry for entry in check_ins if _day(entry, now) == yesterday),
        key=lambda entry: (entry.at, entry.id),
    )
    sessions = [entry for entry in entries if entry.kind == SESSION]
    if not entries or not sessions:
        return None
    worse_by = pain_this_morning - entries[0].pain
    if worse_by < WORSE_BY:
        return None
    highest: dict[str, int] = {}
    for entry in sessions:
        for movement_id, rise in entry.movement_pain.items():
            highest[movement_id] = max(rise, highest.get(movement_id, 0))
    known = movement_by_id()
    top = max(highest.values(), default=0)
    flared = tuple(known[movement_id] for movement_id in known if top > 0 and highest.get(movement_id) == top)
    opening = (
        f"Your back is {worse_by} points worse than yesterday morning ({pain_this_morning}, up from "
        f"{entries[0].pain}), after yesterday's session{'s' if len(sessions) > 1 else ''}."
    )
    if flared:
        names = " and ".join(movement.name for movement in flared)
        words = (
            f"{opening} Leave out {names} today: of yesterday's movements it raised your pain the most "
            f"(up {top}). Do the rest with fewer reps, and assess again before your first session."
        )
    else:
        words = (
            f"{opening} None of yesterday's movements raised your pain while doing it, so keep them but "
            "do fewer reps today, and assess again before your first session."
        )
    if pain_this_morning > REHAB_MAX_PAIN:
        words += f" At {pain_this_morning}, today is for rest and ice: skip today's sessions."
    return MorningAdvice(worse_by, flared, words)


def _day(entry: CheckIn, now: datetime) -> date:
    return entry.at.astimezone(now.tzinfo).date()


# Harder variations (issue 26, point 7): offered, never chosen for the person.


@dataclass(frozen=True)
class HarderOffer:
    """A harder way to do a movement, offered as a choice, with the reason it is offered."""

    movement: Movement
    how: str  # the catalogue's harder version
    variations: tuple[str, ...]  # the catalogue's own variations, if any
    reason: str


def harder_offer(movement: Movement, pain: int, check_ins: Sequence[CheckIn]) -> HarderOffer | None:
    """The harder version, when pain is HARDER_MAX_PAIN or lower and the movement's last
    HARDER_AFTER_SESSIONS sessions all rated it 0; else None."""
    _check_pain(pain, "pain now")
    if pain > HARDER_MAX_PAIN:
        return None
    rated = [
        entry.movement_pain[movement.id]
        for entry in sorted(check_ins, key=lambda entry: (entry.at, entry.id))
        if entry.kind == SESSION and movement.id in entry.movement_pain
    ]
    last = rated[-HARDER_AFTER_SESSIONS:]
    if len(last) < HARDER_AFTER_SESSIONS or any(last):
        return None
    return HarderOffer(
        movement,
        movement.harder,
        movement.variations,
        f"Offered because your pain is {pain} (at most {HARDER_MAX_PAIN}) and {movement.name} did not "
        f"raise your pain in your last {HARDER_AFTER_SESSIONS} sessions. Only if you want to: the usual "
        "version is still your plan.",
    )


# The session in the address: a reload, a lost connection or a link resumes where the person was.

QUERY_KEYS: tuple[str, ...] = (
    "run",
    "signs",
    "pain",
    "sets",
    "stopped",
    "rated",
    "harder",
    "rest",
    "end",
    "after",
    "saved",
)


def to_query(progress: Progress, run_id: str) -> dict[str, str]:
    """The answers as query parameters (only those given), keyed by QUERY_KEYS."""
    params: dict[str, str] = {"run": run_id}
    if progress.signs:
        params["signs"] = ",".join(progress.signs)
    elif progress.checked:
        params["signs"] = "none"
    if progress.pain is not None:
        params["pain"] = str(progress.pain)
    if progress.sets_done:
        params["sets"] = ",".join(f"{key}:{value}" for key, value in progress.sets_done.items())
    if progress.stopped:
        params["stopped"] = ",".join(sorted(progress.stopped))
    if progress.rises:
        params["rated"] = ",".join(f"{key}:{value}" for key, value in progress.rises.items())
    if progress.harder:
        params["harder"] = ",".join(sorted(progress.harder))
    if progress.resting:
        params["rest"] = "1"
    if progress.ended:
        params["end"] = "1"
    if progress.pain_after is not None:
        params["after"] = str(progress.pain_after)
    if progress.saved:
        params["saved"] = "1"
    return params


def from_query(params: Mapping[str, str]) -> tuple[Progress, str] | None:
    """The answers and the run's id from the address, or None when anything is missing or malformed.

    A warning sign in the address always comes back (a yes is never lost); the warning-sign question
    answered "none" is asked again, and then the session goes on at the step it was on. A malformed
    address starts afresh rather than guess.
    """
    run_id = params.get("run", "")
    if len(run_id) != 32 or any(char not in "0123456789abcdef" for char in run_id):
        return None
    known_movements = movement_by_id()
    try:
        signs_text = params.get("signs")
        signs: tuple[str, ...] = ()
        if signs_text not in (None, "none"):
            assert signs_text is not None
            signs = tuple(dict.fromkeys(filter(None, signs_text.split(","))))
        # Only a yes comes back as answered: "no" is asked again, as Assess asks its safety check
        # again, because the back button can reach an address from before a later yes.
        progress = answer_check(Progress(), signs) if signs else Progress()
        if "pain" in params:
            progress = answer_pain(progress, _number(params["pain"]))
        sets = _pairs(params.get("sets", ""), known_movements)
        rises = _pairs(params.get("rated", ""), known_movements)
        stopped = _names(params.get("stopped", ""), known_movements)
        harder = _names(params.get("harder", ""), known_movements)
        after = _number(params["after"]) if "after" in params else None
        if after is not None:
            _check_pain(after, "pain after")
        if any(not PAIN_MIN <= rise <= PAIN_MAX for rise in rises.values()):
            return None
    except ValueError:
        return None
    return (
        replace(
            progress,
            sets_done=sets,
            rises=rises,
            stopped=stopped,
            harder=harder,
            resting=params.get("rest") == "1",
            ended=params.get("end") == "1",
            pain_after=after,
            saved=params.get("saved") == "1",
        ),
        run_id,
    )


def _number(text: str) -> int:
    if not text.isdigit() or len(text) > 3:
        raise ValueError(f"not a whole number: {text!r}")
    return int(text)


def _names(text: str, known: Mapping[str, Movement]) -> frozenset[str]:
    names = frozenset(filter(None, text.split(",")))
    if not names <= known.keys():
        raise ValueError("unknown movement")
    return names


def _pairs(text: str, known: Mapping[str, Movement]) -> dict[str, int]:
    pairs: dict[str, int] = {}
    for pair in filter(None, text.split(",")):
        name, _, value = pair.partition(":")
        if name not in known:
            raise ValueError(f"unknown movement {name!r}")
        pairs[name] = _number(value)
    return pairs


# The projector view (issue 26, point 8): a facilitator leads a room through the same steps.


def room_items(movement_ids: Sequence[str], pain: int) -> tuple[SessionItem, ...]:
    """A room's session: the chosen movements, gentlest first, at the dose for the room's pain."""
    _check_pain(pain, "the room's pain")
    reps, sets = dose_for(min(pain, REHAB_MAX_PAIN))
    chosen = set(movement_ids)
    return tuple(
        SessionItem(movement, movement.reps_for(reps), sets)
        for movement in gentlest_first()
        if movement.id in chosen
    )


def projector_steps(items: Sequence[SessionItem]) -> tuple[Step, ...]:
    """Every step of a room's session in order: check first, each set with a rest between, the end.

    Nobody is rated and nothing is saved: each person keeps their own diary on their own phone.
    """
    steps: list[Step] = [Step(StepKind.CHECK)]
    for position, item in enumerate(items, start=1):
        for set_number in range(1, item.sets + 1):
            steps.append(Step(StepKind.SET, item, set_number, position))
            if set_number < item.sets:
                steps.append(Step(StepKind.REST, item, set_number + 1, position))
            elif position < len(items):
                steps.append(Step(StepKind.REST, items[position], 1, position + 1))
    steps.append(Step(StepKind.SUMMARY))
    return tuple(steps)


def next_words(step: Step) -> str:
    """What a rest leads to, in words: "Next: Bird dog, set 2 of 2."."""
    if step.item is None:
        return "Next: the end of the session."
    return f"Next: {step.item.movement.name}, set {step.set_number} of {step.item.sets}."
