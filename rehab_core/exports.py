"""Files out and in: the diary as CSV and JSON (lossless, checked coming back), the plan as PDF, reminders."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path, PurePath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from rehab_core.catalogue import movement_by_id, movements
from rehab_core.diary import CheckIn, problems
from rehab_core.errors import InvalidInput
from rehab_core.protocol import SESSIONS_PER_DAY, TOLERATED_MAX_PAIN, Phase, Recommendation, daily_advice

MAX_IMPORT_BYTES = 5 * 1024 * 1024
JSON_FORMAT = "back-in-action-diary"
JSON_VERSION = 1
# Columns of the CSV file, in order. `id` may be left empty in a file typed by hand; the other
# fixed columns are required. One optional column per movement holds the pain it caused.
CSV_FIXED_COLUMNS: tuple[str, ...] = ("id", "at", "pain", "sessions_done", "ice", "heat", "note")
REQUIRED_FIELDS: tuple[str, ...] = ("at", "pain", "sessions_done", "ice", "heat", "note")
MOVEMENT_COLUMN_PREFIX = "movement_pain:"
# A spreadsheet runs a cell that starts with one of these as a formula. Export puts an apostrophe
# in front (and in front of a leading apostrophe, so that import can always remove exactly one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
# Ids of rows typed without one are made from the row itself, so importing the file again matches them.
_DERIVED_ID_NAMESPACE = uuid.UUID("6f1d2b1e-8a43-4c55-9d1e-4b2f5a7c9e10")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")


class ImportProblems(InvalidInput):
    """An import was refused and nothing was changed; `problems` lists every one by row and field."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        heading = f"Nothing was imported: the file has {count} problem{'' if count == 1 else 's'}."
        super().__init__("\n".join([heading, *self.problems]))


# ---- CSV and JSON out -------------------------------------------------------------------------


