"""The check-ins as a table, and a form to change or delete one, nothing changed without a save or a yes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, SESSIONS_PER_DAY
from rehab_core.diary import (
    ASSESSMENT,
    CHECK_IN,
    FIELDS,
    NOTE_MAX_CHARS,
    SESSION,
    YES_NO_FIELDS,
    CheckIn,
    retired_ratings,
    validate,
)
from rehab_core.errors import InvalidInput
from ui.flash import TOP, show_message, write_done
from ui.storage import Diary
from ui.store_errors import diary_guard

TABLE_ROWS = 200
# Where the message of a deleted check-in shows: just below the delete button, where the person acted.
DELETED_PLACE = "diary_delete_one"

# Every field of rehab_core.diary.FIELDS has a column here or is named in NOT_IN_TABLE, and is
# edited by the form or named in NOT_EDITED with its reason (tests/test_check_in_fields.py holds
# them to it, so a new field cannot be left out by accident: docs/check-in-fields.md).
COLUMN_HEADINGS: dict[str, str] = {
    "at": "When",
    "kind": "Entry",
    "pain": "Pain",
    "sessions_done": "Sessions",
    "ice": "Ice",
    "heat": "Heat",
    "new_warning_sign": "New warning sign",
    "movement_pain": "Movements rated",
    "note": "Note",
    "cleared_on": "Cleared to exercise",
}
NOT_IN_TABLE: dict[str, str] = {
    "id": "a code, nothing a person reads",
    "owner": "whose diary it is",
    "background_signs": "long health questions; the diary files keep them and the standing above uses them",
}
KIND_WORDS: dict[str, str] = {CHECK_IN: "Check-in", ASSESSMENT: "Assessment", SESSION: "Session"}
# Cells that are not the field's value as it is; a yes/no field shows "yes" or "no".
CELLS: dict[str, Callable[[CheckIn], Any]] = {
    "at": lambda item: item.at.strftime("%a %d %b %Y, %H:%M"),
    "movement_pain": lambda item: len(item.movement_pain),
    "kind": lambda item: KIND_WORDS.get(item.kind, item.kind),
    "cleared_on": lambda item: f"{item.cleared_on:%d %b %Y}" if item.cleared_on else "",
}
YES_NO_LABELS: dict[str, str] = {"ice": "Ice used", "heat": "Heat used"}
NOT_EDITED: dict[str, str] = {
    "id": "it names the check-in",
    "owner": "it says whose diary this is",
    "at": "the diary keeps when a check-in was made",
    "movement_pain": "ratings are made by trying each movement in Assess today",
    "new_warning_sign": "a warning sign once recorded stays on record (the PDF and the alerts read it)",
    "kind": "it says what the entry records: a check-in, an assessment or a session",
    "background_signs": "they are answered in Assess today's safety check, once per episode",
    "cleared_on": "a clearance is recorded, with its date, in Assess today",
}
# The form's fields in the order it shows them: pain, sessions, the yes/no fields, the note.
EDITED: tuple[str, ...] = (
    "pain",
    "sessions_done",
    *(name for name in YES_NO_FIELDS if name not in NOT_EDITED),
    "note",
)


def _cell(name: str, item: CheckIn) -> Any:
    if name in CELLS:
        return CELLS[name](item)
    value = getattr(item, name)
    return ("yes" if value else "no") if name in YES_NO_FIELDS else value


def check_in_frame(check_ins: list[CheckIn]) -> pd.DataFrame:
    """One row per check-in, one column per shown field of the field list, in the table's order."""
    shown = [name for name in COLUMN_HEADINGS if name in FIELDS]
    return pd.DataFrame({COLUMN_HEADINGS[name]: [_cell(name, item) for item in check_ins] for name in shown})


def _label(check_in: CheckIn) -> str:
    note = f", “{check_in.note[:30]}”" if check_in.note else ""
    return f"{check_in.at:%a %d %b %Y, %H:%M}: pain {check_in.pain}{note}"


