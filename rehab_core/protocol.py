"""The coach's protocol as rules: thresholds, the dose, and recommend() with a reason for every choice."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache

from rehab_core.catalogue import NEED_NAMES, Movement, RedFlag, gentlest_first, movements, red_flags
from rehab_core.errors import InvalidInput, short_repr

PAIN_MIN, PAIN_MAX = 0, 10
REHAB_MAX_PAIN = 8  # rehab movements allowed at pain <= 8
HEAT_MAX_PAIN = 5  # heat before workouts at pain <= 5 (the article says "below 6")
TOLERATED_MAX_PAIN = 3  # a movement qualifies for the plan if it raised the pain by <= 3
PLAN_MIN, PLAN_MAX = 4, 5
REPS_MIN, REPS_MAX = 5, 10
SETS_MIN, SETS_MAX = 1, 2
SESSIONS_PER_DAY = 3

# The dose inside the protocol's ranges, by today's pain (inclusive upper bound -> reps, sets).
# Read top to bottom it never goes up as pain goes up: less pain, more work. The rehab page
# shows this table to users, so it is the only place the rule is written.
DOSE_BY_PAIN: tuple[tuple[int, int, int], ...] = (
    (2, 10, 2),
    (4, 8, 2),
    (6, 6, 1),
    (REHAB_MAX_PAIN, 5, 1),
)

# The two rehab needs the article names as the most common; the plan tries to cover both.
KEY_NEEDS: tuple[str, ...] = ("hamstrings-glutes", "core")

# What helps on a rest-and-ice day, from NICE NG59 and the NHS back pain pages: stay gently
# active rather than in bed, get advice on pain relief, and know when to get checked.
REST_ICE_HELP: tuple[str, ...] = (
    "Rest does not mean bed rest: keep moving gently, within what you can manage, "
    "such as a few steps around the home every hour.",
    "Ask a pharmacist which pain relief is right for you, especially if you have other health "
    "problems or take other medicines.",
    "Contact a GP or the urgent care number if you cannot cope with the pain, cannot sleep "
    "because of it, or it is not easing after a few days.",
)


# Heat and ice are safe only with these cautions, wherever either is advised (NHS back pain advice).
SKIN_CAUTION = "Wrap the pack in a cloth, never put it on numb skin, and never use it while you sleep."
# More movements left out for going past the limits than this are named in one line.
GROUPED_AFTER = 3
# When every movement tried hurt too much: a rule of Back in Action's, not the article's.
EVERYTHING_HURTS = (
    "If every movement you try hurts, see a GP or a physiotherapist: they can check your back "
    "and find a gentler way to start."
)


class Phase(str, Enum):  # noqa: UP042  # the contract fixes str + Enum
    """Where the person is today in the Rest, Ice, Assess loop."""

    URGENT_CARE = "urgent_care"
    REST_ICE = "rest_ice"
    REHAB = "rehab"


@dataclass(frozen=True)
class Prescription:
    """One movement of today's plan and how much of it to do."""

    movement_id: str
    reps: int
    sets: int
    sessions_per_day: int


@dataclass(frozen=True)
class Recommendation:
    """Today's plan and, in plain sentences, why each part of it is what it is."""

    phase: Phase
    ice: bool
    heat_before_workout: bool
    prescriptions: tuple[Prescription, ...]
    reasons: tuple[str, ...]


def validate_pain(value: object, field: str = "pain") -> int:
    """Return value if it is a whole number on the 0-10 scale, else raise InvalidInput naming field."""
    # bool is a subclass of int in Python; a tick box is not a pain score.
    if isinstance(value, bool) or not isinstance(value, int) or not PAIN_MIN <= value <= PAIN_MAX:
        raise InvalidInput(
            f"{field} must be a whole number from {PAIN_MIN} to {PAIN_MAX}, got {short_repr(value)}"
        )
    return value


def dose_for(pain: int) -> tuple[int, int]:
    """Reps and sets for today's pain; only defined where rehab is allowed."""
    validate_pain(pain)
    for max_pain, reps, sets in DOSE_BY_PAIN:
        if pain <= max_pain:
            return reps, sets
    raise InvalidInput(
        f"no exercise dose at pain {pain}: rehab movements start at pain {REHAB_MAX_PAIN} or below"
    )


