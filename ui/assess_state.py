"""The assessment's answers: kept in session state, mirrored in the URL so a reload resumes the flow."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, REHAB_MAX_PAIN, movements, red_flags

SAFETY, PAIN, RESULT, STOP = "safety", "pain", "result", "stop"
SKIPPED = "skip"


@dataclass
class Answers:
    """Everything the person has answered so far, and where they are in the flow."""

    step: str = SAFETY
    flags: list[str] = field(default_factory=list)
    pain: int = 0
    ratings: dict[str, int | None] = field(default_factory=dict)  # None: skipped

    def steps(self) -> list[str]:
        """The steps of the flow for these answers: movements are skipped when pain is too high."""
        if self.step == STOP:
            return [SAFETY, STOP]
        movement_steps = [m.id for m in movements()] if self.pain <= REHAB_MAX_PAIN else []
        return [SAFETY, PAIN, *movement_steps, RESULT]

    def rated(self) -> dict[str, int]:
        return {movement_id: pain for movement_id, pain in self.ratings.items() if pain is not None}


def answers() -> Answers:
    """This session's answers, restored from the URL after a reload."""
    if "assess" not in st.session_state:
        st.session_state.assess = _from_query() or Answers()
    found: Answers = st.session_state.assess
    return found


def go(step: str) -> None:
    """Move to a step and write the answers into the URL."""
    current = answers()
    current.step = step
    params = {"step": step, "pain": str(current.pain)}
    if current.ratings:
        params["rated"] = ",".join(
            f"{movement_id}:{SKIPPED if pain is None else pain}"
            for movement_id, pain in current.ratings.items()
        )
    if current.flags:
        params["flags"] = ",".join(current.flags)
    for stale in ("step", "pain", "rated", "flags"):
        if stale not in params:
            st.query_params.pop(stale, None)
    st.query_params.update(params)


def next_step(after: str) -> str:
    steps = answers().steps()
    return steps[min(steps.index(after) + 1, len(steps) - 1)] if after in steps else SAFETY


def previous_step(before: str) -> str:
    steps = answers().steps()
    return steps[max(steps.index(before) - 1, 0)] if before in steps else SAFETY


def restart() -> None:
    st.session_state.assess = Answers()
    for key in [key for key in st.session_state if str(key).startswith(("flag_", "rate_", "assess_pain"))]:
        del st.session_state[key]
    go(SAFETY)


def _from_query() -> Answers | None:
    """Answers from the URL; anything malformed starts the flow again rather than failing."""
    params = st.query_params
    if "step" not in params:
        return None
    known_movements = {movement.id for movement in movements()}
    known_flags = {flag.id for flag in red_flags()}
    try:
        restored = Answers(step=params["step"], pain=int(params.get("pain", "0")))
        if not PAIN_MIN <= restored.pain <= PAIN_MAX:
            return None
        for pair in filter(None, params.get("rated", "").split(",")):
            movement_id, _, value = pair.partition(":")
            if movement_id not in known_movements:
                return None
            pain = None if value == SKIPPED else int(value)
            if pain is not None and not PAIN_MIN <= pain <= PAIN_MAX:
                return None
            restored.ratings[movement_id] = pain
        restored.flags = [flag for flag in params.get("flags", "").split(",") if flag in known_flags]
    except ValueError:
        return None
    if restored.step not in restored.steps():
        return None
    return restored
