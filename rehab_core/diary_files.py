"""Diary files: the diary as CSV and JSON (lossless, spreadsheet-safe) and read back all or nothing."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import PurePath
from typing import Any

from rehab_core.catalogue import movements
from rehab_core.diary import (
    ASSESSMENT,
    CHECK_IN,
    FILE_DEFAULTS,
    FILE_FIELDS,
    MAX_RETIRED_RATINGS,
    NOTE_MAX_CHARS,
    REQUIRED_FILE_FIELDS,
    WHOLE_NUMBER_FIELDS,
    YES_NO_FIELDS,
    CheckIn,
    FieldProblem,
    fields_of,
    is_retired_movement_id,
    problems,
    retired_ratings,
)
from rehab_core.errors import InvalidInput, short_repr

MAX_IMPORT_BYTES = 5 * 1024 * 1024
# More than 45 years of three check-ins a day; a longer file is refused before it is read whole.
MAX_IMPORT_ROWS = 50_000
# How far past now a check-in's time may be: a day covers every time zone's today.
FUTURE_LEEWAY = timedelta(days=1)
# An import names its first problems word for word and counts the rest: enough to fix a file,
# never a message of megabytes.
MAX_PROBLEMS_SHOWN = 50
MAX_PROBLEM_CHARS = 300
JSON_FORMAT = "back-in-action-diary"
# Version 2 added `new_warning_sign`, version 3 `kind`, `background_signs` and `cleared_on`; older
# files (without them) still import.
JSON_VERSION = 3
JSON_VERSIONS_READ: frozenset[int] = frozenset({1, 2, 3})
JSON_TOP_LEVEL_KEYS: tuple[str, ...] = ("format", "version", "check_ins")
# A diary document is {"check_ins": [{"movement_pain": {}}]}: three levels; anything much deeper
# is not a diary, and Python's parser would run out of stack on it.
MAX_JSON_DEPTH = 8
# A check-in has 9 fields and at most one rating per movement; no object of a diary has more keys.
MAX_JSON_OBJECT_KEYS = 32
# More values than any diary file within MAX_IMPORT_BYTES holds (each value takes at least its key,
# quotes and comma, about 8 bytes); counted before the file is parsed, so that parsing a flood
# of tiny values cannot cost hundreds of megabytes.
MAX_JSON_VALUES = 600_000
# Columns of the CSV file, in order: every field of a check-in but its movement ratings, then one
# optional column per movement for its rating (the rise in pain it brought on). `id` may be left
# empty in a file typed by hand.
CSV_FIXED_COLUMNS: tuple[str, ...] = tuple(name for name in FILE_FIELDS if name != "movement_pain")
MOVEMENT_COLUMN_PREFIX = "movement_pain:"
# Room for a few columns a spreadsheet adds (they are refused by name, not by count).
_SPARE_COLUMNS = 5
# A spreadsheet runs a cell that starts with one of these as a formula. Export puts an apostrophe
# in front, also in front of apostrophes that precede one ("'=x" is written "''=x"), so import
# can tell the apostrophe it added from one the person typed ("'tis" stays "'tis").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
# Ids of rows typed without one are made from the row itself, so importing the file again matches them.
_DERIVED_ID_NAMESPACE = uuid.UUID("6f1d2b1e-8a43-4c55-9d1e-4b2f5a7c9e10")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")
# Python reads at most 6 decimals of a second (microseconds) and drops the rest without a word.
_TOO_PRECISE_SECONDS = re.compile(r"[.,][0-9]{7,}")
_ALL_BUT_JSON_STRUCTURE = bytes(sorted(set(range(256)) - set(b'"[]{},')))
_OBJECT_OPENER = ord("{")
# How much of a JSON file's structure the pre-check splits at a time (bounds its objects).
_SKELETON_SLICE = 64 * 1024
_OPENERS, _CLOSERS = frozenset(b"[{"), frozenset(b"]}")
_LOOKS_LIKE_JSON = re.compile(r"\s*[\[{]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A diary file's header names at most _max_csv_columns() columns of a few dozen characters each.
MAX_HEADER_CHARS = 16 * 1024
# The csv module refuses a cell over 128 KiB as an unreadable file. Allow any cell an upload can
# hold, so an overlong note reaches the note's own check and is named by row and field.
csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))


class ImportProblems(InvalidInput):
    """An import was refused and nothing was changed.

    `problems` holds the first MAX_PROBLEMS_SHOWN problems, each naming its row and field and cut
    to MAX_PROBLEM_CHARS; `total` counts all that were found; the message lists the shown ones
    and "and N more".
    """

    def __init__(self, problems: Sequence[str], *, total: int | None = None) -> None:
        self.problems = tuple(_clip(problem) for problem in problems[:MAX_PROBLEMS_SHOWN])
        self.total = max(len(problems), total or 0)
        heading = (
            f"Nothing was imported: the file has {self.total:,} problem{'' if self.total == 1 else 's'}."
        )
        more = self.total - len(self.problems)
        lines = [heading, *self.problems, *([f"and {more:,} more"] if more else [])]
        super().__init__("\n".join(lines))


def _clip(problem: str) -> str:
    return problem if len(problem) <= MAX_PROBLEM_CHARS else problem[: MAX_PROBLEM_CHARS - 3] + "..."


class _ProblemLog:
    """The problems found so far: the first ones word for word, every one counted."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.count = 0

    def add(self, problem: str) -> None:
        self.count += 1
        if len(self.shown) < MAX_PROBLEMS_SHOWN:
            self.shown.append(_clip(problem))

    def __bool__(self) -> bool:
        return self.count > 0

    def refusal(self, first: str | None = None) -> ImportProblems:
        """ImportProblems for what was found, after `first` (a file-level problem) when given."""
        if first is None:
            return ImportProblems(self.shown, total=self.count)
        return ImportProblems([first, *self.shown], total=self.count + 1)