def recommend(
    pain: int,
    movement_pain: Mapping[str, int] | None = None,
    red_flags: Iterable[str] = (),
) -> Recommendation:
    """Today's recommendation by the protocol; docs/architecture.md lists the seven rules it keeps."""
    pain = validate_pain(pain)
    rated = _validated_movement_pain(movement_pain)
    flags = _validated_red_flags(red_flags)

    stopping = [flag for flag in flags if flag.stops_the_plan]
    if stopping:
        return urgent_care(tuple(_urgent_reason(flag) for flag in stopping))
    notes = tuple(_soon_reason(flag) for flag in flags if not flag.stops_the_plan)
    if pain > REHAB_MAX_PAIN:
        return Recommendation(
            phase=Phase.REST_ICE,
            ice=True,
            heat_before_workout=False,
            prescriptions=(),
            reasons=(
                f"Your pain is {pain} of {PAIN_MAX}. Above {REHAB_MAX_PAIN}, today is for rest "
                "and ice only: no exercise plan, and stop what brings the pain on.",
                _ice_reason(pain),
                *REST_ICE_HELP,
                "Check your pain again tomorrow. Once it is "
                f"{REHAB_MAX_PAIN} or lower, try the movements gently.",
                *notes,
            ),
        )
    plan = _rehab(pain, rated)
    return plan if not notes else _with_reasons(plan, notes)


def _with_reasons(recommendation: Recommendation, more: tuple[str, ...]) -> Recommendation:
    return Recommendation(
        recommendation.phase,
        recommendation.ice,
        recommendation.heat_before_workout,
        recommendation.prescriptions,
        recommendation.reasons + more,
    )


def urgent_care(reasons: tuple[str, ...]) -> Recommendation:
    """Rule 1's recommendation: get care first, no plan, neither ice nor heat; `reasons` say why."""
    return Recommendation(
        phase=Phase.URGENT_CARE, ice=False, heat_before_workout=False, prescriptions=(), reasons=reasons
    )


def _validated_movement_pain(movement_pain: Mapping[str, int] | None) -> dict[str, int]:
    if movement_pain is None:
        return {}
    if not isinstance(movement_pain, Mapping):
        raise InvalidInput(
            "movement_pain must map movement ids to the pain each one caused, "
            f"got {type(movement_pain).__name__}"
        )
    known = _movement_needs()
    rated: dict[str, int] = {}
    for movement_id, provoked in movement_pain.items():
        if movement_id not in known:
            raise InvalidInput(
                f"unknown movement id {short_repr(movement_id)}; known ids are: {', '.join(sorted(known))}"
            )
        rated[movement_id] = validate_pain(provoked, f"pain caused by {movement_id!r}")
    return rated


def _validated_red_flags(red_flag_ids: Iterable[str]) -> tuple[RedFlag, ...]:
    if isinstance(red_flag_ids, str):
        # A bare string would otherwise be read letter by letter.
        red_flag_ids = (red_flag_ids,)
    if not isinstance(red_flag_ids, Iterable):
        raise InvalidInput(
            "red flags must be a list of red flag ids (empty when none apply), "
            f"got {type(red_flag_ids).__name__}"
        )
    by_id = _red_flags_by_id()
    answered: set[str] = set()
    for flag_id in red_flag_ids:
        if not isinstance(flag_id, str) or flag_id not in by_id:
            raise InvalidInput(
                f"unknown red flag id {short_repr(flag_id)}; known ids are: {', '.join(sorted(by_id))}"
            )
        answered.add(flag_id)
    # Catalogue order, the most urgent first, so the most urgent line is read first.
    ordered = [flag for flag in by_id.values() if flag.id in answered]
    rank = {"emergency": 0, "urgent": 1, "soon": 2}
    return tuple(sorted(ordered, key=lambda flag: rank[flag.level]))