def render_check_in_table(diary: Diary, check_ins: list[CheckIn]) -> None:
    """The newest check-ins as a readable table, then one check-in at a time to change or delete."""
    newest = list(reversed(check_ins[-TABLE_ROWS:]))
    if len(check_ins) > TABLE_ROWS:
        st.caption(
            f"The newest {TABLE_ROWS} of {len(check_ins)} check-ins. Export the diary to see them all."
        )
    st.dataframe(
        check_in_frame(newest),
        hide_index=True,
        key="progress_table",
        alt=f"Your check-ins, newest first: {', '.join(COLUMN_HEADINGS.values()).lower()}.",
    )
    # Drawn only while open (a closed expander that reruns on toggle sends nothing): the form is most
    # of what the browser has to draw on this page, and most visits only look. Closing it before
    # "Save changes" drops the unsaved edits, as closing any editor without saving does.
    editor = st.expander(
        "Change or delete a check-in", icon=":material/edit:", key="progress_editor", on_change="rerun"
    )
    if not editor.open:
        return
    with editor:
        by_id = {item.id: item for item in newest}
        chosen = by_id[
            st.selectbox(
                "Check-in", list(by_id), format_func=lambda key: _label(by_id[key]), key="progress_edit_pick"
            )
        ]
        _render_edit_form(diary, chosen)
        _render_delete(diary, chosen, last_one=len(check_ins) == 1)


def _render_edit_form(diary: Diary, chosen: CheckIn) -> None:
    # Keys carry the check-in's id, so choosing another check-in shows its own values.
    with st.form("progress_edit_form", border=False):
        values = _edit_fields(chosen)
        retired = retired_ratings(chosen)
        if retired:
            kept = ", ".join(f"{movement_id} (pain {pain})" for movement_id, pain in sorted(retired.items()))
            st.caption(f"Kept as they are: ratings of movements no longer in the library (retired): {kept}.")
        saved = st.form_submit_button("Save changes", icon=":material/save:", key="progress_edit_save")
    if not saved:
        return
    try:
        changed = validate(replace(chosen, **values))
    except InvalidInput as error:
        st.error(f"Not saved: {error}", icon=":material/error:")
        return
    with diary_guard():
        diary.repository.update(changed)
    write_done(f"Check-in of {changed.at:%H:%M on %a %d %b} updated.")


def _edit_fields(chosen: CheckIn) -> dict[str, Any]:
    """One widget for each field of EDITED, keyed by the check-in's id; the values as the form holds them."""
    values: dict[str, Any] = {
        "pain": st.slider("Pain", PAIN_MIN, PAIN_MAX, value=chosen.pain, key=f"edit_pain_{chosen.id}"),
        "sessions_done": st.segmented_control(
            "Sessions done that day",
            list(range(SESSIONS_PER_DAY + 1)),
            default=chosen.sessions_done,
            key=f"edit_sessions_{chosen.id}",
        )
        or 0,
    }
    row = st.container(horizontal=True)
    for name in EDITED:
        if name in YES_NO_FIELDS:
            values[name] = row.checkbox(
                YES_NO_LABELS[name], value=getattr(chosen, name), key=f"edit_{name}_{chosen.id}"
            )
    values["note"] = st.text_area(
        "Note", value=chosen.note, max_chars=NOTE_MAX_CHARS, key=f"edit_note_{chosen.id}"
    )
    return values


def _render_delete(diary: Diary, chosen: CheckIn, *, last_one: bool) -> None:
    sure = st.checkbox("Yes, delete this check-in for good", key=f"delete_confirm_{chosen.id}")
    if st.button(
        "Delete this check-in", key="progress_delete_one", disabled=not sure, icon=":material/delete:"
    ):
        with diary_guard():
            diary.repository.delete(diary.owner, chosen.id)
        # With the last one gone there is no editor left: the page's own message place says it.
        write_done(
            f"Check-in of {chosen.at:%H:%M on %a %d %b} deleted.", place=TOP if last_one else DELETED_PLACE
        )
    show_message(DELETED_PLACE)
