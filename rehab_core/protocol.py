"""The coach's protocol as rules: thresholds, the dose, and recommend() with a reason for every choice."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache

from rehab_core.catalogue import NEED_NAMES, Movement, RedFlag, movements, red_flags
from rehab_core.errors import InvalidInput, short_repr

PAIN_MIN, PAIN_MAX = 0, 10
REHAB_MAX_PAIN = 8  # rehab movements allowed at pain <= 8
HEAT_MAX_PAIN = 5  # heat before workouts at pain <= 5 (the article says "below 6")
TOLERATED_MAX_PAIN = 3  # a movement qualifies for the plan if it provoked pain <= 3
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

    if flags:
        return urgent_care(tuple(_urgent_reason(flag) for flag in flags))
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
            ),
        )
    return _rehab(pain, rated)


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
    # Catalogue order, emergencies first, so the most urgent line is read first.
    ordered = [flag for flag in by_id.values() if flag.id in answered]
    return tuple(sorted(ordered, key=lambda flag: flag.level != "emergency"))


def _urgent_reason(flag: RedFlag) -> str:
    where = "Get emergency help now" if flag.level == "emergency" else "See a doctor today"
    return f"You answered yes to: {flag.question} {where}. No exercise plan until you have been checked."


def _ice_reason(pain: int) -> str:
    return (
        f"Ice: your pain is {pain}, which is {HEAT_MAX_PAIN + 1} or more, so use an ice pack "
        "for 10 to 20 minutes at a time to calm the area."
    )


def _rehab(pain: int, rated: dict[str, int]) -> Recommendation:
    catalogue = movements()
    reasons: list[str] = [
        f"Your pain is {pain} of {PAIN_MAX}, which is {REHAB_MAX_PAIN} or lower, so gentle "
        "rehab movements are allowed today.",
    ]
    ice = pain > HEAT_MAX_PAIN
    heat = not ice
    if heat:
        reasons.append(
            f"Heat: your pain is {HEAT_MAX_PAIN} or lower, so a warm pack for 15 to 20 minutes "
            "before each workout can loosen the area."
        )
        reasons.append(f"No ice needed: ice is for pain of {HEAT_MAX_PAIN + 1} or more, and yours is {pain}.")
    else:
        reasons.append(_ice_reason(pain) + f" Skip heat until your pain is {HEAT_MAX_PAIN} or lower.")

    candidates = [m for m in catalogue if m.id in rated and rated[m.id] <= TOLERATED_MAX_PAIN]
    chosen = _choose(candidates, rated)
    reps, sets = dose_for(pain)
    for movement, need in chosen.items():
        if need is None:
            reasons.append(
                f"{movement.name} is in the plan: it caused pain of {rated[movement.id]}, which is "
                f"{TOLERATED_MAX_PAIN} or lower, and it works {movement.needs_in_words()}."
            )
        else:
            reasons.append(
                f"{movement.name} is in the plan to work {NEED_NAMES[need]}: of the movements that "
                f"do and caused pain of {TOLERATED_MAX_PAIN} or lower, it caused the least "
                f"({rated[movement.id]})."
            )
    for movement in catalogue:
        if movement.id not in rated or movement in chosen:
            continue
        if rated[movement.id] > TOLERATED_MAX_PAIN:
            reasons.append(
                f"{movement.name} is left out: it caused pain of {rated[movement.id]}, "
                f"more than {TOLERATED_MAX_PAIN}. Try it again at a later check."
            )
        else:
            reasons.append(
                f"{movement.name} is left out: it caused pain of {rated[movement.id]}, but the plan "
                f"holds at most {PLAN_MAX} movements and {_why_not_chosen(movement, chosen, rated)}."
            )
    unrated = [movement.name for movement in catalogue if movement.id not in rated]
    if unrated:
        reasons.append("Not rated today, so not in the plan: " + ", ".join(unrated) + ".")
    if chosen:
        reasons.append(
            f"Dose at pain {pain}: {reps} reps, {sets} set{'s' if sets > 1 else ''} of each "
            f"movement, {SESSIONS_PER_DAY} times a day. Lower pain allows more work."
        )
        for need in KEY_NEEDS:
            if not any(need in movement.needs for movement in chosen):
                reasons.append(
                    f"No movement that caused pain of {TOLERATED_MAX_PAIN} or lower today works "
                    f"{NEED_NAMES[need]}; look for one that does at your next check."
                )
    if len(chosen) < PLAN_MIN:
        advice = (
            "Do those, rest, and check again tomorrow."
            if chosen
            else "So there is no movement plan today: rest, and try the movements again tomorrow."
        )
        reasons.append(
            f"{'Only ' if chosen else ''}{len(chosen)} movement{'' if len(chosen) == 1 else 's'} caused "
            f"pain of {TOLERATED_MAX_PAIN} or lower (the plan wants {PLAN_MIN} to {PLAN_MAX}). {advice}"
        )
    # The sheet lists the movements in catalogue order: the warm-up movements come first there.
    in_plan = [movement for movement in catalogue if movement in chosen]
    prescriptions = tuple(Prescription(movement.id, reps, sets, SESSIONS_PER_DAY) for movement in in_plan)
    return Recommendation(Phase.REHAB, ice, heat, prescriptions, tuple(reasons))


def _choose(candidates: list[Movement], rated: Mapping[str, int]) -> dict[Movement, str | None]:
    """Rule 3 (docs/architecture.md): the plan's movements, each with the key need it was taken for (or None).

    Coverage first: for each key need in order, if nothing chosen so far works it, take the
    candidate that does with the lowest provoked pain. Then fill the places by lowest provoked
    pain, then most needs, then catalogue order. Every candidate is tolerated, so a plan that
    works both needs beats one that is a point less sore. Candidates come in catalogue order,
    and min() and sorted() keep the first of equals, so ties go to catalogue order.
    """
    places = min(PLAN_MAX, len(candidates))
    chosen: dict[Movement, str | None] = {}
    for need in KEY_NEEDS:
        if len(chosen) == places or any(need in movement.needs for movement in chosen):
            continue
        covering = [m for m in candidates if need in m.needs and m not in chosen]
        if covering:
            chosen[min(covering, key=lambda movement: rated[movement.id])] = need
    rest = sorted(
        (m for m in candidates if m not in chosen), key=lambda movement: _fill_order(movement, rated)
    )
    for movement in rest[: places - len(chosen)]:
        chosen[movement] = None
    return chosen


def _fill_order(movement: Movement, rated: Mapping[str, int]) -> tuple[int, int]:
    """How _choose ranks movements for the places left after coverage: least pain, then most needs."""
    return rated[movement.id], -len(movement.needs)


def _why_not_chosen(
    movement: Movement, chosen: Mapping[Movement, str | None], rated: Mapping[str, int]
) -> str:
    """The step of rule 3 that left a tolerated movement out, in words."""
    filled = [m for m, need in chosen.items() if need is None]
    if not filled:
        return f"its places went to movements that work {' and '.join(NEED_NAMES[n] for n in KEY_NEEDS)}"
    last = max(filled, key=lambda m: _fill_order(m, rated))
    if rated[movement.id] > rated[last.id]:
        return "the other places went to movements that caused less pain"
    if len(movement.needs) < len(last.needs):
        return "the other places went to movements that hurt as little and work more needs"
    return "movements that hurt as little and work as many needs come before it in the library"


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
    """What to do and not do today, following the same rules as the recommendation."""
    if recommendation.phase is Phase.URGENT_CARE:
        return DailyAdvice(
            do=("Get checked as the safety check says, before anything else.",),
            dont=("Do not start the exercise plan until a doctor has checked you.",),
        )
    do: list[str] = ["Rest from whatever brought the pain on. Take it easy."]
    dont: list[str] = []
    if recommendation.ice:
        do.append("Ice the sore area for 10 to 20 minutes, with a cloth between ice and skin.")
        dont.append(f"No heat yet: wait until your pain is {HEAT_MAX_PAIN} or lower.")
    if recommendation.phase is Phase.REST_ICE:
        rest_not_bed, pharmacist, when_to_call = REST_ICE_HELP
        do += [rest_not_bed, pharmacist, "Check your pain again tomorrow."]
        dont += [
            f"No workout today: wait until your pain is {REHAB_MAX_PAIN} or lower.",
            "Do not stay in bed all day: it tends to slow recovery.",
        ]
        return DailyAdvice(tuple(do), tuple(dont), (when_to_call,))
    if recommendation.heat_before_workout:
        do.append("Before each workout, warm the area with a heat pack for 15 to 20 minutes.")
    if recommendation.prescriptions:
        do.append(f"Do today's plan {SESSIONS_PER_DAY} times: morning, midday and evening.")
    do.append("Keep moving gently through the day: short walks help.")
    dont.append(f"Stop a movement if it causes pain above {TOLERATED_MAX_PAIN}.")
    dont.append("Do not push through sharp pain or pain that spreads down a leg.")
    return DailyAdvice(tuple(do), tuple(dont))