def _movement_columns(check_ins: Sequence[CheckIn]) -> list[str]:
    ids = [movement.id for movement in movements()]
    extra = sorted({key for check_in in check_ins for key in check_in.movement_pain} - set(ids))
    return [MOVEMENT_COLUMN_PREFIX + movement_id for movement_id in [*ids, *extra]]


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a leading apostrophe before formula-like starts."""
    if cell.startswith((*FORMULA_STARTS, ESCAPE)):
        return ESCAPE + cell
    return cell


def restore(cell: str) -> str:
    """Undo neutralise(): drop exactly one leading apostrophe."""
    return cell[1:] if cell[:1] == ESCAPE else cell


def to_csv(check_ins: Sequence[CheckIn]) -> bytes:
    """The diary as CSV (UTF-8 with a BOM so spreadsheets read accents); re-imports to the same diary."""
    columns = [*CSV_FIXED_COLUMNS, *_movement_columns(check_ins)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for check_in in check_ins:
        cells = {
            "id": check_in.id,
            "at": check_in.at.isoformat(),
            "pain": str(check_in.pain),
            "sessions_done": str(check_in.sessions_done),
            "ice": "true" if check_in.ice else "false",
            "heat": "true" if check_in.heat else "false",
            "note": check_in.note,
        }
        for movement_id, pain in check_in.movement_pain.items():
            cells[MOVEMENT_COLUMN_PREFIX + movement_id] = str(pain)
        writer.writerow([neutralise(cells.get(column, "")) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")


def _json_entry(check_in: CheckIn) -> dict[str, Any]:
    return {
        "id": check_in.id,
        "at": check_in.at.isoformat(),
        "pain": check_in.pain,
        "movement_pain": dict(check_in.movement_pain),
        "sessions_done": check_in.sessions_done,
        "ice": check_in.ice,
        "heat": check_in.heat,
        "note": check_in.note,
    }


def to_json(check_ins: Sequence[CheckIn]) -> bytes:
    """The diary as JSON; re-imports to the same diary."""
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "check_ins": [_json_entry(check_in) for check_in in check_ins],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


# ---- CSV and JSON in --------------------------------------------------------------------------


def parse_import(data: bytes, filename: str, owner: str) -> list[CheckIn]:
    """The check-ins of an exported (or hand-made) CSV or JSON file, or ImportProblems listing every fault."""
    name = PurePath(filename).name or "the file"
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportProblems(
            [f"file {name!r}: it is larger than the {MAX_IMPORT_BYTES // 2**20} MB limit for a diary file"]
        )
    text = _decode(data, name)
    if not text.strip():
        raise ImportProblems([f"file {name!r}: it is empty"])
    suffix = PurePath(filename).suffix.lower()
    if suffix not in {".csv", ".json", ".txt", ""}:
        raise ImportProblems([f"file {name!r}: only .csv and .json diary files can be imported"])
    is_json = suffix == ".json" or (suffix != ".csv" and text.lstrip()[:1] in {"{", "["})
    rows = _json_rows(text, name) if is_json else _csv_rows(text, name)
    return _check_ins_from_rows(rows, owner)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportProblems(
            [f"file {name!r}: it is saved as UTF-16; save it as 'CSV UTF-8' (or UTF-8 text) and try again"]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportProblems(
            [
                f"file {name!r}: not UTF-8 text (unreadable byte at position {error.start}); "
                "save it as 'CSV UTF-8' and try again"
            ]
        ) from None


# A row read from a file: its number for messages, and its fields as found (still text in CSV).
_Row = tuple[int, dict[str, Any]]


def _csv_rows(text: str, name: str) -> list[_Row]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
        records = list(reader)
    except csv.Error as error:
        raise ImportProblems([f"file {name!r}: not a readable CSV file ({error})"]) from None
    header_problems = _header_problems(header)
    if header_problems:
        raise ImportProblems(header_problems)
    # Which reader each column needs, worked out once: a big file has many thousand rows.
    readers: dict[str, Callable[[str], Any]] = {"pain": _csv_number, "sessions_done": _csv_number}
    readers |= {"ice": _csv_bool, "heat": _csv_bool, "at": _parse_at}
    fixed = [
        (index, column, readers.get(column))
        for index, column in enumerate(header)
        if column in CSV_FIXED_COLUMNS
    ]
    rated = [
        (index, column.removeprefix(MOVEMENT_COLUMN_PREFIX))
        for index, column in enumerate(header)
        if column.startswith(MOVEMENT_COLUMN_PREFIX)
    ]
    rows: list[_Row] = []
    width_problems: list[str] = []
    # Row numbers are the spreadsheet's: the header is row 1, the first check-in row 2.
    for number, record in enumerate(records, start=2):
        if not "".join(record).strip():
            continue  # blank lines, and the empty rows spreadsheets leave at the end
        if len(record) != len(header):
            if True:
                width_problems.append(
                    f"row {number}: has {len(record)} cells, but the header has {len(header)}"
                )
            continue
        cells = [restore(cell) for cell in record]
        fields: dict[str, Any] = {
            column: cells[index] if reader is None else reader(cells[index])
            for index, column, reader in fixed
        }
        fields["movement_pain"] = {
            movement_id: _csv_number(cells[index]) for index, movement_id in rated if cells[index].strip()
        }
        rows.append((number, fields))
    if width_problems:
        raise ImportProblems(width_problems)
    return rows


def _header_problems(header: list[str]) -> list[str]:
    found: list[str] = []
    known_movements = {movement.id for movement in movements()}
    seen: set[str] = set()
    for column in header:
        if column in seen:
            found.append(f"row 1: the column {column!r} appears twice")
        seen.add(column)
        if column.startswith(MOVEMENT_COLUMN_PREFIX):
            movement_id = column.removeprefix(MOVEMENT_COLUMN_PREFIX)
            if movement_id not in known_movements:
                found.append(f"row 1: column {column!r} names an unknown movement {movement_id!r}")
        elif column not in CSV_FIXED_COLUMNS:
            found.append(
                f"row 1: unknown column {column[:40]!r}; allowed are {', '.join(CSV_FIXED_COLUMNS)} "
                f"and {MOVEMENT_COLUMN_PREFIX}<movement id>"
            )
    found.extend(
        f"row 1: the column {column!r} is missing" for column in REQUIRED_FIELDS if column not in seen
    )
    return found


def _csv_number(cell: str) -> int | str:
    stripped = cell.strip()
    return int(stripped) if _WHOLE_NUMBER.fullmatch(stripped) else cell


def _csv_bool(cell: str) -> bool | str:
    word = cell.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return cell


def _parse_at(value: object) -> datetime | object:
    if not isinstance(value, str):
        return value
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return value


def _json_rows(text: str, name: str) -> list[_Row]:
    try:
        document = json.loads(text)
    except RecursionError:
        raise ImportProblems([f"file {name!r}: not a diary: its JSON is nested far too deeply"]) from None
    except ValueError as error:
        reason = "a number in it is far too long" if "digits" in str(error) else str(error)[:120]
        raise ImportProblems([f"file {name!r}: not valid JSON ({reason})"]) from None
    if isinstance(document, dict):
        if "check_ins" not in document:
            raise ImportProblems([f'file {name!r}: no "check_ins" list found; is this a diary export?'])
        entries = document["check_ins"]
    else:
        entries = document
    if not isinstance(entries, list):
        raise ImportProblems([f'file {name!r}: "check_ins" must be a list of check-ins'])
    allowed = {"id", "at", "pain", "movement_pain", "sessions_done", "ice", "heat", "note"}
    rows: list[_Row] = []
    found: list[str] = []
    # Row numbers count the check-ins in the list from 1.
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            found.append(f"row {number}: must be an object of fields, got {type(entry).__name__}")
            continue
        unknown = sorted(set(entry) - allowed)
        found.extend(f"row {number}, field {key[:40]!r}: unknown field" for key in unknown)
        found.extend(
            f"row {number}, field {key!r}: is missing" for key in REQUIRED_FIELDS if key not in entry
        )
        if unknown or not all(key in entry for key in REQUIRED_FIELDS):
            continue
        fields = dict(entry)
        fields.setdefault("id", "")
        fields.setdefault("movement_pain", {})
        fields["at"] = _parse_at(fields["at"])
        rows.append((number, fields))
    if found:
        raise ImportProblems(found)
    return rows


def _derived_id(fields: Mapping[str, Any]) -> str:
    at = fields["at"]
    canonical = json.dumps(
        {
            key: (at.isoformat() if key == "at" and isinstance(at, datetime) else fields[key])
            for key in fields
        },
        sort_keys=True,
        default=str,
    )
    return uuid.uuid5(_DERIVED_ID_NAMESPACE, canonical).hex


def _check_ins_from_rows(rows: list[_Row], owner: str) -> list[CheckIn]:
    found: list[str] = []
    check_ins: list[CheckIn] = []
    first_row_of_id: dict[str, int] = {}
    for number, fields in rows:
        fields.setdefault("id", "")
        if isinstance(fields["id"], str) and not fields["id"].strip():
            fields["id"] = _derived_id({key: value for key, value in fields.items() if key != "id"})
        check_in = CheckIn(
            id=fields["id"],
            owner=owner,
            at=fields["at"],
            pain=fields["pain"],
            movement_pain=fields["movement_pain"],
            sessions_done=fields["sessions_done"],
            ice=fields["ice"],
            heat=fields["heat"],
            note=fields["note"],
        )
        row_problems = problems(check_in)
        found.extend(f"row {number}, {problem}" for problem in row_problems)
        if row_problems:
            continue
        if check_in.id in first_row_of_id:
            found.append(f"row {number}, field 'id': the same id as row {first_row_of_id[check_in.id]}")
            continue
        first_row_of_id[check_in.id] = number
        check_ins.append(check_in)
    if found:
        raise ImportProblems(found)
    return check_ins


# ---- the plan as a PDF ------------------------------------------------------------------------

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
SAFETY_NOTICE = (
    "Education, not diagnosis. This plan does not replace a doctor or physiotherapist. "
    "Stop and get care at once if you notice numbness around the groin or buttocks, trouble "
    "passing urine or controlling your bowels, weakness in the legs, or pain after a fall or accident."
)
PHASE_WORDS = {
    Phase.URGENT_CARE: "Get medical care first: no exercise plan today.",
    Phase.REST_ICE: "Rest and ice today: no exercise plan yet.",
    Phase.REHAB: "Gentle rehab movements today.",
}
TREND_DAYS_SHOWN = 28


def plan_pdf(
    recommendation: Recommendation, daily: pd.DataFrame | None, *, site_name: str, made_at: datetime
) -> bytes:
    """A printable page for the person and their clinician: plan, reasons, do and don't, pain trend."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(f"{site_name}: today's plan")
    pdf.set_creator(site_name)
    family, clean = _pdf_font(pdf)
    pdf.add_page()

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(2)
        pdf.set_font(family, "B", size)
        pdf.multi_cell(0, size * 0.5, clean(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10)

    def paragraph(text: str) -> None:
        pdf.set_font(family, "", 10)
        pdf.multi_cell(0, 5, clean(text), new_x="LMARGIN", new_y="NEXT")

    def bullets(lines: Sequence[str]) -> None:
        for line in lines:
            paragraph(f"-  {line}")

    heading(f"{site_name}: today's plan", 18)
    paragraph(f"Made on {made_at:%d %B %Y at %H:%M}. For you, and to show your clinician.")
    pdf.ln(1)
    pdf.set_fill_color(255, 243, 205)
    pdf.set_font(family, "B", 10)
    pdf.multi_cell(0, 5, clean(SAFETY_NOTICE), border=1, fill=True, new_x="LMARGIN", new_y="NEXT")

    heading("Where you are today")
    paragraph(PHASE_WORDS[recommendation.phase])

    heading("Today's plan")
    names = movement_by_id()
    if recommendation.prescriptions:
        pdf.set_font(family, "", 10)
        with pdf.table(
            col_widths=(70, 30, 30, 50),
            text_align=("LEFT", "CENTER", "CENTER", "CENTER"),
            headings_style=FontFace(emphasis="BOLD"),
            line_height=6,
        ) as table:
            table.row(["Movement", "Reps", "Sets", "Sessions a day"])
            for prescription in recommendation.prescriptions:
                movement = names.get(prescription.movement_id)
                table.row(
                    [
                        clean(movement.name if movement else prescription.movement_id),
                        str(prescription.reps),
                        str(prescription.sets),
                        str(prescription.sessions_per_day),
                    ]
                )
        lines = [
            f"{names[p.movement_id].name if p.movement_id in names else p.movement_id}: "
            f"{p.reps} reps x {p.sets} set{'s' if p.sets > 1 else ''} x {p.sessions_per_day} sessions a day"
            for p in recommendation.prescriptions
        ]
        pdf.ln(1)
        bullets(lines)
    else:
        paragraph("No movements today.")

    advice = daily_advice(recommendation)
    heading("Do today")
    bullets(advice.do)
    heading("Do not")
    bullets(advice.dont)
    heading("Why")
    bullets(recommendation.reasons)

    heading("Pain trend")
    if daily is None or daily.empty:
        paragraph("No check-ins in the diary yet.")
    else:
        shown = daily.tail(TREND_DAYS_SHOWN)
        _pain_line(pdf, shown)
        pdf.set_font(family, "", 9)
        with pdf.table(
            col_widths=(40, 30, 30, 30, 30),
            text_align="CENTER",
            headings_style=FontFace(emphasis="BOLD"),
            line_height=5,
        ) as table:
            table.row(["Day", "Check-ins", "Mean pain", "Worst pain", "7-day mean"])
            for day, check_ins, mean_pain, max_pain, rolling_mean in zip(
                shown["date"],
                shown["check_ins"],
                shown["mean_pain"],
                shown["max_pain"],
                shown["rolling_mean"],
                strict=True,
            ):
                table.row(
                    [
                        pd.Timestamp(day).strftime("%a %d %b %Y"),
                        str(int(check_ins)),
                        f"{float(mean_pain):.1f}",
                        str(int(max_pain)),
                        f"{float(rolling_mean):.1f}",
                    ]
                )
    return bytes(pdf.output())


def _pdf_font(pdf: Any) -> tuple[str, Any]:
    """DejaVu (any script) when installed; otherwise a core font with text reduced to Latin-1."""
    regular, bold = DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu", _printable
    return "Helvetica", _latin1


def _printable(text: str) -> str:
    return "".join(character for character in text if character.isprintable() or character == "\n")


def _latin1(text: str) -> str:
    import unicodedata

    replaced = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
    text = "".join(replaced.get(character, character) for character in _printable(text))
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("latin-1", "replace").decode("latin-1")


def _pain_line(pdf: Any, daily: pd.DataFrame) -> None:
    """A small drawn chart: daily mean pain (thin) and the 7-day mean (thick) on the 0-10 scale."""
    left, width, height = pdf.l_margin + 10, pdf.epw - 10, 40
    if pdf.will_page_break(height + 10):
        pdf.add_page()
    top = pdf.get_y() + 2
    bottom = top + height
    pdf.set_draw_color(160, 160, 160)
    pdf.set_line_width(0.2)
    pdf.set_font_size(7)
    for level in (0, 5, 10):
        y = bottom - height * level / 10
        pdf.line(left, y, left + width, y)
        pdf.text(left - 6, y + 1, str(level))
    count = len(daily)

    def x_of(index: int) -> float:
        return float(left + (width * index / (count - 1) if count > 1 else width / 2))

    for column, line_width, colour in (
        ("mean_pain", 0.3, (31, 111, 92)),
        ("rolling_mean", 0.9, (34, 34, 34)),
    ):
        points = [(x_of(i), bottom - height * float(value) / 10) for i, value in enumerate(daily[column])]
        pdf.set_draw_color(*colour)
        pdf.set_line_width(line_width)
        if len(points) == 1:
            pdf.circle(points[0][0], points[0][1], 1)
        for start, end in itertools.pairwise(points):
            pdf.line(start[0], start[1], end[0], end[1])
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_y(bottom + 4)
    pdf.set_font_size(8)
    pdf.cell(0, 4, "Thin line: daily mean pain. Thick line: 7-day mean. Scale 0 (none) to 10 (worst).")
    pdf.ln(6)


# ---- reminders as iCalendar -------------------------------------------------------------------

MAX_REMINDER_DAYS = 366
SESSION_MINUTES = 20
REMINDER_MINUTES_BEFORE = 10


def reminders_ics(
    start: date,
    days: int,
    *,
    times: Sequence[time] = (time(8), time(13), time(18)),
    tz: str = "UTC",
    site_name: str = "Back in Action",
) -> bytes:
    """A calendar file with one event per rehab session per day, each with a reminder before it."""
    from icalendar import Alarm, Calendar, Event

    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_REMINDER_DAYS:
        raise InvalidInput(
            f"field 'days': must be a whole number from 1 to {MAX_REMINDER_DAYS}, got {days!r}"
        )
    if not times or len(times) > SESSIONS_PER_DAY or not all(isinstance(t, time) for t in times):
        raise InvalidInput(f"field 'times': give from 1 to {SESSIONS_PER_DAY} session times")
    if len(set(times)) != len(times):
        raise InvalidInput("field 'times': two sessions are at the same time")
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"field 'tz': {tz!r} is not a known time zone (like Europe/London)") from None

    calendar = Calendar()
    calendar.add("prodid", f"-//{site_name}//Rehab reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{site_name}: rehab sessions")
    stamp = datetime.now(UTC)
    ordered = sorted(times)
    for offset in range(days):
        day = start + timedelta(days=offset)
        for number, moment in enumerate(ordered, start=1):
            event = Event()
            # Stable ids: downloading the file again updates these events instead of doubling them.
            event.add("uid", f"{day.isoformat()}-session-{number}@back-in-action")
            event.add("dtstamp", stamp)
            event.add("dtstart", datetime.combine(day, moment.replace(tzinfo=None), tzinfo=zone))
            event.add("duration", timedelta(minutes=SESSION_MINUTES))
            event.add("summary", f"Rehab session {number} of {len(ordered)}")
            event.add(
                "description",
                "Today's plan from your check-in: each movement for the reps and sets it gives. "
                f"Stop any movement that causes pain above {TOLERATED_MAX_PAIN}.",
            )
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Rehab session {number} in {REMINDER_MINUTES_BEFORE} minutes")
            alarm.add("trigger", timedelta(minutes=-REMINDER_MINUTES_BEFORE))
            event.add_component(alarm)
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
