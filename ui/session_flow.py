"""Today's session: its answers, the callbacks that change them, and its one save. The flow's one owner.

The answers (rehab_core.session.Progress) live in session state and are mirrored in the address,
so a reload or a lost connection resumes at the same step with no answer lost; the step itself is
worked out from the answers by rehab_core.session.current_step. The rules are rehab_core's: every
callback here only hands the widget's answer to the pure function that changes the answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import streamlit as st

from rehab_core import SESSIONS_PER_DAY, Today, today
from rehab_core.diary import CheckIn, new_id
from rehab_core.protocol import PAIN_MAX
from rehab_core.session import (
    QUERY_KEYS,
    Dropped,
    Progress,
    SessionItem,
    Step,
    StepKind,
    answer_check,
    answer_pain,
    answer_pain_after,
    choose_harder,
    current_step,
    end_early,
    from_query,
    mark_saved,
    rate,
    rest_over,
    session_check_in,
    session_items,
    set_done,
    stop_movement,
    symptom_ids,
    to_query,
)
from ui import state
from ui.clock import now_here
from ui.flash import write_done
from ui.storage import Diary
from ui.store_errors import diary_guard
from ui.today_state import remember_signs

# Widget keys all start with this, so a new session forgets every pick of the last one.
WIDGET_PREFIX = "session_w_"
PAIN_KEY = f"{WIDGET_PREFIX}pain"
PAIN_AFTER_KEY = f"{WIDGET_PREFIX}pain_after"


@dataclass
class Run:
    """One guided session in this tab: its answers, its id (the saved check-in's), what is missing."""

    progress: Progress = field(default_factory=Progress)
    run_id: str = field(default_factory=new_id)
    unanswered: StepKind | None = None  # Continue was pressed here with no number picked
    ticked: tuple[str, ...] = ()  # the warning signs ticked before "Change my answers", shown ticked again


def _from_address() -> Run:
    restored = from_query(st.query_params.to_dict())
    return Run() if restored is None else Run(*restored)


# The session of this tab; on its first run, restored from the address (a reload keeps the step).
RUN = state.declare("guided_session", _from_address, __name__)


def current_run() -> Run:
    """This tab's session, kept in step with the address.

    An address naming another session (a link, the back button) is followed; an address with no
    session (the page opened from the menu or a reminder) resumes one under way, or starts afresh
    after a session already saved.
    """
    run = RUN.get()
    asked = st.query_params.get("run")
    if asked is not None and asked != run.run_id:
        restored = from_query(st.query_params.to_dict())
        run = Run() if restored is None else Run(*restored)
        RUN.set(run)
    elif asked is None and run.progress.saved:
        run = start_new()
    _write_address(run)
    return run


def start_new() -> Run:
    run = Run()
    RUN.set(run)
    state.forget_widgets((WIDGET_PREFIX,))
    return run


def flag_key(flag_id: str) -> str:
    return f"{WIDGET_PREFIX}flag_{flag_id}"


def rating_key(movement_id: str) -> str:
    return f"{WIDGET_PREFIX}rate_{movement_id}"


def harder_key(movement_id: str) -> str:
    return f"{WIDGET_PREFIX}harder_{movement_id}"


def where_we_are(
    check_ins: Sequence[CheckIn],
) -> tuple[Today, tuple[SessionItem, ...], tuple[Dropped, ...], Step]:
    """Where the person stands (without this session's own saved entry), the session's movements,
    those left out at the pain now, and the step to show."""
    run = RUN.get()
    before = [entry for entry in check_ins if entry.id != run.run_id]
    standing = today(before, now_here(), unsaved_signs=run.progress.signs)
    items: tuple[SessionItem, ...] = ()
    left_out: tuple[Dropped, ...] = ()
    if standing.shown is not None:
        items, left_out = session_items(standing.shown, run.progress.pain, standing.tolerance)
    return standing, items, left_out, current_step(items, run.progress)


# Callbacks: every change of the answers goes through one of these.


def _change(progress: Progress, unanswered: StepKind | None = None) -> None:
    run = RUN.get()
    run.progress = progress
    run.unanswered = unanswered
    _write_address(run)


def save_check() -> None:
    picked = [sign for sign in symptom_ids() if state.widget_value(flag_key(sign))]
    if picked:
        # Known to every page's today() from now on, saved or not (ui/today_state.py).
        remember_signs(picked)
    _change(answer_check(RUN.get().progress, picked))


def change_check() -> None:
    """Back to the warning-sign question, its boxes as they were answered; every other answer kept."""
    run = RUN.get()
    run.ticked = run.progress.signs
    _change(replace(run.progress, checked=False, signs=()))


def save_pain() -> None:
    picked = state.widget_value(PAIN_KEY)
    if picked is None:
        _change(RUN.get().progress, StepKind.PAIN)
        return
    _change(answer_pain(RUN.get().progress, picked))


def change_pain() -> None:
    progress = RUN.get().progress
    _change(Progress(checked=progress.checked, signs=progress.signs))


def finish_set(items: tuple[SessionItem, ...]) -> None:
    _change(set_done(items, RUN.get().progress))


def skip_rest(items: tuple[SessionItem, ...]) -> None:
    _change(rest_over(items, RUN.get().progress))


def stop_this_hurts(items: tuple[SessionItem, ...]) -> None:
    _change(stop_movement(items, RUN.get().progress))


def save_rating(items: tuple[SessionItem, ...], movement_id: str) -> None:
    picked = state.widget_value(rating_key(movement_id))
    if picked is None:
        _change(RUN.get().progress, StepKind.RATE)
        return
    _change(rate(items, RUN.get().progress, picked))


def toggle_harder(movement_id: str) -> None:
    _change(choose_harder(RUN.get().progress, movement_id, bool(state.widget_value(harder_key(movement_id)))))


def end_now() -> None:
    _change(end_early(RUN.get().progress))


def save_pain_after() -> None:
    picked = state.widget_value(PAIN_AFTER_KEY)
    if picked is None:
        _change(RUN.get().progress, StepKind.PAIN_AFTER)
        return
    _change(answer_pain_after(RUN.get().progress, picked))


def ready_to_save() -> bool:
    """The closing question is answered and the session is not saved yet."""
    progress = RUN.get().progress
    return progress.pain_after is not None and not progress.saved


def save(diary: Diary, items: tuple[SessionItem, ...], standing: Today, check_ins: Sequence[CheckIn]) -> None:
    """Save the session as one check-in (its id is the run's: a reload cannot save it twice), then rerun."""
    run = RUN.get()
    entry = session_check_in(
        diary.owner, now_here(), items, run.progress, standing.sessions_done_today, check_in_id=run.run_id
    )
    if not any(existing.id == run.run_id for existing in check_ins):
        with diary_guard():
            diary.repository.add(entry)
    _change(mark_saved(run.progress))
    rated = len(entry.movement_pain)
    write_done(
        f"Saved to your diary: {rated} movement{'' if rated == 1 else 's'} rated, pain now {entry.pain} of "
        f"{PAIN_MAX}, session {entry.sessions_done} of today's {SESSIONS_PER_DAY}, at {entry.at:%H:%M}."
    )


def _write_address(run: Run) -> None:
    params = to_query(run.progress, run.run_id)
    for stale in QUERY_KEYS:
        if stale not in params and stale in st.query_params:
            del st.query_params[stale]
    changed = {name: value for name, value in params.items() if st.query_params.get(name) != value}
    if changed:
        st.query_params.update(changed)


# The projector view: a facilitator leads a room through the steps. Nothing is rated or saved;
# where the room is lives in the address ("at"), so a reload of the projector keeps its place.
PROJECTOR_VIEW = "projector"
PROJECTOR_MOVEMENTS_KEY = f"{WIDGET_PREFIX}room_movements"
PROJECTOR_PAIN_KEY = f"{WIDGET_PREFIX}room_pain"


def is_projector() -> bool:
    return st.query_params.get("view") == PROJECTOR_VIEW


def projector_at(total: int) -> int:
    """The projector's step, from the address: 0 (check first) when missing or out of range."""
    text = st.query_params.get("at", "0")
    at = int(text) if text.isdigit() else 0
    return at if at < total else 0


def projector_move(to: int) -> None:
    st.query_params["at"] = str(max(to, 0))