# What each action asks, in words without a phone number (the pages add the site's own numbers).
ACTION_WORDS: dict[str, str] = {
    "ambulance": "Call for an ambulance now. Do not drive yourself",
    "emergency-department": "Go to the emergency department (A&E) now, or call for emergency help",
    "gp-today": "See a GP today, or call the urgent care number",
    "gp-soon": "See a GP in the next few weeks",
}


def _urgent_reason(flag: RedFlag) -> str:
    return (
        f"You answered yes to: {flag.question} {ACTION_WORDS[flag.action]}. "
        "No exercise plan until you have been checked."
    )


def _soon_reason(flag: RedFlag) -> str:
    return (
        f"You answered yes to: {flag.question} {ACTION_WORDS[flag.action]}: {flag.why} "
        "Your plan can go ahead meanwhile."
    )


def _ice_reason(pain: int) -> str:
    return (
        f"Ice: your pain is {pain}, which is {HEAT_MAX_PAIN + 1} or more, so the coach's rule is an ice "
        "pack for 10 to 20 minutes at a time to calm the area. If warmth feels better to you, a warm "
        f"pack for comfort is fine too: studies of heat wraps found they ease pain. {SKIN_CAUTION}"
    )


def _rehab(pain: int, rated: dict[str, int]) -> Recommendation:
    catalogue = movements()
    reasons: list[str] = [
        f"Your pain is {pain} of {PAIN_MAX}, which is {REHAB_MAX_PAIN} or lower, so gentle "
        "rehab movements are allowed today.",
    ]
    ice = pain > HEAT_MAX_PAIN
    heat = not ice
    candidates = [m for m in catalogue if m.id in rated and is_candidate(pain, rated[m.id])]
    chosen = _choose(candidates, rated)
    if heat:
        if chosen:
            reasons.append(
                f"Heat: your pain is {HEAT_MAX_PAIN} or lower, so a warm pack for 15 to 20 minutes "
                f"before each workout can loosen the area. {SKIN_CAUTION}"
            )
        reasons.append(f"No ice needed: ice is for pain of {HEAT_MAX_PAIN + 1} or more, and yours is {pain}.")
    else:
        reasons.append(_ice_reason(pain))
    reps, sets = dose_for(pain)
    for movement, need in chosen.items():
        rise = rated[movement.id]
        if need is None:
            reasons.append(
                f"{movement.name} is in the plan: {rise_in_words(pain, rise)}, within the limits, "
                f"and it works {movement.needs_in_words()}."
            )
        else:
            least = (
                "it did not raise your pain at all"
                if rise == 0
                else f"it raised your pain the least, from {pain} to {min(pain + rise, PAIN_MAX)}, up {rise}"
            )
            reasons.append(
                f"{movement.name} is in the plan to work {NEED_NAMES[need]}: of the movements that "
                f"do and stayed within the limits, {least}."
            )
    past_limits = [m for m in catalogue if m.id in rated and not is_candidate(pain, rated[m.id])]
    if len(past_limits) > GROUPED_AFTER:
        # One line, not ten alike: each movement still named with where it took the pain.
        reasons.append(
            "Left out, because each went past the limits (a rise of more than "
            f"{TOLERATED_MAX_PAIN}, or past {REHAB_MAX_PAIN}): "
            + ", ".join(f"{m.name} (pain to {min(pain + rated[m.id], PAIN_MAX)})" for m in past_limits)
            + ". Try them again at a later check."
        )
    for movement in catalogue:
        if movement.id not in rated or movement in chosen:
            continue
        rise = rated[movement.id]
        if not is_candidate(pain, rise):
            if len(past_limits) <= GROUPED_AFTER:
                reasons.append(
                    f"{movement.name} is left out: {_why_not_tolerated(pain, rise)}. "
                    "Try it again at a later check."
                )
        else:
            reasons.append(
                f"{movement.name} is left out: {rise_in_words(pain, rise)}, but the plan "
                f"holds at most {PLAN_MAX} movements and {_why_not_chosen(movement, chosen, rated)}."
            )
    unrated = [movement.name for movement in catalogue if movement.id not in rated]
    if unrated:
        reasons.append("Not tried today, so not in the plan: " + ", ".join(unrated) + ".")
    if chosen:
        reasons.append(
            f"Dose at pain {pain}: {reps} reps, {sets} set{'s' if sets > 1 else ''} of each "
            f"movement, {SESSIONS_PER_DAY} times a day. Lower pain allows more work."
        )
        for need in KEY_NEEDS:
            if not any(need in movement.needs for movement in chosen):
                reasons.append(
                    f"No movement that stayed within the limits today works "
                    f"{NEED_NAMES[need]}; look for one that does at your next check."
                )
    if len(chosen) < PLAN_MIN:
        advice = (
            "Do those, rest, and check again tomorrow."
            if chosen
            else "So there is no movement plan today: rest, and try the movements again tomorrow."
        )
        reasons.append(
            f"{'Only ' if chosen else ''}{len(chosen)} movement{'' if len(chosen) == 1 else 's'} stayed "
            f"within the limits (the plan wants {PLAN_MIN} to {PLAN_MAX}). {advice}"
        )
    if rated and not candidates and len(rated) == len(catalogue):
        reasons.append(EVERYTHING_HURTS)
    # The plan lists the movements gentlest first, as the assessment offers them.
    in_plan = [movement for movement in gentlest_first(catalogue) if movement in chosen]
    prescriptions = tuple(Prescription(movement.id, reps, sets, SESSIONS_PER_DAY) for movement in in_plan)
    return Recommendation(Phase.REHAB, ice, heat, prescriptions, tuple(reasons))