# ---- CSV and JSON out -------------------------------------------------------------------------


def _movement_columns(check_ins: Sequence[CheckIn]) -> list[str]:
    ids = [movement.id for movement in movements()]
    extra = sorted({key for check_in in check_ins for key in check_in.movement_pain} - set(ids))
    return [MOVEMENT_COLUMN_PREFIX + movement_id for movement_id in [*ids, *extra]]


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: an apostrophe before a formula-like start."""
    if cell.lstrip(ESCAPE).startswith(FORMULA_STARTS):
        return ESCAPE + cell
    return cell


def restore(cell: str) -> str:
    """Undo neutralise(): drop the apostrophe it added, and only that one."""
    if cell.startswith(ESCAPE) and cell.lstrip(ESCAPE).startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _file_entry(check_in: CheckIn) -> dict[str, Any]:
    """The check-in as a file holds it: every field but the owner, the time as ISO 8601 text."""
    entry = {name: value for name, value in fields_of(check_in).items() if name in FILE_FIELDS}
    entry["at"] = check_in.at.isoformat()
    entry["movement_pain"] = dict(check_in.movement_pain)
    entry["background_signs"] = list(check_in.background_signs)
    entry["cleared_on"] = None if check_in.cleared_on is None else check_in.cleared_on.isoformat()
    return entry


def _csv_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)  # warning sign ids hold no spaces
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
    """The diary as JSON, one check-in a line (compact, so a long diary still fits one file); re-imports."""
    head = json.dumps({"format": JSON_FORMAT, "version": JSON_VERSION}, ensure_ascii=False)[:-1]
    lines = ",\n".join(
        json.dumps(_file_entry(check_in), ensure_ascii=False, separators=(",", ":")) for check_in in check_ins
    )
    return f'{head}, "check_ins": [\n{lines}\n]}}\n'.encode()


# ---- How much one diary may hold --------------------------------------------------------------
# A diary never holds more than one of its own files can carry, so that every export imports again
# (here, or into another copy of the app): at most MAX_IMPORT_ROWS check-ins, and each of its files
# within MAX_IMPORT_BYTES. The stores refuse a save or an import that would break this.

# The most bytes a check-in's fields take in either file besides its texts (its note, ratings and
# signs): the JSON keys and punctuation, the longest id, time, numbers and words.
_ROW_BYTES_BEYOND_TEXTS = 400
# A character takes at most 6 bytes in either file (JSON writes a tab as "\t", CSV doubles a quote,
# UTF-8 takes up to 4).
_BYTES_PER_CHAR = 6


def _bytes_bound(check_ins: Sequence[CheckIn]) -> int:
    """At least the size of the larger of the two files, cheaply (no file is made)."""
    columns = {key for check_in in check_ins for key in check_in.movement_pain} | {
        movement.id for movement in movements()
    }
    header = 1000 + sum(_BYTES_PER_CHAR * len(key) + len(MOVEMENT_COLUMN_PREFIX) + 1 for key in columns)
    per_row = _ROW_BYTES_BEYOND_TEXTS + 3 * len(columns)  # CSV: a comma and at most a two-digit rating
    texts = sum(
        _BYTES_PER_CHAR
        * (
            len(check_in.note)
            + sum(map(len, check_in.movement_pain))
            + sum(map(len, check_in.background_signs))
        )
        + 8 * (len(check_in.movement_pain) + len(check_in.background_signs))
        for check_in in check_ins
    )
    return header + per_row * len(check_ins) + texts


def export_problem(check_ins: Sequence[CheckIn]) -> str | None:
    """Why a diary of these check-ins could not be imported again from its own files; None if it could."""
    count = len(check_ins)
    if count > MAX_IMPORT_ROWS:
        return (
            f"it would hold {count:,} check-ins, more than the {MAX_IMPORT_ROWS:,} one diary file can carry"
        )
    if _bytes_bound(check_ins) <= MAX_IMPORT_BYTES:
        return None
    largest = max(len(to_csv(check_ins)), len(to_json(check_ins)))
    if largest <= MAX_IMPORT_BYTES:
        return None
    return (
        f"its export would be {largest / 2**20:.1f} MB, more than the {MAX_IMPORT_BYTES // 2**20} MB "
        "one diary file may have"
    )


# ---- CSV and JSON in --------------------------------------------------------------------------


def parse_import(data: bytes, filename: str, owner: str) -> list[CheckIn]:
    """The check-ins of an exported (or hand-made) CSV or JSON file, all of them or ImportProblems.

    Whatever the file holds, this takes bounded time and memory: files over MAX_IMPORT_BYTES or
    MAX_IMPORT_ROWS, too many columns and too deep JSON are refused before anything is built, and
    the problems reported are the first MAX_PROBLEMS_SHOWN with a count of the rest.
    """
    name = PurePath(filename).name or "the file"
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportProblems(
            [
                f"file {short_repr(name)}: it is larger than the {MAX_IMPORT_BYTES // 2**20} MB "
                "limit for a diary file"
            ]
        )
    suffix = PurePath(filename).suffix.lower()
    if suffix not in {".csv", ".json", ".txt", ""}:
        raise ImportProblems([f"file {short_repr(name)}: only .csv and .json diary files can be imported"])
    text = _decode(data, name)
    if not text or text.isspace():
        raise ImportProblems([f"file {short_repr(name)}: it is empty"])
    is_json = suffix == ".json" or (suffix != ".csv" and _LOOKS_LIKE_JSON.match(text) is not None)
    log = _ProblemLog()
    rows = _json_rows(data, text, name, log) if is_json else _csv_rows(text, name, log)
    check_ins = _check_ins_from_rows(rows, owner, log)
    if log:
        raise log.refusal()
    return check_ins


def _decode(data: bytes, name: str) -> str:
    utf16 = (
        f"file {short_repr(name)}: it is saved as UTF-16; "
        "save it as 'CSV UTF-8' (or UTF-8 text) and try again"
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportProblems([utf16])
    # Without a byte-order mark, UTF-16 shows itself by its zero bytes: every other byte of
    # ordinary text. UTF-8 text has none (a stray one is reported as a control character).
    sample = data[:4096]
    if sample.count(0) > len(sample) // 4:
        raise ImportProblems([utf16])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportProblems(
            [
                f"file {short_repr(name)}: not UTF-8 text (unreadable byte at position {error.start:,}); "
                "save it as 'CSV UTF-8' and try again"
            ]
        ) from None


class _Unreadable(Exception):  # noqa: N818  # carries a problem, not a failure
    """A cell that cannot become its field's value; the message says why."""


