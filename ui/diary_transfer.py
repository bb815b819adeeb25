"""Moving a diary in and out: CSV, JSON and PDF downloads, an all-or-nothing import, delete everything."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

import streamlit as st

from rehab_core.analytics import daily_pain, to_frame
from rehab_core.config import SiteConfig, download_name
from rehab_core.demo import is_demo_check_in
from rehab_core.diary import CheckIn
from rehab_core.diary_files import ImportProblems, export_problem, parse_import, to_csv, to_json
from rehab_core.plan_pdf import plan_pdf
from rehab_core.standing import today
from ui import state
from ui.flash import write_done
from ui.own_tab import render_open_in_own_tab, uploads_refused_here
from ui.site import palette
from ui.storage import Diary
from ui.store_errors import diary_guard


def render_exports(
    diary: Diary,
    check_ins: list[CheckIn],
    site: SiteConfig,
    made_at: datetime,
    unsaved_signs: tuple[str, ...],
) -> None:
    """Download buttons; each file is made from the diary as stored when its button is tapped.

    Read at the tap, not when the page was drawn: another tab may have deleted or imported
    check-ins since, and a file must never hold check-ins the diary no longer has. The PDF prints
    where the person stands (rehab_core.today()) from that same diary and this session's unsaved
    warning signs, so the sheet and the page never disagree.

    A tap must not rerun the page (on_click="ignore"): a rerun gives every deferred download
    a new id and drops the old ones, so a second download tapped before the page had redrawn
    asked for an id already gone ("Deferred file ... not found") and spun for ever.
    """
    if not check_ins:
        return

    def stored() -> list[CheckIn]:
        return diary.repository.list(diary.owner)

    def report() -> bytes:
        now = stored()
        daily = daily_pain(to_frame(now)) if now else None
        standing = today(now, made_at, unsaved_signs=unsaved_signs)
        return plan_pdf(standing, daily, site=site, palette=colours, made_at=made_at)

    stamp = f"{made_at:%Y-%m-%d}"
    colours = palette()
    row = st.container(horizontal=True)
    row.download_button(
        "Diary as CSV",
        lambda: to_csv(stored()),
        file_name=download_name(site, f"diary-{stamp}", ".csv"),
        mime="text/csv",
        key="progress_csv",
        on_click="ignore",
        icon=":material/table:",
    )
    row.download_button(
        "Diary as JSON",
        lambda: to_json(stored()),
        file_name=download_name(site, f"diary-{stamp}", ".json"),
        mime="application/json",
        key="progress_json",
        on_click="ignore",
        icon=":material/data_object:",
    )
    row.download_button(
        "Plan and trend (PDF)",
        report,
        file_name=download_name(site, f"report-{stamp}", ".pdf"),
        mime="application/pdf",
        key="progress_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
    st.caption("CSV and JSON files can be imported again here, or into another copy of the app.")


# A new uploader after each import, so the imported file goes with it.
IMPORT_ROUND = state.declare("progress_import_round", lambda: 0, __name__)
DELETE_CONFIRM = "progress_delete_all_confirm"


def render_import(diary: Diary, stored: Sequence[CheckIn]) -> None:
    """Import a diary file: what will happen first, then an all-or-nothing write and a fresh page.

    `stored` is the diary as this run read it: to say before the import how many check-ins are
    new, and whether the diary would still fit one file with them (else the store refuses).
    """
    in_diary = {check_in.id for check_in in stored}
    # Keyed and tracked by the server: an expander without a key is known by its place on the
    # page, and shut itself when the message of a write above it went away.
    with st.expander(
        "Import a diary file", icon=":material/upload:", key="progress_import", on_change="rerun"
    ):
        if uploads_refused_here():  # inside another site's page: Streamlit would refuse the file
            render_open_in_own_tab("Importing a file", own_diary=diary.mode in ("local", "account"))
            return
        upload_round = IMPORT_ROUND.get()
        upload = st.file_uploader(
            "A CSV or JSON file exported from this app",
            type=["csv", "json"],
            key=f"progress_import_{upload_round}",
        )
        if upload is None:
            PARSED.reset()  # nothing in the uploader: keep no file's rows
            return
        parsed = _parsed(upload.file_id, upload.getvalue(), upload.name, diary.owner)
        if isinstance(parsed, ImportProblems):
            render_import_problems(upload.name, parsed)
            return
        check_ins = parsed
        if not check_ins:
            st.info("This file holds no check-ins, so there is nothing to import.", icon=":material/info:")
            return
        demo = sum(map(is_demo_check_in, check_ins))
        if demo and diary.mode != "demo":
            st.warning(
                f"{demo} of these check-ins come from the workshop demo: a made-up recovery, not yours. "
                "Importing them puts made-up days in your own diary and its charts.",
                icon=":material/warning:",
            )
        already = sum(check_in.id in in_diary for check_in in check_ins)
        new = len(check_ins) - already
        st.markdown(f"{_import_counts(len(check_ins), new, already)}.")
        if new == 0:
            st.info("Nothing to import: every check-in in this file is already in your diary.")
            return
        if (full := export_problem([*stored, *(c for c in check_ins if c.id not in in_diary)])) is not None:
            st.error(
                f"This file cannot be imported: with it, your diary would be too large ({full}). "
                "A diary is kept small enough that its own export can always be imported again. "
                "Delete older check-ins first, or import a shorter file.",
                icon=":material/error:",
            )
            return
        if st.button(
            f"Import {new} new check-in{'' if new == 1 else 's'}", key="progress_import_go", type="primary"
        ):
            with diary_guard():
                added = diary.repository.import_check_ins(diary.owner, check_ins)
            IMPORT_ROUND.set(upload_round + 1)
            PARSED.reset()
            write_done(f"Imported. {_import_counts(len(check_ins), added, len(check_ins) - added)}.")


# The last file read, by the uploader's id for it: every tap reruns the page, and a file that sits
# in the uploader is read once, not again on each rerun (a large one took seconds each time).
PARSED: state.Key[tuple[str, str, list[CheckIn] | ImportProblems] | None] = state.declare(
    "progress_import_parsed", lambda: None, __name__
)


def _parsed(file_id: str, data: bytes, name: str, owner: str) -> list[CheckIn] | ImportProblems:
    kept = PARSED.get()
    if kept is not None and kept[:2] == (file_id, owner):
        return kept[2]
    try:
        result: list[CheckIn] | ImportProblems = parse_import(data, name, owner)
    except ImportProblems as problems:
        result = problems
    PARSED.set((file_id, owner, result))
    return result


def _import_counts(in_file: int, new: int, already: int) -> str:
    """'6 in the file: 2 new, 4 already in your diary' (the same words before and after an import)."""
    return f"{in_file} in the file: {new} new, {already} already in your diary"


def render_import_problems(file_name: str, problems: ImportProblems) -> None:
    """Why a file was refused, with every text from the file shown inert.

    File names, cells and column names come from whoever made the file: in Markdown they could
    draw an image from another site or a link. Here they only ever appear inside a code block,
    which shows text exactly as it is.
    """
    total = max(problems.total, len(problems.problems))
    st.error(
        f"Nothing was imported: the file has {total:,} problem{'' if total == 1 else 's'}. "
        "Nothing in your diary changed. Fix the file and try again.",
        icon=":material/error:",
    )
    lines = [f"File: {_clipped(file_name)}", *problems.problems]
    more = total - len(problems.problems)
    if more > 0:
        lines.append(f"and {more:,} more")
    st.code("\n".join(lines), language=None, wrap_lines=True)


def _clipped(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


DELETE_BEFORE_DAY = "progress_delete_before_day"
DELETE_BEFORE_CONFIRM = "progress_delete_before_confirm"


def render_delete_before(diary: Diary, stored: Sequence[CheckIn], now: datetime) -> None:
    """Delete the check-ins from before a day: room in a full diary, or an old bout let go."""
    first, last = (stored[0].at.astimezone(now.tzinfo).date(), now.date()) if stored else (now.date(),) * 2
    if first >= last:  # every check-in is from today: none is older
        return
    with st.expander("Delete older check-ins", icon=":material/auto_delete:"):
        st.markdown(
            "This removes every check-in from before the day you pick. It cannot be undone. "
            "Download your diary first to keep a copy."
        )
        day = st.date_input(
            "Delete the check-ins from before",
            value=None,
            min_value=first + timedelta(days=1),
            max_value=last,
            key=DELETE_BEFORE_DAY,
            format="DD/MM/YYYY",
        )
        if not isinstance(day, date):
            return
        before = datetime.combine(day, time.min, now.tzinfo)
        count = sum(entry.at < before for entry in stored)
        sure = st.checkbox(
            f"I understand, delete {count} check-in{'' if count == 1 else 's'} from before {day:%d %B %Y}",
            key=DELETE_BEFORE_CONFIRM,
        )
        if st.button("Delete older check-ins", key="progress_delete_before", disabled=not (sure and count)):
            with diary_guard():
                removed = diary.repository.delete_before(diary.owner, before)
            state.forget_widgets((DELETE_BEFORE_CONFIRM, DELETE_BEFORE_DAY))
            write_done(f"Deleted {removed} check-in{'' if removed == 1 else 's'} from before {day:%d %B %Y}.")


def render_delete_all(diary: Diary) -> None:
    """Delete every check-in of this diary's owner, after an explicit confirmation."""
    with st.expander("Delete all my data", icon=":material/delete_forever:"):
        st.markdown(
            "This removes every check-in in your diary. It cannot be undone. Export first to keep a copy."
        )
        sure = st.checkbox("I understand, delete everything", key=DELETE_CONFIRM)
        if st.button("Delete all my data", key="progress_delete_all", disabled=not sure, type="primary"):
            with diary_guard():
                removed = diary.repository.delete_owner(diary.owner)
            state.forget_widgets((DELETE_CONFIRM,))
            write_done(f"Deleted {removed} check-in{'' if removed == 1 else 's'}. Your diary is empty.")
