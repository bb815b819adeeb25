"""The assessment's answers and the callbacks that change them: the one owner of the flow's state.

The answers live in session state and are mirrored in the URL, so a reload resumes the flow. The
safety rule is kept here, not on the page: while any warning sign is answered yes, the only
steps that exist are the safety check and the get-care-now step, whatever the URL, the back
button or a stale tab asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, REHAB_MAX_PAIN, Recommendation, movements, red_flags
from rehab_core.assessment import Assessment
from ui import state
from ui.room import count_assessment

SAFETY, PAIN, RESULT, STOP = "safety", "pain", "result", "stop"
SKIPPED = "skip"
# Widget keys: one box per warning sign, the pain pick, one pick per movement.
FLAG_KEY_PREFIX, RATING_KEY_PREFIX, PAIN_KEY = "flag_", "rate_", "assess_pain"
QUERY_KEYS = ("step", "pain", "rated", "flags", "saved")
SAVED_ID = re.compile(r"[0-9a-f]{32}")  # a check-in id, as rehab_core.diary.new_id makes them


@dataclass
class Answers:
    """Everything the person has answered so far, and where they are in the flow."""

    step: str = SAFETY
    safety_checked: bool = False  # Continue was pressed on the safety check in this tab
    resume_step: str = ""  # where a restored flow goes on once the safety check is answered again
    flags: list[str] = field(default_factory=list)
    pain: int | None = None  # None: not picked yet; a rating is never defaulted
    ratings: dict[str, int | None] = field(default_factory=dict)  # None: skipped
    saved_id: str | None = None  # the diary check-in this assessment was saved as
    unanswered: str = ""  # the step whose Continue was pressed with no number picked

    def steps(self) -> list[str]:
        """The steps that exist for these answers; with a warning sign, only safety and get care."""
        if self.flags:
            return [SAFETY, STOP]
        if self.pain is None:
            return [SAFETY, PAIN]
        movement_steps = [m.id for m in movements()] if self.pain <= REHAB_MAX_PAIN else []
        return [SAFETY, PAIN, *movement_steps, RESULT]

    def shown_steps(self) -> list[str]:
        """The steps the progress bar counts: before pain is picked, as if the movements follow."""
        if self.flags or self.pain is not None:
            return self.steps()
        return [SAFETY, PAIN, *(m.id for m in movements()), RESULT]

    def current_step(self) -> str:
        """The step to show: the one asked for if it exists for these answers, else the safety check."""
        if self.step == SAFETY or not self.safety_checked:
            return SAFETY
        if self.flags:
            return STOP
        return self.step if self.step in self.steps() else SAFETY

    def rated(self) -> dict[str, int]:
        return {movement_id: pain for movement_id, pain in self.ratings.items() if pain is not None}

    def assessment(self) -> Assessment:
        """The answers as an assessment, the warning signs always included."""
        if self.pain is None:
            raise ValueError("no assessment before pain is picked")
        return Assessment(at=None, pain=self.pain, movement_pain=self.rated(), red_flags=tuple(self.flags))

    def recommendation(self) -> Recommendation:
        """Today's recommendation from every answer, the warning signs always included."""
        return self.assessment().recommendation()


def answers() -> Answers:
    """This session's answers, restored from the URL after a reload."""
    return ANSWERS.get()


# The answers of this tab; on its first run, restored from the URL (a reload keeps the flow).
ANSWERS = state.declare("assess", lambda: _from_query() or Answers(), __name__)


def rating_key(movement_id: str) -> str:
    return f"{RATING_KEY_PREFIX}{movement_id}"


def flag_key(flag_id: str) -> str:
    return f"{FLAG_KEY_PREFIX}{flag_id}"


# Callbacks: every change of the answers goes through one of these.


def save_safety() -> None:
    current = answers()
    current.flags = [flag.id for flag in red_flags() if state.widget_value(flag_key(flag.id))]
    current.safety_checked = True
    resume, current.resume_step = current.resume_step, ""
    if current.flags:
        _go(STOP)
    else:
        _go(resume if resume in current.steps() else PAIN)