# A row read from a file: its number for messages, its fields as found (text where a cell could
# not be read), and the fields whose problems were already reported while reading.
_Row = tuple[int, dict[str, Any], frozenset[str]]


def _too_many_rows(name: str) -> str:
    return (
        f"file {short_repr(name)}: it holds more than {MAX_IMPORT_ROWS:,} check-ins, the most a "
        "diary file may hold; split it into smaller files and import each"
    )


def _csv_readers() -> dict[str, Callable[[str], Any]]:
    """How the text of each fixed CSV column becomes a field value; text columns are absent."""
    readers: dict[str, Callable[[str], Any]] = {"at": _parse_at}
    readers |= {name: _csv_number for name in WHOLE_NUMBER_FIELDS}
    readers |= {name: _csv_bool for name in YES_NO_FIELDS}
    readers |= {"background_signs": _csv_signs, "cleared_on": _read_day}
    return readers


def _csv_signs(cell: str) -> tuple[str, ...]:
    return tuple(cell.split())


def _read_day(value: object) -> date | object | None:
    """An ISO date as a date, empty as None; other values as they are, for the check to name."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise _Unreadable(f"{short_repr(value)} is not a date; write it like 2025-03-01") from None
    return value


def _with_defaults(fields: dict[str, Any]) -> dict[str, Any]:
    """A row's fields with what an older file leaves out: the kind it had then, no signs, no check."""
    for name, default in FILE_DEFAULTS.items():
        fields.setdefault(name, default)
    if "kind" not in fields:
        # Before kinds, the plan came from the latest entry that rated a movement.
        fields["kind"] = ASSESSMENT if fields["movement_pain"] else CHECK_IN
    return fields


