"""Back in Action's pure core: the protocol, the catalogue, the diary. Never imports Streamlit."""

from rehab_core.catalogue import Movement, RedFlag, movements, red_flags
from rehab_core.diary import CheckIn
from rehab_core.diary_files import parse_import, to_csv, to_json
from rehab_core.errors import InvalidInput
from rehab_core.protocol import (
    HEAT_MAX_PAIN,
    PAIN_MAX,
    PAIN_MIN,
    PLAN_MAX,
    PLAN_MIN,
    REHAB_MAX_PAIN,
    REPS_MAX,
    REPS_MIN,
    SESSIONS_PER_DAY,
    SETS_MAX,
    SETS_MIN,
    TOLERATED_MAX_PAIN,
    Phase,
    Prescription,
    Recommendation,
    recommend,
)
from rehab_core.standing import PlanStatus, Today, today

__all__ = [
    "HEAT_MAX_PAIN",
    "PAIN_MAX",
    "PAIN_MIN",
    "PLAN_MAX",
    "PLAN_MIN",
    "REHAB_MAX_PAIN",
    "REPS_MAX",
    "REPS_MIN",
    "SESSIONS_PER_DAY",
    "SETS_MAX",
    "SETS_MIN",
    "TOLERATED_MAX_PAIN",
    "CheckIn",
    "InvalidInput",
    "Movement",
    "Phase",
    "PlanStatus",
    "Prescription",
    "Recommendation",
    "RedFlag",
    "Today",
    "movements",
    "parse_import",
    "recommend",
    "red_flags",
    "to_csv",
    "to_json",
    "today",
]