def save_pain() -> None:
    current = answers()
    picked = state.widget_value(PAIN_KEY)
    if picked is None:
        current.unanswered = PAIN
        return
    current.pain = picked
    _go(next_step(PAIN))


def save_rating(movement_id: str) -> None:
    current = answers()
    picked = state.widget_value(rating_key(movement_id))
    if picked is None:
        current.unanswered = movement_id
        return
    current.ratings[movement_id] = picked
    _go(next_step(movement_id))


def skip_rating(movement_id: str) -> None:
    answers().ratings[movement_id] = None
    _go(next_step(movement_id))


def back() -> None:
    _go(previous_step(answers().current_step()))


def change_safety_answers() -> None:
    _go(SAFETY)


def mark_saved(check_in_id: str) -> None:
    """Remember the check-in these answers were saved as, in the URL too: a reload must not save twice."""
    answers().saved_id = check_in_id
    st.query_params["saved"] = check_in_id


def restart() -> None:
    """A truly fresh assessment: no answers, no widget left holding an old pick, no saved mark."""
    ANSWERS.set(Answers())
    state.forget_widgets((FLAG_KEY_PREFIX, RATING_KEY_PREFIX, PAIN_KEY))
    _go(SAFETY)


def next_step(after: str) -> str:
    steps = answers().steps()
    return steps[min(steps.index(after) + 1, len(steps) - 1)] if after in steps else SAFETY


def previous_step(before: str) -> str:
    steps = answers().steps()
    return steps[max(steps.index(before) - 1, 0)] if before in steps else SAFETY


def _go(step: str) -> None:
    """Move to a step and write the answers into the URL."""
    current = answers()
    current.step = step
    current.unanswered = ""
    params = {"step": step}
    if current.pain is not None:
        params["pain"] = str(current.pain)
    if current.ratings:
        params["rated"] = ",".join(
            f"{movement_id}:{SKIPPED if pain is None else pain}"
            for movement_id, pain in current.ratings.items()
        )
    if current.flags:
        params["flags"] = ",".join(current.flags)
    if current.saved_id is not None:
        params["saved"] = current.saved_id
    if step in (RESULT, STOP):  # finished: in a workshop room, its phase and movements join the counts
        count_assessment(current.flags, current.pain, current.rated())
    for stale in QUERY_KEYS:
        if stale not in params:
            st.query_params.pop(stale, None)
    st.query_params.update(params)


def _from_query() -> Answers | None:
    """Answers from the URL, after a reload or from a link; anything malformed starts afresh.

    The safety check is never skipped on the way back in: a tab's earlier "yes" may not be in
    the address (the back button reaches addresses from before it), so a restored flow starts at
    the safety check, with its other answers kept, and goes on to the step it was on once the
    questions are answered again. A warning sign in the address, in any of its `flags` values,
    lands on get-care-now; a `flags` value naming no known sign starts afresh.
    """
    params = st.query_params
    if "step" not in params:
        return None
    known_flags = {flag.id for flag in red_flags()}
    given = [flag.strip() for value in params.get_all("flags") for flag in value.split(",") if flag.strip()]
    flags = [flag for flag in dict.fromkeys(given) if flag in known_flags]
    if flags:
        return Answers(step=STOP, safety_checked=True, flags=flags)
    if given:
        return None
    known_movements = {movement.id for movement in movements()}
    try:
        restored = Answers(step=SAFETY, resume_step=params["step"])
        if "pain" in params:
            restored.pain = _pain_from_text(params["pain"])
        for pair in filter(None, params.get("rated", "").split(",")):
            movement_id, _, value = pair.partition(":")
            if movement_id not in known_movements:
                return None
            restored.ratings[movement_id] = None if value == SKIPPED else _pain_from_text(value)
    except ValueError:
        return None
    if restored.resume_step not in restored.steps():
        return None
    saved = params.get("saved", "")
    restored.saved_id = saved if SAVED_ID.fullmatch(saved) else None
    return restored


def _pain_from_text(text: str) -> int:
    if not text.isdigit() or not PAIN_MIN <= int(text) <= PAIN_MAX:
        raise ValueError(f"not a pain from {PAIN_MIN} to {PAIN_MAX}: {text!r}")
    return int(text)
