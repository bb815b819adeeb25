"""The assessment's answers and the callbacks that change them: the one owner of the flow's state.

The answers live in session state and are mirrored in the URL, so a reload resumes the flow. The
safety rule is kept here, not on the page: while any warning sign is answered yes, the only
steps that exist are the safety check and the get-care-now step, whatever the URL, the back
button or a stale tab asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, REHAB_MAX_PAIN, Recommendation, red_flags
from rehab_core.assessment import Assessment
from rehab_core.catalogue import RedFlag, gentlest_first
from rehab_core.pain_scale import rise_from
from rehab_core.standing import Today
from ui import state
from ui.today_state import remember_signs

SAFETY, PAIN, RESULT, STOP = "safety", "pain", "result", "stop"
SKIPPED = "skip"
# Widget keys: one box per warning sign, the pain pick, one pick per movement, the clearance.
FLAG_KEY_PREFIX, RATING_KEY_PREFIX, PAIN_KEY = "flag_", "rate_", "assess_pain"
CLEARED_KEY, CLEARED_ON_KEY = "assess_cleared", "assess_cleared_on"
QUERY_KEYS = ("step", "pain", "rated", "flags", "background", "cleared", "saved")
SAVED_ID = re.compile(r"[0-9a-f]{32}")  # a check-in id, as rehab_core.diary.new_id makes them


def symptom_flags() -> list[RedFlag]:
    """The warning signs asked every time: symptoms now."""
    return [flag for flag in red_flags() if flag.kind == "symptom"]


def background_flags() -> list[RedFlag]:
    """The warning signs asked once per episode: background."""
    return [flag for flag in red_flags() if flag.kind == "background"]


def _stops_the_plan(flag_id: str) -> bool:
    return next(flag.stops_the_plan for flag in red_flags() if flag.id == flag_id)


@dataclass
class Answers:
    """Everything the person has answered so far, and where they are in the flow."""

    step: str = SAFETY
    safety_checked: bool = False  # Continue was pressed on the safety check in this tab
    resume_step: str = ""  # where a restored flow goes on once the safety check is answered again
    flags: list[str] = field(default_factory=list)  # symptoms now answered yes
    # Background answers of yes. Asked once per episode: when the diary already holds this
    # episode's answers they are carried over (ask_background False) and shown, not asked again.
    background: list[str] = field(default_factory=list)
    ask_background: bool = True
    cleared_on: date | None = None  # checked since this pain began and told they can exercise
    primed: bool = False  # background and clearance taken from the diary once, at the start
    pain: int | None = None  # None: not picked yet; a rating is never defaulted
    # Each movement's "pain while doing it" as picked (None: skipped); the plan uses the rise.
    ratings: dict[str, int | None] = field(default_factory=dict)
    saved_id: str | None = None  # the diary check-in this assessment was saved as
    unanswered: str = ""  # the step whose Continue was pressed with no number picked

    def stopping_signs(self) -> list[str]:
        """The signs that stop a plan now: any symptom now, and a background sign not cleared."""
        uncleared = [] if self.cleared_on is not None else [b for b in self.background if _stops_the_plan(b)]
        return [*self.flags, *uncleared]

    def steps(self) -> list[str]:
        """The steps that exist for these answers; with a warning sign, only safety and get care."""
        if self.stopping_signs():
            return [SAFETY, STOP]
        if self.pain is None:
            return [SAFETY, PAIN]
        movement_steps = [m.id for m in gentlest_first()] if self.pain <= REHAB_MAX_PAIN else []
        return [SAFETY, PAIN, *movement_steps, RESULT]

    def progress(self, step: str) -> tuple[float, str]:
        """Where `step` stands among every step a full assessment has, and the counter's words.

        The total is the full assessment's from the first step to the last, whatever the answers:
        a counter whose total jumps ("Step 3 of 7", then "Step 3 of 5") tells a person nothing.
        The steps the answers rule out are said to be skipped, and a stop says where it stopped.
        """
        movement_steps = [m.id for m in gentlest_first()]
        every_step = [SAFETY, PAIN, *movement_steps, RESULT]
        total = len(every_step)
        if step == STOP:
            return 1 / (total - 1), f"Stopped at step 2 of {total}: get checked before any movement"
        number = every_step.index(step) + 1 if step in every_step else 1
        text = f"Step {number} of {total}"
        if step == RESULT and not set(movement_steps) & set(self.steps()):  # the pain ruled them out
            text += f" (steps 3 to {total - 1}, the movements, skipped at pain {self.pain})"
        return (number - 1) / (total - 1), text

    def current_step(self) -> str:
        """The step to show: the one asked for if it exists for these answers, else the safety check."""
        if self.step == SAFETY or not self.safety_checked:
            return SAFETY
        if self.stopping_signs():
            return STOP
        return self.step if self.step in self.steps() else SAFETY

    def rated(self) -> dict[str, int]:
        """Each rated movement's rise above the pain picked now: what the plan and the diary keep."""
        if self.pain is None:
            return {}
        return {
            movement_id: rise_from(self.pain, during)
            for movement_id, during in self.ratings.items()
            if during is not None
        }

    def assessment(self) -> Assessment:
        """The answers as an assessment, the warning signs always included (cleared ones left out)."""
        if self.pain is None:
            raise ValueError("no assessment before pain is picked")
        cleared = self.cleared_on is not None
        background = [b for b in self.background if not (cleared and _stops_the_plan(b))]
        return Assessment(
            at=None, pain=self.pain, movement_pain=self.rated(), red_flags=(*self.flags, *background)
        )

    def recommendation(self) -> Recommendation:
        """Today's recommendation from every answer, the warning signs always included."""
        return self.assessment().recommendation()


