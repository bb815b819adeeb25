"""A made-up, repeatable three-week recovery for workshops and demos: never stored in a database."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta

from rehab_core.catalogue import movements
from rehab_core.diary import CheckIn, new_check_in
from rehab_core.protocol import HEAT_MAX_PAIN, PAIN_MAX, PAIN_MIN, REHAB_MAX_PAIN, SESSIONS_PER_DAY

DEMO_SEED = 20250301
# The day's typical pain, first day to last: a bad start, a plateau, then steady improvement.
PAIN_BY_DAY: tuple[int, ...] = (9, 9, 8, 8, 7, 7, 6, 7, 6, 6, 6, 5, 5, 4, 4, 3, 3, 3, 2, 2, 2)
CHECK_IN_TIMES: dict[int, tuple[time, ...]] = {
    1: (time(8, 30),),
    2: (time(8, 30), time(19, 0)),
    3: (time(8, 30), time(13, 0), time(19, 0)),
}
NOTES_BY_STAGE: dict[str, tuple[str, ...]] = {
    "rest": (
        "Bent down to pick up a box and the back locked. Resting, ice on.",
        "Hard to get out of bed. Ice every couple of hours.",
        "Sitting is the worst. Lying on my side helps a bit.",
        "",
    ),
    "plateau": (
        "Tried the movements gently. Some were fine, some not yet.",
        "Stiff in the morning, easier after a short walk.",
        "Same as yesterday. Kept the sessions short.",
        "",
    ),
    "better": (
        "Slept through the night for the first time.",
        "Heat pack before the session, then all movements felt easy.",
        "Walked to the shops and back without trouble.",
        "Back at my desk with breaks every half hour.",
        "",
    ),
}
_ID_NAMESPACE = uuid.UUID("0d4c5b38-2f8e-4f4e-9a55-3c8f1d2e7a61")


DEMO_OWNER = "demo"


def demo_check_ins(owner: str = DEMO_OWNER, today: date | None = None) -> list[CheckIn]:
    """About three weeks of check-ins ending today, the same every time for the same owner and day."""
    today = datetime.now(UTC).date() if today is None else today
    generator = random.Random(DEMO_SEED)
    catalogue = movements()
    # How much harder than average each movement is for this person: some are tolerated sooner.
    difficulty = {movement.id: index % 5 for index, movement in enumerate(catalogue)}
    first_day = today - timedelta(days=len(PAIN_BY_DAY) - 1)
    check_ins: list[CheckIn] = []
    for offset, day_pain in enumerate(PAIN_BY_DAY):
        day = first_day + timedelta(days=offset)
        last_day = offset == len(PAIN_BY_DAY) - 1
        count = 1 if last_day else generator.choice((1, 2, 2, 3, 3))
        stage = (
            "rest" if day_pain > REHAB_MAX_PAIN - 1 else "plateau" if day_pain > HEAT_MAX_PAIN else "better"
        )
        most_sessions = 0 if day_pain > REHAB_MAX_PAIN else 1 if day_pain >= 7 else 2 if day_pain > 4 else 3
        for slot, moment in enumerate(CHECK_IN_TIMES[count]):
            # Never 10 in the demo: the worst days sit at 8-9, where the protocol says rest and ice.
            pain = min(_clamp(day_pain + generator.choice((-1, 0, 0, 0, 1))), PAIN_MAX - 1)
            rated: dict[str, int] = {}
            # The movements are tried once a day, at the first check-in, once rehab is allowed.
            if slot == 0 and pain <= REHAB_MAX_PAIN:
                rated = {
                    movement.id: _clamp(pain - 4 + difficulty[movement.id] + generator.choice((-1, 0, 0, 1)))
                    for movement in catalogue
                }
            sessions = round(most_sessions * (slot + 1) / count)
            check_ins.append(
                new_check_in(
                    owner,
                    datetime.combine(
                        day, moment.replace(minute=moment.minute + generator.randrange(0, 20)), UTC
                    ),
                    pain,
                    movement_pain=rated,
                    sessions_done=min(sessions, SESSIONS_PER_DAY),
                    ice=pain > HEAT_MAX_PAIN,
                    heat=pain <= HEAT_MAX_PAIN and sessions > 0,
                    note=generator.choice(NOTES_BY_STAGE[stage]),
                    id=uuid.uuid5(_ID_NAMESPACE, f"{owner}/{day.isoformat()}/{slot}").hex,
                )
            )
    return check_ins


def _clamp(pain: int) -> int:
    return max(PAIN_MIN, min(PAIN_MAX, pain))


def is_demo_check_in(check_in: CheckIn) -> bool:
    """True for a check-in of the workshop demo diary (its id is made from its day and slot)."""
    day = check_in.at.astimezone(UTC).date().isoformat()
    return any(
        check_in.id == uuid.uuid5(_ID_NAMESPACE, f"{DEMO_OWNER}/{day}/{slot}").hex
        for slot in range(max(CHECK_IN_TIMES))
    )