def is_candidate(pain: int, rise: int) -> bool:
    """Rule 3: a movement may go in the plan if it raised the pain by at most 3 and kept it at 8 or less."""
    return rise <= TOLERATED_MAX_PAIN and pain + rise <= REHAB_MAX_PAIN


def rise_in_words(pain: int, rise: int) -> str:
    """A rating as a person reads it: "it took your pain from 4 to 6, up 2" (or "it did not raise...")."""
    if rise == 0:
        return "it did not raise your pain"
    return f"it took your pain from {pain} to {min(pain + rise, PAIN_MAX)}, up {rise}"


def _why_not_tolerated(pain: int, rise: int) -> str:
    during = min(pain + rise, PAIN_MAX)
    if rise > TOLERATED_MAX_PAIN:
        return (
            f"it took your pain from {pain} to {during}, up {rise}, which is more than {TOLERATED_MAX_PAIN}"
        )
    return f"it took your pain from {pain} to {during}, past {REHAB_MAX_PAIN}"


def _choose(candidates: list[Movement], rated: Mapping[str, int]) -> dict[Movement, str | None]:
    """Rule 3 (docs/architecture.md): the plan's movements, each with the key need it was taken for (or None).

    Coverage first: for each key need in order, if nothing chosen so far works it, take the
    candidate that does with the lowest rise (ties: the gentlest level). Then fill the places by
    lowest rise, then gentlest level, then most needs, then catalogue order. Every candidate is
    within the limits, so a plan that works both needs beats one that is a point less sore.
    Candidates come in catalogue order, and min() and sorted() keep the first of equals, so the
    last tie goes to catalogue order.
    """
    places = min(PLAN_MAX, len(candidates))
    chosen: dict[Movement, str | None] = {}
    for need in KEY_NEEDS:
        if len(chosen) == places or any(need in movement.needs for movement in chosen):
            continue
        covering = [m for m in candidates if need in m.needs and m not in chosen]
        if covering:
            chosen[min(covering, key=lambda movement: (rated[movement.id], movement.level))] = need
    rest = sorted(
        (m for m in candidates if m not in chosen), key=lambda movement: _fill_order(movement, rated)
    )
    for movement in rest[: places - len(chosen)]:
        chosen[movement] = None
    return chosen


def _fill_order(movement: Movement, rated: Mapping[str, int]) -> tuple[int, int, int]:
    """How _choose ranks movements for the places left after coverage: least rise, gentlest, most needs."""
    return rated[movement.id], movement.level, -len(movement.needs)


