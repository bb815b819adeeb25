"""Local mode: download the whole diary database as one file, every save included."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from rehab_core.backup import backup_bytes
from rehab_core.store import SqlDiary
from ui.storage import Diary


def render_backup(diary: Diary, made_at: datetime) -> None:
    """A "Download a backup" button when this diary is the local SQLite file; nothing otherwise.

    The file is made when the button is pressed, through SQLite's backup API: unlike a copy of
    data/diary.sqlite3, it holds the saves still in the -wal file and is never half written.
    """
    repository = diary.repository
    if diary.mode != "local" or not isinstance(repository, SqlDiary):
        return
    engine = repository.engine
    if engine.dialect.name != "sqlite":
        return
    st.download_button(
        "Download a backup",
        lambda: backup_bytes(engine),
        file_name=f"back-in-action-backup-{made_at:%Y-%m-%d}.sqlite3",
        mime="application/vnd.sqlite3",
        key="progress_backup",
        icon=":material/backup:",
    )
    st.caption(
        "The whole diary as one database file. To restore it, stop the app, put the file in place "
        "of data/diary.sqlite3 (keep the old one), and start the app again."
    )
