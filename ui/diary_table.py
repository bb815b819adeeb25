"""The check-ins as a table, and a form to change or delete one, nothing changed without a save or a yes."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, SESSIONS_PER_DAY
from rehab_core.diary import NOTE_MAX_CHARS, CheckIn, retired_ratings, validate
from rehab_core.errors import InvalidInput
from ui.flash import write_done
from ui.storage import Diary
from ui.store_errors import diary_guard

TABLE_ROWS = 200


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
        pd.DataFrame(
            {
                "When": [item.at.strftime("%a %d %b %Y, %H:%M") for item in newest],
                "Pain": [item.pain for item in newest],
                "Sessions": [item.sessions_done for item in newest],
                "Ice": ["yes" if item.ice else "no" for item in newest],
                "Heat": ["yes" if item.heat else "no" for item in newest],
                "New warning sign": ["yes" if item.new_warning_sign else "no" for item in newest],
                "Movements rated": [len(item.movement_pain) for item in newest],
                "Note": [item.note for item in newest],
            }
        ),
        hide_index=True,
        key="progress_table",
        alt="Your check-ins, newest first: when, pain, sessions done, ice, heat, movements rated and note.",
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
        _render_delete(diary, chosen)


def _render_edit_form(diary: Diary, chosen: CheckIn) -> None:
    # Keys carry the check-in's id, so choosing another check-in shows its own values.
    with st.form("progress_edit_form", border=False):
        pain = st.slider("Pain", PAIN_MIN, PAIN_MAX, value=chosen.pain, key=f"edit_pain_{chosen.id}")
        sessions = st.segmented_control(
            "Sessions done that day",
            list(range(SESSIONS_PER_DAY + 1)),
            default=chosen.sessions_done,
            key=f"edit_sessions_{chosen.id}",
        )
        row = st.container(horizontal=True)
        ice = row.checkbox("Ice used", value=chosen.ice, key=f"edit_ice_{chosen.id}")
        heat = row.checkbox("Heat used", value=chosen.heat, key=f"edit_heat_{chosen.id}")
        note = st.text_area("Note", value=chosen.note, max_chars=NOTE_MAX_CHARS, key=f"edit_note_{chosen.id}")
        retired = retired_ratings(chosen)
        if retired:
            kept = ", ".join(f"{movement_id} (pain {pain})" for movement_id, pain in sorted(retired.items()))
            st.caption(f"Kept as they are: ratings of movements no longer in the library (retired): {kept}.")
        saved = st.form_submit_button("Save changes", icon=":material/save:", key="progress_edit_save")
    if not saved:
        return
    try:
        changed = validate(
            replace(chosen, pain=pain, sessions_done=sessions or 0, ice=ice, heat=heat, note=note)
        )
    except InvalidInput as error:
        st.error(f"Not saved: {error}", icon=":material/error:")
        return
    with diary_guard():
        diary.repository.update(changed)
    write_done(f"Check-in of {changed.at:%H:%M on %a %d %b} updated.")


def _render_delete(diary: Diary, chosen: CheckIn) -> None:
    sure = st.checkbox("Yes, delete this check-in for good", key=f"delete_confirm_{chosen.id}")
    if st.button(
        "Delete this check-in", key="progress_delete_one", disabled=not sure, icon=":material/delete:"
    ):
        with diary_guard():
            diary.repository.delete(diary.owner, chosen.id)
        write_done(f"Check-in of {chosen.at:%H:%M on %a %d %b} deleted.")