def _why_not_chosen(
    movement: Movement, chosen: Mapping[Movement, str | None], rated: Mapping[str, int]
) -> str:
    """The step of rule 3 that left a movement within the limits out, in words."""
    filled = [m for m, need in chosen.items() if need is None]
    if not filled:
        return f"its places went to movements that work {' and '.join(NEED_NAMES[n] for n in KEY_NEEDS)}"
    last = max(filled, key=lambda m: _fill_order(m, rated))
    if rated[movement.id] > rated[last.id]:
        return "the other places went to movements that raised your pain less"
    if movement.level > last.level:
        return "the other places went to gentler movements that raised your pain as little"
    if len(movement.needs) < len(last.needs):
        return "the other places went to movements as gentle that work more needs"
    return "movements as gentle that work as many needs come before it in the library"


@cache
def _movement_needs() -> dict[str, frozenset[str]]:
    """Each catalogue movement's needs, keyed by id; the catalogue is loaded once per process."""
    return {movement.id: frozenset(movement.needs) for movement in movements()}


@cache
def _red_flags_by_id() -> dict[str, RedFlag]:
    return {flag.id: flag for flag in red_flags()}


def headline(recommendation: Recommendation) -> str:
    """Today in a few words, the same on the page and on the sheet: "Today: rest and ice only"."""
    if recommendation.phase is Phase.URGENT_CARE:
        return "Get medical care first: no exercise plan"
    if recommendation.phase is Phase.REST_ICE:
        return "Today: rest and ice only"
    if not recommendation.prescriptions:
        return "Today: no movement plan yet, rest and try again tomorrow"
    return "Today: gentle rehab movements"


@dataclass(frozen=True)
class DailyAdvice:
    """Today's do and don't, in plain words, for a recommendation, and when to get checked."""

    do: tuple[str, ...]
    dont: tuple[str, ...]
    get_help: tuple[str, ...] = ()


def daily_advice(recommendation: Recommendation) -> DailyAdvice:
    """What to do and not do today, following the same rules as the recommendation.

    The "don't" lines read under a heading that already says "don't", so none starts with "do not".
    """
    if recommendation.phase is Phase.URGENT_CARE:
        return DailyAdvice(
            do=(
                "Get checked as the safety check says, before anything else.",
                "Gentle walking about the home is fine while you wait, unless you were told to call "
                "for an ambulance.",
            ),
            dont=("The exercise plan, until a doctor has checked you.",),
        )
    do: list[str] = ["Rest from whatever brought the pain on. Take it easy."]
    dont: list[str] = []
    if recommendation.ice:
        do.append(
            "Ice the sore area for 10 to 20 minutes at a time (the coach's rule at this pain). "
            f"A warm pack for comfort is fine instead, if it helps more. {SKIN_CAUTION}"
        )
    if recommendation.phase is Phase.REST_ICE:
        rest_not_bed, pharmacist, when_to_call = REST_ICE_HELP
        do += [rest_not_bed, pharmacist, "Check your pain again tomorrow."]
        dont += [
            f"Any workout today: wait until your pain is {REHAB_MAX_PAIN} or lower.",
            "Staying in bed all day: it tends to slow recovery.",
        ]
        return DailyAdvice(tuple(do), tuple(dont), (when_to_call,))
    if recommendation.prescriptions:
        if recommendation.heat_before_workout:
            do.append(
                f"Before each workout, warm the area with a heat pack for 15 to 20 minutes. {SKIN_CAUTION}"
            )
        do.append(f"Do today's plan {SESSIONS_PER_DAY} times: morning, midday and evening.")
        do.append(
            f"Stop a movement if it raises your pain by more than {TOLERATED_MAX_PAIN}, or past "
            f"{REHAB_MAX_PAIN}. Skip any you cannot get into comfortably."
        )
    do.append("Keep moving gently through the day: short walks help.")
    dont.append("Pushing through sharp pain, or pain that spreads down a leg.")
    get_help = (EVERYTHING_HURTS,) if EVERYTHING_HURTS in recommendation.reasons else ()
    return DailyAdvice(tuple(do), tuple(dont), get_help)
