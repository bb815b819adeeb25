"""The check-ins as an editable table: change or delete rows, with every problem named by row and field."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, SESSIONS_PER_DAY
from rehab_core.diary import NOTE_MAX_CHARS, CheckIn, validate
from rehab_core.errors import InvalidInput
from ui.storage import Diary, diary_guard

TABLE_ROWS = 200
EDITABLE = {"Pain": "pain", "Sessions": "sessions_done", "Ice": "ice", "Heat": "heat", "Note": "note"}


def _table(check_ins: list[CheckIn]) -> pd.DataFrame:
    newest = list(reversed(check_ins[-TABLE_ROWS:]))
    return pd.DataFrame(
        {
            "When": [item.at for item in newest],
            "Pain": [item.pain for item in newest],
            "Sessions": [item.sessions_done for item in newest],
            "Ice": [item.ice for item in newest],
            "Heat": [item.heat for item in newest],
            "Note": [item.note for item in newest],
            "Delete": [False] * len(newest),
        },
        index=pd.Index([item.id for item in newest], name="id"),
    )


def render_check_in_table(diary: Diary, check_ins: list[CheckIn]) -> None:
    """Show, edit and delete check-ins; nothing changes until the person saves and confirms."""
    if len(check_ins) > TABLE_ROWS:
        st.caption(
            f"The newest {TABLE_ROWS} of {len(check_ins)} check-ins. Export the diary to see them all."
        )
    original = _table(check_ins)
    edited = st.data_editor(
        original,
        key="progress_table",
        hide_index=True,
        disabled=["When"],
        column_config={
            "When": st.column_config.DatetimeColumn(format="ddd D MMM YYYY, HH:mm"),
            "Pain": st.column_config.NumberColumn(min_value=PAIN_MIN, max_value=PAIN_MAX, step=1),
            "Sessions": st.column_config.NumberColumn(min_value=0, max_value=SESSIONS_PER_DAY, step=1),
            "Note": st.column_config.TextColumn(max_chars=NOTE_MAX_CHARS, width="large"),
            "Delete": st.column_config.CheckboxColumn(help="Tick to delete this check-in when you save."),
        },
        alt="Your check-ins, newest first. Pain, sessions, ice, heat and note can be edited.",
    )
    by_id = {item.id: item for item in check_ins}
    to_delete = [check_in_id for check_in_id in edited.index if bool(edited.at[check_in_id, "Delete"])]
    changed, problems = [], []
    for row_number, check_in_id in enumerate(edited.index, start=1):
        before = by_id[check_in_id]
        values = {field: edited.at[check_in_id, column] for column, field in EDITABLE.items()}
        if all(values[field] == getattr(before, field) for field in values):
            continue
        try:
            changed.append(
                validate(replace(before, **{field: _plain(value) for field, value in values.items()}))
            )
        except (InvalidInput, TypeError, ValueError) as error:
            problems.append(f"Row {row_number} ({before.at:%d %b %H:%M}): {error}")
    if not changed and not to_delete:
        return
    for problem in problems:
        st.error(problem, icon=":material/error:")
    confirmed = True
    if to_delete:
        confirmed = st.checkbox(
            f"Yes, delete {len(to_delete)} check-in{'s' if len(to_delete) > 1 else ''} for good",
            key="progress_confirm_delete",
        )
    summary = f"Save changes ({len(changed)} edited, {len(to_delete)} to delete)"
    if st.button(
        summary, key="progress_save_table", type="primary", disabled=bool(problems) or not confirmed
    ):
        with diary_guard():
            for check_in in changed:
                diary.repository.update(check_in)
            for check_in_id in to_delete:
                diary.repository.delete(diary.owner, check_in_id)
        st.session_state.pop("progress_table", None)
        st.toast("Your diary is updated.", icon=":material/check_circle:")
        st.rerun()


def _plain(value: object) -> object:
    """Numbers from the table come back as numpy types; the diary wants plain Python values."""
    if hasattr(value, "item"):
        return value.item()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "" if value is None else value
    return value
