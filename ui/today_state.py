"""The one road to where a person stands today: the diary plus this browser session's unsaved answers.

Every page that shows a plan, a status or a warning asks `current_today` and renders what it gets;
none works anything out on its own. A warning sign answered yes anywhere in this session (the
safety check of Assess, a session's check) is remembered here until the app is closed, so every
other page knows of it even when it was never saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rehab_core.diary import CheckIn
from rehab_core.standing import Today, today
from rehab_core.store import StoreUnavailable
from ui import state
from ui.clock import now_here
from ui.storage import current_diary

UNSAVED_SIGNS: state.Key[tuple[str, ...]] = state.declare("today_unsaved_signs", tuple, __name__)


def current_today(check_ins: Sequence[CheckIn]) -> Today:
    """Where this person stands now: their diary and the warning signs this session answered yes."""
    return today(check_ins, now_here(), unsaved_signs=UNSAVED_SIGNS.get())


def remember_signs(signs: Iterable[str]) -> None:
    """The warning signs answered in this session's latest safety check (empty: none now)."""
    UNSAVED_SIGNS.set(tuple(signs))


def diary_today() -> Today:
    """Where this visitor stands, from their diary if they have one: for pages that work without one.

    Assess must work with the database down or signed out: then the diary counts as empty, and
    the safety questions are asked in full.
    """
    try:
        diary = current_diary()
        check_ins = diary.repository.list(diary.owner) if diary is not None else []
    except StoreUnavailable:
        check_ins = []
    return current_today(check_ins)
