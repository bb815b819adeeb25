"""Diary files: the diary as CSV and JSON (lossless, spreadsheet-safe) and read back all or nothing."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import PurePath
from typing import Any

from rehab_core.catalogue import movements
from rehab_core.diary import (
    FILE_FIELDS,
    REQUIRED_FILE_FIELDS,
    WHOLE_NUMBER_FIELDS,
    YES_NO_FIELDS,
    CheckIn,
    fields_of,
    problems,
)
from rehab_core.errors import InvalidInput

MAX_IMPORT_BYTES = 5 * 1024 * 1024
JSON_FORMAT = "back-in-action-diary"
JSON_VERSION = 1
# Columns of the CSV file, in order: every field of a check-in but its movement ratings, then one
# optional column per movement for the pain it caused. `id` may be left empty in a file typed by
# hand.
CSV_FIXED_COLUMNS: tuple[str, ...] = tuple(name for name in FILE_FIELDS if name != "movement_pain")
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


def _file_entry(check_in: CheckIn) -> dict[str, Any]:
    """The check-in as a file holds it: every field but the owner, the time as ISO 8601 text."""
    entry = {name: value for name, value in fields_of(check_in).items() if name in FILE_FIELDS}
    entry["at"] = check_in.at.isoformat()
    entry["movement_pain"] = dict(check_in.movement_pain)
    return entry


def _csv_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(check_ins: Sequence[CheckIn]) -> bytes:
    """The diary as CSV (UTF-8 with a BOM so spreadsheets read accents); re-imports to the same diary."""
    columns = [*CSV_FIXED_COLUMNS, *_movement_columns(check_ins)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for check_in in check_ins:
        entry = _file_entry(check_in)
        cells = {name: _csv_text(entry[name]) for name in CSV_FIXED_COLUMNS}
        for movement_id, pain in entry["movement_pain"].items():
            cells[MOVEMENT_COLUMN_PREFIX + movement_id] = str(pain)
        writer.writerow([neutralise(cells.get(column, "")) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")


def to_json(check_ins: Sequence[CheckIn]) -> bytes:
    """The diary as JSON; re-imports to the same diary."""
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "check_ins": [_file_entry(check_in) for check_in in check_ins],
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


def _csv_readers() -> dict[str, Callable[[str], Any]]:
    """How the text of each fixed CSV column becomes a field value; text columns are absent."""
    readers: dict[str, Callable[[str], Any]] = {"at": _parse_at}
    readers |= {name: _csv_number for name in WHOLE_NUMBER_FIELDS}
    readers |= {name: _csv_bool for name in YES_NO_FIELDS}
    return readers


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
    readers = _csv_readers()
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
            width_problems.append(f"row {number}: has {len(record)} cells, but the header has {len(header)}")
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
        f"row 1: the column {column!r} is missing" for column in REQUIRED_FILE_FIELDS if column not in seen
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
    allowed = set(FILE_FIELDS)
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
            f"row {number}, field {key!r}: is missing" for key in REQUIRED_FILE_FIELDS if key not in entry
        )
        if unknown or not all(key in entry for key in REQUIRED_FILE_FIELDS):
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
        check_in = CheckIn(owner=owner, **fields)
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