def _max_csv_columns() -> int:
    return len(CSV_FIXED_COLUMNS) + len(movements()) + MAX_RETIRED_RATINGS + _SPARE_COLUMNS


def _csv_header(text: str, name: str) -> tuple[list[str], str]:
    """The first record of the CSV text (its header) and the delimiter, read from a bounded prefix.

    The header is the first *record*, not the first line: a quoted cell may hold a line break, and
    lines may end in CR alone. It is parsed from the first MAX_HEADER_CHARS characters only, so a
    header of millions of cells is refused, by its count, without making them.
    """
    head = text[:MAX_HEADER_CHARS]
    first_line = _LINE_BREAK.split(head, maxsplit=1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    source = io.StringIO(head, newline="")
    cut = len(head) < len(text)
    try:
        header = next(csv.reader(source, delimiter=delimiter, strict=True), [])
    except csv.Error as error:
        if cut:  # the prefix ended inside a quoted cell
            raise ImportProblems([_header_too_long()]) from None
        raise ImportProblems([f"row 1: not readable as CSV ({short_repr(str(error))})"]) from None
    ended = source.tell() < len(head) or head.endswith(("\n", "\r")) or not cut
    if len(header) > _max_csv_columns():
        raise ImportProblems(
            [
                f"row 1: the header has {'at least ' if not ended else ''}{len(header):,} columns, "
                f"but a diary file has at most {_max_csv_columns()} ({', '.join(CSV_FIXED_COLUMNS)} "
                f"and one {MOVEMENT_COLUMN_PREFIX}<movement id> per movement)"
            ]
        )
    if not ended:
        raise ImportProblems([_header_too_long()])
    return [cell.strip() for cell in header], delimiter


def _header_too_long() -> str:
    return (
        f"row 1: the header runs past its first {MAX_HEADER_CHARS:,} characters; a diary file's "
        f"header is one line that names its columns ({', '.join(CSV_FIXED_COLUMNS)} and one "
        f"{MOVEMENT_COLUMN_PREFIX}<movement id> per movement)"
    )


def _overlong_line_problem(text: str, delimiter: str) -> str | None:
    """A line with more separators than any check-in row can hold, named, before csv splits it.

    The csv module makes every cell of a record before its length can be checked: one line of
    a million cells would cost a hundred megabytes. A row holds one cell per column and its note
    can hold at most NOTE_MAX_CHARS separators, so a line with more than both is never a row.
    """
    limit = _max_csv_columns() + NOTE_MAX_CHARS
    pattern = _overlong_line_pattern(delimiter, limit)
    found = pattern.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + text.count("\r", 0, found.start()) + 1
    line -= text.count("\r\n", 0, found.start())
    return (
        f"line {line:,}: holds more than {limit:,} {delimiter!r} separators; a check-in row has "
        f"at most {_max_csv_columns()} cells and a note at most {NOTE_MAX_CHARS:,} characters"
    )


@functools.cache
def _overlong_line_pattern(delimiter: str, limit: int) -> re.Pattern[str]:
    # Anchored at line starts, and the cell class excludes the separator: linear in the text.
    cell = f"[^\\r\\n{re.escape(delimiter)}]*+{re.escape(delimiter)}"
    return re.compile(f"(?:\\A|(?<=[\\r\\n]))(?:{cell}){{{limit + 1}}}")


def _csv_rows(text: str, name: str, log: _ProblemLog) -> Iterator[_Row]:
    header, delimiter = _csv_header(text, name)
    overlong = _overlong_line_problem(text, delimiter)
    if overlong is not None:
        raise ImportProblems([overlong])
    line_breaks = max(text.count("\n"), text.count("\r"))
    if line_breaks > MAX_IMPORT_ROWS and _csv_records(text, delimiter) > MAX_IMPORT_ROWS + 1:
        raise ImportProblems([_too_many_rows(name)])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    next(reader, [])  # the header, read above
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
    # Row numbers are the spreadsheet's: the header is row 1, the first check-in row 2.
    number, rows_read = 1, 0
    try:
        for record in reader:
            number += 1
            if not "".join(record).strip():
                continue  # blank lines, and the empty rows spreadsheets leave at the end
            rows_read += 1
            if rows_read > MAX_IMPORT_ROWS:
                raise log.refusal(_too_many_rows(name))
            if len(record) != len(header):
                log.add(f"row {number}: has {len(record):,} cells, but the header has {len(header)}")
                continue
            fields: dict[str, Any] = {}
            reported: set[str] = set()
            for index, column, read in fixed:
                cell = restore(record[index])
                try:
                    fields[column] = cell if read is None else read(cell)
                except _Unreadable as problem:
                    log.add(f"row {number}, field {column!r}: {problem}")
                    fields[column] = cell
                    reported.add(column)
            fields["movement_pain"] = {
                movement_id: _csv_number(restore(record[index]))
                for index, movement_id in rated
                if record[index].strip()
            }
            yield number, _with_defaults(fields), frozenset(reported)
    except csv.Error as error:
        log.add(f"row {number}: not readable as CSV ({short_repr(str(error))}); nothing after it was read")


def _csv_records(text: str, delimiter: str) -> int:
    """How many records that are not blank the CSV text holds (up to the first unreadable one)."""
    count = 0
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            count += any(cell.strip() for cell in record)
    except csv.Error:
        pass  # the reading pass names the row
    return count


def _header_problems(header: list[str]) -> list[str]:
    found: list[str] = []
    known_movements = {movement.id for movement in movements()}
    seen: set[str] = set()
    for column in header:
        if column in seen:
            found.append(f"row 1: the column {short_repr(column)} appears twice")
        seen.add(column)
        if column.startswith(MOVEMENT_COLUMN_PREFIX):
            movement_id = column.removeprefix(MOVEMENT_COLUMN_PREFIX)
            # A movement taken out of the library since: its ratings are checked row by row.
            if movement_id not in known_movements and not is_retired_movement_id(movement_id):
                found.append(
                    f"row 1: column {short_repr(column)} names an unknown movement {short_repr(movement_id)}"
                )
        elif column not in CSV_FIXED_COLUMNS:
            found.append(
                f"row 1: unknown column {short_repr(column)}; allowed are {', '.join(CSV_FIXED_COLUMNS)} "
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
    """An ISO 8601 text as a datetime; other values as they are, for the check to name."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _TOO_PRECISE_SECONDS.search(text):
        raise _Unreadable(
            f"{short_repr(text)} gives seconds to more than 6 decimal places; the diary keeps "
            "times to the microsecond, so round it to 6 places"
        )
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return value


class _RepeatedKeys(dict[str, Any]):
    """A JSON object in which some keys appeared more than once (json keeps only the last)."""

    repeated: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    repeated: list[str] = []
    for key, _ in pairs:
        if key in seen:
            repeated.append(key)
        seen.add(key)
    marked = _RepeatedKeys(result)
    marked.repeated = tuple(dict.fromkeys(repeated))
    return marked


def _json_shape_problem(data: bytes) -> str | None:
    """Why the JSON cannot be a diary, judged from its brackets and commas before it is parsed.

    Escaped backslashes and quotes are taken out first, then everything but quotes and structure
    (all ASCII, so this works on the UTF-8 bytes), then what lies between quotes. What is left
    is the structure outside strings: one pass over it tells how deep the nesting goes and how
    many items each list and object holds, and it stops at the first limit passed.
    """
    quoted = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _ALL_BUT_JSON_STRUCTURE)
    if quoted.count(b'"') > 4 * MAX_JSON_VALUES:
        return f"it holds more text values than a diary file of {MAX_IMPORT_BYTES // 2**20} MB can hold"
    # What lies outside strings, gathered a slice at a time: splitting the whole text at once
    # would make an object per string (a file of `""[]` repeated made 2.4 million of them).
    skeleton = bytearray()
    in_string = False
    commas = 0
    for start in range(0, len(quoted), _SKELETON_SLICE):
        pieces = quoted[start : start + _SKELETON_SLICE].split(b'"')
        outside = b"".join(pieces[1 if in_string else 0 :: 2])
        in_string = in_string != (len(pieces) % 2 == 0)
        del pieces
        commas += outside.count(b",")
        skeleton += outside
        if commas + 1 > MAX_JSON_VALUES:
            return f"it holds more values than a diary file of {MAX_IMPORT_BYTES // 2**20} MB can hold"
        if len(skeleton) - commas > 4 * MAX_IMPORT_ROWS + 4:
            return "it holds far more lists and objects than a diary file has"
    del quoted
    # For each list or object still open: whether it is an object, and its items so far.
    open_items: list[list[int]] = []
    for byte in skeleton:
        if byte in _OPENERS:
            open_items.append([byte == _OBJECT_OPENER, 1])
            if len(open_items) > MAX_JSON_DEPTH:
                return f"its JSON is nested more than {MAX_JSON_DEPTH} levels deep; a diary is nested 3 deep"
        elif byte in _CLOSERS:
            if not open_items:
                return None  # not well formed: the parser says where
            open_items.pop()
        elif open_items:
            innermost = open_items[-1]
            innermost[1] += 1
            if innermost[0] and innermost[1] > MAX_JSON_OBJECT_KEYS:
                return (
                    f"an object in it has more than {MAX_JSON_OBJECT_KEYS} keys; "
                    f"a check-in has {len(FILE_FIELDS)}"
                )
            if not innermost[0] and innermost[1] > MAX_IMPORT_ROWS:
                return (
                    f"a list in it holds more than {MAX_IMPORT_ROWS:,} entries, more than the "
                    f"{MAX_IMPORT_ROWS:,} check-ins a diary file may hold"
                )
    return None


def _json_document(data: bytes, text: str, name: str) -> Any:
    shape = _json_shape_problem(data)
    if shape is not None:
        raise ImportProblems([f"file {short_repr(name)}: not a diary: {shape}"])
    try:
        return json.loads(text, object_pairs_hook=_json_object)
    except RecursionError:
        raise ImportProblems(
            [f"file {short_repr(name)}: not a diary: its JSON is nested far too deeply"]
        ) from None
    except json.JSONDecodeError as error:
        raise ImportProblems([f"file {short_repr(name)}: not valid JSON: {_json_mistake(error)}"]) from None
    except ValueError as error:
        reason = "a number in it is far too long" if "digits" in str(error) else "it cannot be read"
        raise ImportProblems([f"file {short_repr(name)}: not valid JSON ({reason})"]) from None


# json's own messages, said so a person who opens the file in a text editor can find and fix it.
_JSON_MISTAKES = (
    ("Unterminated string", "a text in quotes is not closed"),
    ("Expecting ',' delimiter", "a comma is missing"),
    ("Expecting ':' delimiter", "a colon is missing after a name"),
    ("Expecting property name", "a name is not in double quotes, or a comma is left over"),
    ("Expecting value", "a value is missing, or the file ends too soon"),
    ("Extra data", "there is more after the end of the diary"),
    ("Invalid control character", "a line break or tab sits inside a text in quotes"),
)


def _json_mistake(error: json.JSONDecodeError) -> str:
    what = next((words for start, words in _JSON_MISTAKES if error.msg.startswith(start)), None)
    where = f"line {error.lineno}, character {error.colno}"
    if what is None:
        return f"the file has a mistake at {where}, or was not saved as JSON"
    return f"{what} (at {where}). Was the file changed by hand?"


def _json_entries(document: Any, name: str) -> list[Any]:
    """The list of check-ins: a diary export's, checked for format and version, or a bare list."""
    where = f"file {short_repr(name)}"
    if isinstance(document, list):
        return document  # a list typed by hand
    if not isinstance(document, dict):
        raise ImportProblems([f'{where}: not a diary: expected an object with a "check_ins" list'])
    found = [f"{where}: the key {short_repr(key)} appears twice" for key in getattr(document, "repeated", ())]
    found.extend(
        f"{where}: unknown key {short_repr(key)}; a diary has {', '.join(JSON_TOP_LEVEL_KEYS)}"
        for key in document
        if key not in JSON_TOP_LEVEL_KEYS
    )
    if document.get("format") != JSON_FORMAT:
        found.append(
            f'{where}: "format" must be "{JSON_FORMAT}", got {short_repr(document.get("format"))}; '
            "is this a diary exported from this app?"
        )
    version = document.get("version")
    if isinstance(version, bool) or version not in JSON_VERSIONS_READ:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > JSON_VERSION
        found.append(
            f'{where}: "version" must be one of {", ".join(map(str, sorted(JSON_VERSIONS_READ)))}, '
            f"got {short_repr(version)}"
            + ("; it was made by a newer version of the app: update this one" if newer else "")
        )
    entries = document.get("check_ins")
    if not isinstance(entries, list):
        found.append(f'{where}: "check_ins" must be a list of check-ins, got {short_repr(entries)}')
    if found:
        raise ImportProblems(found)
    assert isinstance(entries, list)
    return entries


def _json_rows(data: bytes, text: str, name: str, log: _ProblemLog) -> Iterator[_Row]:
    entries = _json_entries(_json_document(data, text, name), name)
    if len(entries) > MAX_IMPORT_ROWS:
        raise ImportProblems([_too_many_rows(name)])
    allowed = set(FILE_FIELDS)
    # Row numbers count the check-ins in the list from 1.
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            log.add(f"row {number}: must be an object of fields, got {type(entry).__name__}")
            continue
        before = log.count
        for key in getattr(entry, "repeated", ()):
            log.add(f"row {number}, field {short_repr(key)}: given twice; keep one")
        for key in getattr(entry.get("movement_pain"), "repeated", ()):
            log.add(f"row {number}, field 'movement_pain': {short_repr(key)} is rated twice; keep one")
        for key in entry:
            if key not in allowed:
                log.add(f"row {number}, field {short_repr(key)}: unknown field")
        for key in REQUIRED_FILE_FIELDS:
            if key not in entry:
                log.add(f"row {number}, field {key!r}: is missing")
        if log.count > before:
            continue
        fields = _with_defaults(dict(entry))
        fields.setdefault("id", "")
        if isinstance(fields["background_signs"], list):
            fields["background_signs"] = tuple(fields["background_signs"])
        try:
            fields["at"] = _parse_at(fields["at"])
            fields["cleared_on"] = _read_day(fields["cleared_on"])
        except _Unreadable as problem:
            log.add(
                f"row {number}, field {'at' if isinstance(fields['at'], str) else 'cleared_on'}: {problem}"
            )
            continue
        yield number, fields, frozenset()


def _derived_id(fields: Mapping[str, Any]) -> str:
    # Made from what the row says. Fields a file made before them would not have, left at their
    # defaults, are left out, so such a file keeps the ids it was given then.
    said = {
        key: value
        for key, value in fields.items()
        if key not in ("id", "kind") and not (key in FILE_DEFAULTS and key != "movement_pain" and not value)
    }
    at = said["at"]
    if isinstance(at, datetime):
        said["at"] = at.isoformat()
    canonical = json.dumps(said, sort_keys=True, default=str)
    return uuid.uuid5(_DERIVED_ID_NAMESPACE, canonical).hex


def _check_ins_from_rows(rows: Iterator[_Row], owner: str, log: _ProblemLog) -> list[CheckIn]:
    check_ins: list[CheckIn] = []
    first_row_of_id: dict[str, int] = {}
    # A diary records what happened: a check-in later than tomorrow, anywhere on Earth, is a mistake.
    latest = datetime.now(UTC) + FUTURE_LEEWAY
    for number, fields, reported in rows:
        made_by_hand = isinstance(fields.get("id", ""), str) and not fields.get("id", "").strip()
        if made_by_hand:
            fields["id"] = _derived_id(fields)
        check_in = CheckIn(owner=owner, **fields)
        row_problems = [problem for problem in problems(check_in) if problem.field not in reported]
        if made_by_hand and not row_problems:
            # A check-in the app made carries its id, and keeps ratings of movements taken out of
            # the library since; a row typed without one must name movements the library has.
            library = ", ".join(sorted(movement.id for movement in movements()))
            row_problems.extend(
                FieldProblem(
                    "movement_pain",
                    f"{short_repr(movement_id)} is not a movement in the library; a row without an id "
                    f"must rate movements the library has: {library}",
                )
                for movement_id in retired_ratings(check_in)
            )
        at = check_in.at
        if not row_problems and "at" not in reported and isinstance(at, datetime) and at > latest:
            row_problems.append(
                FieldProblem("at", f"{at.isoformat()} is in the future: a diary holds what has happened")
            )
        for problem in row_problems:
            log.add(f"row {number}, {problem}")
        if row_problems or reported:
            continue
        if check_in.id in first_row_of_id:
            log.add(f"row {number}, field 'id': the same id as row {first_row_of_id[check_in.id]}")
            continue
        first_row_of_id[check_in.id] = number
        # Once the file has failed nothing will be imported: keep checking, stop keeping.
        if not log:
            check_ins.append(check_in)
    return check_ins
