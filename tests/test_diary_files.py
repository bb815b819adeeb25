"""Diary files: lossless CSV and JSON round trips, safe spreadsheets, all-or-nothing imports."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab_core import movements
from rehab_core.database import open_engine
from rehab_core.demo import demo_check_ins
from rehab_core.diary import NOTE_MAX_CHARS, SESSIONS_MAX, CheckIn, new_check_in
from rehab_core.diary_files import MAX_IMPORT_BYTES, ImportProblems, parse_import, to_csv, to_json
from rehab_core.store import SqlDiary

MOVEMENT_IDS = [movement.id for movement in movements()]
FORMULA_PREFIXES = ["", "=", "+", "-", "@", "\t", "\r", "'", "'=", "''", "''=", "'tis ", " ="]
# Characters a note may not hold: control characters (C0, DEL, C1) and text-direction controls.
_CONTROL = {
    chr(code)
    for code in [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
}

note_text = st.tuples(
    st.sampled_from(FORMULA_PREFIXES),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(_CONTROL)),
        max_size=60,
    ),
).map(lambda parts: (parts[0] + parts[1])[:NOTE_MAX_CHARS])
moments = st.builds(
    lambda naive, minutes: naive.replace(tzinfo=timezone(timedelta(minutes=minutes))),
    # Past moments only: an import refuses check-ins from the future.
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2025, 12, 30)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
check_ins = st.builds(
    lambda check_in_id, at, pain, ratings, sessions, ice, heat, note, warning: new_check_in(
        "owner",
        at,
        pain,
        movement_pain=ratings,
        sessions_done=sessions,
        ice=ice,
        heat=heat,
        note=note,
        new_warning_sign=warning,
        id=check_in_id,
    ),
    st.uuids().map(lambda value: value.hex),
    moments,
    st.integers(0, 10),
    st.dictionaries(st.sampled_from(MOVEMENT_IDS), st.integers(0, 10), max_size=4),
    st.integers(0, SESSIONS_MAX),
    st.booleans(),
    st.booleans(),
    note_text,
    st.booleans(),
)
diaries = st.lists(check_ins, max_size=6, unique_by=lambda check_in: check_in.id)


@settings(max_examples=120, deadline=None)
@given(diaries)
def test_any_valid_diary_survives_a_csv_round_trip(diary: list[CheckIn]) -> None:
    assert parse_import(to_csv(diary), "diary.csv", "owner") == diary


@settings(max_examples=120, deadline=None)
@given(diaries)
def test_any_valid_diary_survives_a_json_round_trip(diary: list[CheckIn]) -> None:
    assert parse_import(to_json(diary), "diary.json", "owner") == diary


@settings(max_examples=60, deadline=None)
@given(diaries)
def test_no_exported_csv_cell_can_start_a_spreadsheet_formula(diary: list[CheckIn]) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(diary).decode("utf-8-sig"), newline="")))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_formula_note_is_written_with_a_leading_apostrophe_and_read_back_without() -> None:
    check_in = new_check_in(
        "owner", datetime(2025, 3, 1, 8, tzinfo=UTC), 3, note='=HYPERLINK("http://x","y")'
    )
    [header, row] = list(csv.reader(io.StringIO(to_csv([check_in]).decode("utf-8-sig"), newline="")))
    assert row[header.index("note")] == '\'=HYPERLINK("http://x","y")'
    assert parse_import(to_csv([check_in]), "d.csv", "owner")[0].note == '=HYPERLINK("http://x","y")'


def test_the_csv_starts_with_a_bom_and_imports_with_or_without_it() -> None:
    diary = demo_check_ins("owner", today=date(2025, 3, 21))
    exported = to_csv(diary)
    assert exported.startswith(b"\xef\xbb\xbf")
    assert parse_import(exported.removeprefix(b"\xef\xbb\xbf"), "d.csv", "owner") == diary
    assert parse_import(b"\xef\xbb\xbf" + to_json(diary), "d.json", "owner") == diary


def test_imported_check_ins_belong_to_the_importing_owner() -> None:
    diary = demo_check_ins("someone-else", today=date(2025, 3, 21))
    assert {check_in.owner for check_in in parse_import(to_json(diary), "d.json", "me")} == {"me"}


def test_the_format_is_found_from_the_content_when_the_name_does_not_say() -> None:
    diary = demo_check_ins("owner", today=date(2025, 3, 21))
    assert parse_import(to_json(diary), "download", "owner") == diary
    assert parse_import(to_csv(diary), "download.txt", "owner") == diary


HAND_MADE = (
    "at,pain,sessions_done,ice,heat,note,movement_pain:bird-dog\r\n"
    "2025-03-01T08:00:00+01:00,6,0,yes,no,Sore,\r\n"
    "2025-03-01T19:00:00+01:00, 5 ,2,TRUE,False,Better,2\r\n"
)


def test_a_hand_made_file_without_ids_imports_and_importing_it_again_adds_nothing(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    try:
        repository = SqlDiary(engine)
        first = parse_import(HAND_MADE.encode(), "mine.csv", "owner")
        assert [(c.pain, c.ice, c.heat, dict(c.movement_pain)) for c in first] == [
            (6, True, False, {}),
            (5, True, False, {"bird-dog": 2}),
        ]
        assert repository.import_check_ins("owner", first) == 2
        assert (
            repository.import_check_ins("owner", parse_import(HAND_MADE.encode(), "mine.csv", "owner")) == 0
        )
    finally:
        engine.dispose()


def test_every_problem_in_a_file_is_listed_by_row_and_field() -> None:
    text = (
        "id,at,pain,sessions_done,ice,heat,note\n"
        f"{'a' * 32},2025-03-01T08:00:00+00:00,3,0,false,false,fine\n"
        f"{'b' * 32},2025-03-01T09:00:00+00:00,abc,0,false,false,bad pain\n"
        f"{'c' * 32},yesterday,3,7,maybe,false,bad time and sessions and ice\n"
        f"{'a' * 32},2025-03-01T10:00:00+00:00,3,0,false,false,same id as row 2\n"
    )
    with pytest.raises(ImportProblems) as raised:
        parse_import(text.encode(), "d.csv", "owner")
    problems = raised.value.problems
    assert problems == (
        "row 3, field 'pain': must be a whole number from 0 to 10, got 'abc'",
        "row 4, field 'at': 'yesterday' is not a date and time; write it like 2025-03-01T08:30:00+01:00",
        "row 4, field 'sessions_done': must be a whole number from 0 to 3, got 7",
        "row 4, field 'ice': must be true or false, got 'maybe'",
        "row 5, field 'id': the same id as row 2",
    )
    assert all(problem in str(raised.value) for problem in problems)
    assert str(raised.value).startswith("Nothing was imported")


HEADER = "at,pain,sessions_done,ice,heat,note"
VALID_ROW = "2025-03-01T08:00:00+00:00,3,0,false,false,ok"
HOSTILE_FILES: dict[str, tuple[str, bytes]] = {
    "wrong types": (
        "d.csv",
        f"at,pain,sessions_done,ice,heat,note\n{VALID_ROW}\nnow,three,x,1.5,[],ok\n".encode(),
    ),
    "huge pain": (
        "d.csv",
        f"{HEADER}\n{VALID_ROW}\n{VALID_ROW.replace(',3,', ',' + '9' * 5000 + ',')}\n".encode(),
    ),
    "huge year": (
        "d.csv",
        b"at,pain,sessions_done,ice,heat,note\n99999-01-01T00:00:00+00:00,3,0,false,false,x\n",
    ),
    "huge note": (
        "d.csv",
        f"at,pain,sessions_done,ice,heat,note\n{VALID_ROW}\n{VALID_ROW[:-2]}{'x' * 2001}\n".encode(),
    ),
    "huge json number": (
        "d.json",
        b'[{"at":"2025-03-01T08:00:00+00:00","pain":1'
        + b"0" * 400
        + b',"sessions_done":0,"ice":false,"heat":false,"note":""}]',
    ),
    "json digits over the limit": ("d.json", b'[{"pain":' + b"9" * 5000 + b"}]"),
    "latin-1 bytes": (
        "d.csv",
        f"at,pain,sessions_done,ice,heat,note\n{VALID_ROW}\n".encode() + "caf\u00e9".encode("latin-1"),
    ),
    "cut utf-8": ("d.csv", f"at,pain,sessions_done,ice,heat,note\n{VALID_ROW}\xe9".encode()[:-1]),
    "utf-16": ("d.csv", "at,pain,sessions_done,ice,heat,note\n".encode("utf-16")),
    "missing column": ("d.csv", b"at,pain,ice,heat,note\n2025-03-01T08:00:00+00:00,3,false,false,x\n"),
    "extra column": ("d.csv", f"at,pain,sessions_done,ice,heat,note,password\n{VALID_ROW},x\n".encode()),
    "unknown movement column": (
        "d.csv",
        f"at,pain,sessions_done,ice,heat,note,movement_pain:moonwalk\n{VALID_ROW},1\n".encode(),
    ),
    "ragged row": (
        "d.csv",
        f"at,pain,sessions_done,ice,heat,note\n{VALID_ROW}\n{VALID_ROW},extra\n".encode(),
    ),
    "naive time": ("d.csv", b"at,pain,sessions_done,ice,heat,note\n2025-03-01T08:00:00,3,0,false,false,x\n"),
    "null byte note": ("d.csv", f"at,pain,sessions_done,ice,heat,note\n{VALID_ROW}\0\n".encode()),
    "empty file": ("d.csv", b""),
    "only a bom": ("d.csv", b"\xef\xbb\xbf  \n"),
    "not json": ("d.json", b"{'check_ins': oops"),
    "json not a diary": ("d.json", b'{"hello": "world"}'),
    "json wrong shapes": (
        "d.json",
        b'{"check_ins": [1, "two", {"pain": 3}, {"at": 5, "pain": "3", "sessions_done": 0, "ice": 0,'
        b' "heat": false, "note": 1, "extra": 1}]}',
    ),
    "json deep nesting": ("d.json", b"[" * 100_000 + b"]" * 100_000),
    "spreadsheet file": ("d.xlsx", b"PK\x03\x04 binary"),
    "too big": ("d.csv", b"at,pain,sessions_done,ice,heat,note\n" + b"x" * MAX_IMPORT_BYTES),
}


@pytest.fixture(scope="module")
def sqlite_diary(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlDiary]:
    engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'd.sqlite3'}")
    repository = SqlDiary(engine)
    repository.import_check_ins("owner", demo_check_ins("owner", today=date(2025, 3, 21)))
    yield repository
    engine.dispose()


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_a_hostile_file_is_refused_in_words_and_changes_nothing(case: str, sqlite_diary: SqlDiary) -> None:
    filename, data = HOSTILE_FILES[case]
    before = sqlite_diary.list("owner")
    with pytest.raises(ImportProblems) as raised:
        sqlite_diary.import_check_ins("owner", parse_import(data, filename, "owner"))
    assert raised.value.problems
    assert all(problem.startswith(("row ", "file ")) for problem in raised.value.problems)
    assert sqlite_diary.list("owner") == before


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_a_randomly_damaged_export_is_imported_whole_or_refused_whole(
    sqlite_diary: SqlDiary, data: st.DataObject
) -> None:
    diary = demo_check_ins("fuzz", today=date(2025, 3, 21))[:6]
    kind = data.draw(st.sampled_from(["csv", "json"]))
    original = bytearray(to_csv(diary) if kind == "csv" else to_json(diary))
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(original) - 1))
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = data.draw(st.integers(0, 255))
        if action == "replace":
            original[position] = byte
        elif action == "insert":
            original.insert(position, byte)
        else:
            del original[position]
    owner = f"fuzz-{uuid.uuid4().hex}"
    try:
        parsed = parse_import(bytes(original), f"d.{kind}", owner)
    except ImportProblems as problems:
        assert problems.problems
        assert sqlite_diary.list(owner) == []
        return
    assert sqlite_diary.import_check_ins(owner, parsed) == len(parsed)
    assert sqlite_diary.list(owner) == sorted(parsed, key=lambda check_in: (check_in.at, check_in.id))


def test_the_json_export_is_readable_and_versioned() -> None:
    document = json.loads(to_json(demo_check_ins("owner", today=date(2025, 3, 21))))
    assert document["format"] == "back-in-action-diary" and document["version"] == 3
    assert set(document["check_ins"][0]) == {
        "id",
        "at",
        "pain",
        "movement_pain",
        "sessions_done",
        "ice",
        "heat",
        "note",
        "new_warning_sign",
        "kind",
        "background_signs",
        "cleared_on",
    }


# ---- the warning-sign answer, and files from before it -----------------------------------------


def test_the_warning_sign_answer_goes_out_and_comes_back_in_csv_and_json() -> None:
    answered = [
        new_check_in("owner", datetime(2025, 3, 1, 8, tzinfo=UTC), 4, new_warning_sign=True),
        new_check_in("owner", datetime(2025, 3, 1, 9, tzinfo=UTC), 4),
    ]
    [header, yes, no] = list(csv.reader(io.StringIO(to_csv(answered).decode("utf-8-sig"), newline="")))
    assert (yes[header.index("new_warning_sign")], no[header.index("new_warning_sign")]) == ("true", "false")
    for exported, filename in ((to_csv(answered), "d.csv"), (to_json(answered), "d.json")):
        assert [c.new_warning_sign for c in parse_import(exported, filename, "owner")] == [True, False]


def test_an_older_file_without_the_warning_field_still_imports() -> None:
    old_csv = (
        "id,at,pain,sessions_done,ice,heat,note,movement_pain:bird-dog\r\n"
        f"{'a' * 32},2025-03-01T08:00:00+01:00,6,0,true,false,Sore,2\r\n"
    )
    old_json = {
        "format": "back-in-action-diary",
        "version": 1,
        "check_ins": [
            {
                "id": "a" * 32,
                "at": "2025-03-01T08:00:00+01:00",
                "pain": 6,
                "movement_pain": {"bird-dog": 2},
                "sessions_done": 0,
                "ice": True,
                "heat": False,
                "note": "Sore",
            }
        ],
    }
    from_csv = parse_import(old_csv.encode(), "old.csv", "owner")
    from_json = parse_import(json.dumps(old_json).encode(), "old.json", "owner")
    assert from_csv == from_json
    assert [(c.id, c.pain, c.new_warning_sign) for c in from_csv] == [("a" * 32, 6, False)]


def test_a_hand_made_row_keeps_the_id_it_was_given_before_the_warning_field_existed() -> None:
    # A row without an id gets one made from the row; the new field must not change it, or
    # importing an old hand-made file again would double every row. These are the ids the app
    # gave HAND_MADE's rows before the field existed.
    before = ["25398f70fd6d567791bcb30912445acc", "cdb6091169435b0cacc5a0e340625725"]
    assert [c.id for c in parse_import(HAND_MADE.encode(), "mine.csv", "owner")] == before
    answered_no = (
        HAND_MADE.replace("bird-dog\r\n", "bird-dog,new_warning_sign\r\n")
        .replace(",Sore,\r\n", ",Sore,,no\r\n")
        .replace(",Better,2\r\n", ",Better,2,no\r\n")
    )
    assert [c.id for c in parse_import(answered_no.encode(), "mine.csv", "owner")] == before


def test_a_warning_answer_that_is_not_yes_or_no_is_refused_by_row_and_field() -> None:
    text = f"{HEADER},new_warning_sign\n{VALID_ROW},maybe\n"
    with pytest.raises(ImportProblems) as raised:
        parse_import(text.encode(), "d.csv", "owner")
    assert raised.value.problems == ("row 2, field 'new_warning_sign': must be true or false, got 'maybe'",)


# ---- JSON format, version and repeated keys ----------------------------------------------------


def diary_json(**changes: object) -> bytes:
    document: dict[str, object] = json.loads(to_json(demo_check_ins("owner", today=date(2025, 3, 21))[:2]))
    document.update(changes)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"format": "someone-elses-diary"}, '"format" must be "back-in-action-diary"'),
        ({"version": 4}, "made by a newer version of the app"),
        ({"version": "2"}, '"version" must be one of 1, 2, 3'),
        ({"version": True}, '"version" must be one of 1, 2, 3'),
        ({"exported_by": "x"}, "unknown key 'exported_by'"),
    ],
)
def test_a_json_file_of_another_format_or_version_is_refused(
    changes: dict[str, object], expected: str
) -> None:
    with pytest.raises(ImportProblems, match=expected):
        parse_import(diary_json(**changes), "d.json", "owner")


def test_a_json_file_without_format_and_version_is_refused() -> None:
    bare = json.dumps({"check_ins": json.loads(diary_json())["check_ins"]}).encode()
    with pytest.raises(ImportProblems) as raised:
        parse_import(bare, "d.json", "owner")
    assert any('"format"' in problem for problem in raised.value.problems)
    assert any('"version"' in problem for problem in raised.value.problems)


def test_both_json_versions_are_read() -> None:
    assert parse_import(diary_json(version=1), "d.json", "owner") == parse_import(
        diary_json(version=2), "d.json", "owner"
    )


def test_a_key_given_twice_in_json_is_refused_naming_row_and_field() -> None:
    entry = (
        '{"at": "2025-03-01T08:00:00+00:00", "pain": 3, "pain": 9, "sessions_done": 0, "ice": false,'
        ' "heat": false, "note": "", "movement_pain": {"bird-dog": 1, "bird-dog": 7}}'
    )
    data = f'{{"format": "back-in-action-diary", "version": 2, "check_ins": [{entry}], "version": 2}}'
    with pytest.raises(ImportProblems) as raised:
        parse_import(data.encode(), "d.json", "owner")
    assert raised.value.problems == ("file 'd.json': the key 'version' appears twice",)
    with pytest.raises(ImportProblems) as raised:
        parse_import(f"[{entry}]".encode(), "d.json", "owner")
    assert raised.value.problems == (
        "row 1, field 'pain': given twice; keep one",
        "row 1, field 'movement_pain': 'bird-dog' is rated twice; keep one",
    )


# ---- cells and text that used to change quietly ------------------------------------------------


@pytest.mark.parametrize("typed", ["'tis the season", "'", "''", "'quoted'", "'=1+1", "''=x", "=1+1"])
def test_an_apostrophe_the_person_typed_survives_export_and_import(typed: str) -> None:
    check_in = new_check_in("owner", datetime(2025, 3, 1, 8, tzinfo=UTC), 3, note=typed)
    assert parse_import(to_csv([check_in]), "d.csv", "owner")[0].note == typed


def test_a_hand_made_cell_with_a_leading_apostrophe_keeps_it_unless_it_hides_a_formula() -> None:
    text = (
        f"{HEADER}\n"
        "2025-03-01T08:00:00+00:00,3,0,false,false,'tis\n"
        "2025-03-01T09:00:00+00:00,3,0,false,false,'=x\n"
    )
    assert [c.note for c in parse_import(text.encode(), "d.csv", "owner")] == ["'tis", "=x"]


def test_fractions_of_a_second_are_kept_exactly_and_finer_ones_are_refused() -> None:
    at = datetime(2025, 3, 1, 8, 0, 0, 999_999, tzinfo=timezone(timedelta(hours=5, minutes=45)))
    diary = [new_check_in("owner", at, 3)]
    for exported, filename in ((to_csv(diary), "d.csv"), (to_json(diary), "d.json")):
        assert parse_import(exported, filename, "owner")[0].at == at
    too_fine = f"{HEADER}\n2025-03-01T08:00:00.9999999+00:00,3,0,false,false,x\n"
    with pytest.raises(ImportProblems) as raised:
        parse_import(too_fine.encode(), "d.csv", "owner")
    assert raised.value.problems[0].startswith("row 2, field 'at':")
    assert "6 decimal places" in raised.value.problems[0]


@pytest.mark.parametrize("character", ["\u0085", "\u0080", "\u009f", "\u202e", "\u202a", "\u2066", "\u2069"])
def test_a_note_with_a_c1_control_or_a_direction_override_is_refused_in_words(character: str) -> None:
    text = f"{HEADER}\n{VALID_ROW}{character}x\n"
    with pytest.raises(ImportProblems) as raised:
        parse_import(text.encode(), "d.csv", "owner")
    [problem] = raised.value.problems
    assert problem.startswith("row 2, field 'note': must")
    assert "control" in problem


def test_utf16_without_a_byte_order_mark_gets_the_encoding_hint() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        data = f"{HEADER}\n{VALID_ROW}\n".encode(encoding)
        with pytest.raises(ImportProblems) as raised:
            parse_import(data, "d.csv", "owner")
        assert len(raised.value.problems) == 1
        assert "UTF-16" in raised.value.problems[0]


def test_a_one_megabyte_note_is_named_by_its_row_and_field() -> None:
    text = f"{HEADER}\n{VALID_ROW}\n{VALID_ROW[:-2]}{'x' * 1_000_000}\n"
    with pytest.raises(ImportProblems) as raised:
        parse_import(text.encode(), "d.csv", "owner")
    assert raised.value.problems == (
        "row 3, field 'note': must be at most 2000 characters, got 1000000; shorten it (nothing was cut)",
    )


def test_problems_are_capped_at_fifty_with_a_count_of_the_rest() -> None:
    rows = "".join(f"2025-03-01T08:00:00+00:00,{11 + number},0,false,false,x\n" for number in range(500))
    with pytest.raises(ImportProblems) as raised:
        parse_import(f"{HEADER}\n{rows}".encode(), "d.csv", "owner")
    assert len(raised.value.problems) == 50
    assert raised.value.total == 500
    assert raised.value.problems[0] == "row 2, field 'pain': must be a whole number from 0 to 10, got 11"
    assert str(raised.value).startswith("Nothing was imported: the file has 500 problems.")
    assert str(raised.value).endswith("and 450 more")


def test_an_import_with_a_check_in_in_the_future_is_refused_naming_the_row_and_field() -> None:
    from datetime import UTC, datetime, timedelta

    from rehab_core import InvalidInput, parse_import, to_csv
    from rehab_core.diary import new_check_in

    now = datetime.now(UTC)
    diary = [new_check_in("me", now - timedelta(days=1), 4), new_check_in("me", now + timedelta(days=400), 3)]
    with pytest.raises(InvalidInput) as refused:
        parse_import(to_csv(diary), "diary.csv", "me")
    assert any(
        "row 3, field 'at'" in problem and "in the future" in problem for problem in refused.value.problems
    )
    # Later today somewhere on Earth is not the future.
    assert len(parse_import(to_csv([new_check_in("me", now + timedelta(hours=13), 3)]), "d.csv", "me")) == 1
