"""Imports of any file an upload can carry finish in bounded time and memory, with a bounded answer."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab_core import CheckIn, InvalidInput, movements, parse_import
from rehab_core.diary import NOTE_MAX_CHARS
from rehab_core.diary_files import (
    CSV_FIXED_COLUMNS,
    MAX_IMPORT_ROWS,
    MAX_PROBLEM_CHARS,
    MAX_PROBLEMS_SHOWN,
    ImportProblems,
    _max_csv_columns,
)
from tests.hostile_imports import WORST_FILES, measure

# Over what the process held before the import; the biggest file is 5 MB.
PEAK_GROWTH_LIMIT_MIB = 100
SECONDS_LIMIT = 20
# The heading, the problems shown and "and N more", each line cut.
MESSAGE_LIMIT = 200 + (MAX_PROBLEMS_SHOWN + 1) * (MAX_PROBLEM_CHARS + 1)


@pytest.mark.parametrize("name", list(WORST_FILES))
def test_the_worst_files_import_in_bounded_memory_and_time_with_a_short_answer(
    name: str, tmp_path: Path
) -> None:
    cost = measure(name, tmp_path)
    assert cost.peak_growth_mib < PEAK_GROWTH_LIMIT_MIB, cost
    assert cost.seconds < SECONDS_LIMIT, cost
    assert cost.problems_shown <= MAX_PROBLEMS_SHOWN, cost
    assert cost.message_chars <= MESSAGE_LIMIT, cost


def test_a_file_of_more_check_ins_than_allowed_is_refused_with_the_limit_in_words() -> None:
    header = ",".join(CSV_FIXED_COLUMNS[1:-1])
    rows = "".join(
        f"2020-01-01T00:00:00.{number:06d}+00:00,3,0,false,false,\n" for number in range(MAX_IMPORT_ROWS + 1)
    )
    with pytest.raises(ImportProblems) as raised:
        parse_import(f"{header}\n{rows}".encode(), "d.csv", "owner")
    assert raised.value.problems == (
        f"file 'd.csv': it holds more than {MAX_IMPORT_ROWS:,} check-ins, the most a diary file may "
        "hold; split it into smaller files and import each",
    )


# ---- fuzzing: whatever comes in, the answer is check-ins or a bounded InvalidInput ---------------

MOVEMENT_IDS = [movement.id for movement in movements()]
FILENAMES = st.sampled_from(["d.csv", "d.json", "d.txt", "download", "D.JSON", "x.xlsx"])
COLUMNS = st.sampled_from(
    [
        *CSV_FIXED_COLUMNS,
        *(f"movement_pain:{movement_id}" for movement_id in MOVEMENT_IDS),
        "movement_pain:moonwalk",
        "password",
        "",
        " at ",
    ]
)
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "3",
            "11",
            "-1",
            "true",
            "no",
            "maybe",
            "2025-03-01T08:00:00+00:00",
            "2025-03-01T08:00:00.1234567+00:00",
            "2025-03-01T08:00:00",
            "a" * 32,
            "'=1+1",
            "'tis",
            '"quoted, with comma"',
            '"unclosed',
            "9" * 5000,
            "\u202e",
            "\x85",
            "\x00",
        ]
    ),
    st.text(max_size=20),
)


@st.composite
def near_valid_csv(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(COLUMNS, min_size=1, max_size=12))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 2), max_size=8))
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])), "replace")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
entry_values = {
    "id": st.sampled_from(["a" * 32, "", "x", None]),
    "at": st.sampled_from(["2025-03-01T08:00:00+00:00", "yesterday", "2025-03-01T08:00:00.9999999Z", 5]),
    "pain": st.one_of(st.integers(-2, 12), st.sampled_from([True, "3", 3.0, 10**40])),
    "movement_pain": st.dictionaries(
        st.sampled_from([*MOVEMENT_IDS, "moonwalk"]), st.one_of(st.integers(-1, 11), json_values), max_size=3
    ),
    "sessions_done": st.integers(-1, 4),
    "ice": st.one_of(st.booleans(), json_values),
    "heat": st.booleans(),
    "note": st.one_of(st.text(max_size=30), json_values),
    "new_warning_sign": st.one_of(st.booleans(), json_values),
    "extra": json_values,
}


@st.composite
def near_valid_json(draw: st.DrawFn) -> bytes:
    keys = draw(st.lists(st.sampled_from(sorted(entry_values)), unique=True, max_size=len(entry_values)))
    entries = [{key: draw(entry_values[key]) for key in keys} for _ in range(draw(st.integers(0, 5)))]
    document: object = {
        "format": draw(st.sampled_from(["back-in-action-diary", "other", None])),
        "version": draw(st.sampled_from([1, 2, 3, "2", True])),
        "check_ins": entries,
    }
    if draw(st.booleans()):
        document = entries
    text = json.dumps(document, allow_nan=True)
    if draw(st.booleans()) and '"pain": ' in text:
        text = text.replace('"pain": ', '"pain": 1, "pain": ', 1)  # a repeated key
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["", "]", "{", ",", "\\", '"'])) + text[cut:]
    return text.encode()


def assert_check_ins_or_a_bounded_refusal(data: bytes, filename: str) -> None:
    try:
        result = parse_import(data, filename, "owner")
    except InvalidInput as refused:
        assert isinstance(refused, ImportProblems)
        assert 1 <= len(refused.problems) <= MAX_PROBLEMS_SHOWN
        assert all(len(problem) <= MAX_PROBLEM_CHARS for problem in refused.problems)
        assert len(str(refused)) <= MESSAGE_LIMIT
        assert all(problem.startswith(("row ", "file ")) for problem in refused.problems)
        return
    assert isinstance(result, list) and all(isinstance(check_in, CheckIn) for check_in in result)
    assert all(check_in.owner == "owner" for check_in in result)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), FILENAMES)
def test_random_bytes_give_check_ins_or_a_bounded_refusal(data: bytes, filename: str) -> None:
    assert_check_ins_or_a_bounded_refusal(data, filename)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(near_valid_csv(), FILENAMES)
def test_near_valid_csv_gives_check_ins_or_a_bounded_refusal(data: bytes, filename: str) -> None:
    assert_check_ins_or_a_bounded_refusal(data, filename)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(near_valid_json(), FILENAMES)
def test_near_valid_json_gives_check_ins_or_a_bounded_refusal(data: bytes, filename: str) -> None:
    assert_check_ins_or_a_bounded_refusal(data, filename)


def test_many_bad_rows_give_fifty_problems_and_a_count_however_big_the_file() -> None:
    generator = random.Random(3)
    rows = "".join(
        f"2025-03-01T08:00:00+00:00,{generator.choice(string.ascii_letters)},9,x,y,\n" for _ in range(20_000)
    )
    with pytest.raises(ImportProblems) as raised:
        parse_import(f"at,pain,sessions_done,ice,heat,note\n{rows}".encode(), "d.csv", "owner")
    assert len(raised.value.problems) == MAX_PROBLEMS_SHOWN
    assert raised.value.total > 20_000
    assert f"and {raised.value.total - MAX_PROBLEMS_SHOWN:,} more" in str(raised.value)
    assert len(str(raised.value)) <= MESSAGE_LIMIT


def test_a_file_whose_lines_end_in_cr_alone_imports_like_the_same_file_with_line_feeds() -> None:
    header = ",".join(CSV_FIXED_COLUMNS[1:-1])
    rows = "".join(f"2020-01-0{day}T08:00:00+00:00,{day},0,false,true,day {day}\r" for day in range(1, 6))
    from_cr = parse_import(f"{header}\r{rows}".encode(), "d.csv", "owner")
    from_lf = parse_import(f"{header}\n{rows.replace(chr(13), chr(10))}".encode(), "d.csv", "owner")
    assert [check_in.pain for check_in in from_cr] == [1, 2, 3, 4, 5]
    assert from_cr == from_lf


def test_a_header_cell_holding_a_line_break_is_counted_with_its_record_not_its_first_line() -> None:
    header = '"id\nat",' + ",".join(["pain"] * (_max_csv_columns() + 10))
    with pytest.raises(ImportProblems) as raised:
        parse_import(f"{header}\n".encode(), "d.csv", "owner")
    assert raised.value.problems[0].startswith(
        f"row 1: the header has {_max_csv_columns() + 11} columns, but a diary file has at most"
    )
    assert raised.value.total == 1


def test_a_header_longer_than_any_diary_header_is_refused_by_its_length() -> None:
    header = '"' + "x" * 40_000 + '"'
    with pytest.raises(ImportProblems) as raised:
        parse_import(f"{header}\n".encode(), "d.csv", "owner")
    assert raised.value.problems[0].startswith("row 1: the header runs past its first 16,384 characters")


def test_a_line_of_more_separators_than_any_row_holds_is_named_by_its_line() -> None:
    header = ",".join(CSV_FIXED_COLUMNS[1:-1])
    good = '2020-01-01T08:00:00+00:00,3,0,false,false,"a note, with, commas"\r\n'
    with pytest.raises(ImportProblems) as raised:
        parse_import(f"{header}\r\n{good}{good}{'x,' * 5000}\r\n".encode(), "d.csv", "owner")
    columns = _max_csv_columns()
    assert raised.value.problems == (
        f"line 4: holds more than {columns + NOTE_MAX_CHARS:,} ',' separators; a check-in row has at "
        f"most {columns} cells and a note at most {NOTE_MAX_CHARS:,} characters",
    )