def answers() -> Answers:
    """This session's answers, restored from the URL after a reload."""
    return ANSWERS.get()


# The answers of this tab; on its first run, restored from the URL (a reload keeps the flow).
ANSWERS = state.declare("assess", lambda: _from_query() or Answers(), __name__)


def prime(today: Today) -> None:
    """Once per assessment: carry this episode's background answers and clearance over from the diary."""
    current = answers()
    if current.primed:
        return
    current.primed = True
    if current.cleared_on is None:
        current.cleared_on = today.cleared_on
    if not today.background_due:
        current.ask_background = False
        if not current.background:
            current.background = list(today.background_signs)


def ask_background_again() -> None:
    answers().ask_background = True


def rating_key(movement_id: str) -> str:
    return f"{RATING_KEY_PREFIX}{movement_id}"


def flag_key(flag_id: str) -> str:
    return f"{FLAG_KEY_PREFIX}{flag_id}"


# Callbacks: every change of the answers goes through one of these.


def save_safety() -> None:
    current = answers()
    current.flags = [flag.id for flag in symptom_flags() if state.widget_value(flag_key(flag.id))]
    if current.ask_background:
        current.background = [flag.id for flag in background_flags() if state.widget_value(flag_key(flag.id))]
    current.safety_checked = True
    remember_signs(current.stopping_signs())
    resume, current.resume_step = current.resume_step, ""
    if current.stopping_signs():
        _go(STOP)
    else:
        _go(resume if resume in current.steps() else PAIN)


def record_clearance(checked_since: date | None = None) -> None:
    """ "I have been checked since this pain began and told I can exercise", with its date.

    After a new warning sign (Today.checked_since) only a check on that day or later counts.
    """
    current = answers()
    if current.flags or not state.widget_value(CLEARED_KEY):
        current.unanswered = STOP
        return
    picked = state.widget_value(CLEARED_ON_KEY)
    current.cleared_on = picked if isinstance(picked, date) else None
    if current.cleared_on is None or (checked_since is not None and current.cleared_on < checked_since):
        current.cleared_on = None
        current.unanswered = STOP
        return
    remember_signs(current.stopping_signs())
    _go(PAIN)


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
    state.forget_widgets((FLAG_KEY_PREFIX, RATING_KEY_PREFIX, PAIN_KEY, CLEARED_KEY, CLEARED_ON_KEY))
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
    if current.background:
        params["background"] = ",".join(current.background)
    if current.cleared_on is not None:
        params["cleared"] = current.cleared_on.isoformat()
    if current.saved_id is not None:
        params["saved"] = current.saved_id
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
    symptoms = {flag.id for flag in symptom_flags()}
    backgrounds = {flag.id for flag in background_flags()}
    given = _ids(params.get_all("flags"))
    background = [flag for flag in _ids(params.get_all("background")) if flag in backgrounds]
    # A background sign in `flags` (an address from before the two kinds) still counts.
    background += [flag for flag in given if flag in backgrounds and flag not in background]
    flags = [flag for flag in given if flag in symptoms]
    if flags:
        return Answers(step=STOP, safety_checked=True, flags=flags, background=background)
    if any(flag not in backgrounds for flag in given):
        return None
    try:
        cleared_on = date.fromisoformat(params["cleared"]) if "cleared" in params else None
    except ValueError:
        cleared_on = None
    if cleared_on is not None and cleared_on > date.today():
        cleared_on = None
    stopped = Answers(step=STOP, safety_checked=True, background=background, cleared_on=cleared_on)
    if stopped.stopping_signs():
        return stopped
    known_movements = {movement.id for movement in gentlest_first()}
    try:
        restored = Answers(
            step=SAFETY, resume_step=params["step"], background=background, cleared_on=cleared_on
        )
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


def _ids(values: list[str]) -> list[str]:
    return list(dict.fromkeys(item.strip() for value in values for item in value.split(",") if item.strip()))


def _pain_from_text(text: str) -> int:
    if not text.isdigit() or not PAIN_MIN <= int(text) <= PAIN_MAX:
        raise ValueError(f"not a pain from {PAIN_MIN} to {PAIN_MAX}: {text!r}")
    return int(text)
