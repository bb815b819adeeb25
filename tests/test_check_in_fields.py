"""Every check-in field has its place on My progress: a column or a reason, an edit widget or a reason.

The field list is rehab_core.diary.FIELDS (the CheckIn dataclass). The diary table and its edit
form build themselves from it (ui/diary_table.py); what they leave out they name, with why. A new
field that is in neither fails here, so it cannot be forgotten; docs/check-in-fields.md lists the
rest of the places a new field goes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from rehab_core.diary import FIELDS, YES_NO_FIELDS, new_check_in
from rehab_core.palette import THEME_FILE
from ui import diary_table

APP_DIR = THEME_FILE.parents[1]
CHECKLIST = APP_DIR / "docs" / "check-in-fields.md"


def test_every_field_has_a_column_in_the_diary_table_or_is_named_as_left_out() -> None:
    columns, left_out = set(diary_table.COLUMN_HEADINGS), diary_table.NOT_IN_TABLE
    assert columns | left_out == set(FIELDS), "give the new field a column heading, or leave it out by name"
    assert not columns & left_out


def test_every_field_is_edited_by_the_form_or_named_with_the_reason_it_is_not() -> None:
    edited, not_edited = set(diary_table.EDITED), set(diary_table.NOT_EDITED)
    assert edited | not_edited == set(FIELDS)
    assert not edited & not_edited
    assert all(diary_table.NOT_EDITED.values())  # each with its reason
    assert {name for name in edited if name in YES_NO_FIELDS} <= set(diary_table.YES_NO_LABELS)


def test_the_table_shows_each_yes_no_field_in_words_and_every_column_in_order() -> None:
    check_in = replace(
        new_check_in("owner", datetime(2026, 3, 1, 9, tzinfo=UTC), 4, movement_pain={"bird-dog": 1}),
        ice=True,
        new_warning_sign=True,
    )
    [row] = diary_table.check_in_frame([check_in]).to_dict("records")
    assert list(row) == list(diary_table.COLUMN_HEADINGS.values())
    assert (row["Ice"], row["Heat"], row["New warning sign"]) == ("yes", "no", "yes")
    assert (row["Pain"], row["Movements rated"], row["When"]) == (4, 1, "Sun 01 Mar 2026, 09:00")


def test_the_checklist_for_a_new_field_names_only_files_that_exist() -> None:
    text = CHECKLIST.read_text(encoding="utf-8")
    assert "new_warning_sign" in text  # the worked example
    named = set(re.findall(r"`((?:rehab_core|ui|pages|tests|docs)/[\w/.-]+\.(?:py|md))`", text))
    assert len(named) >= 6
    missing = sorted(path for path in named if not (APP_DIR / path).is_file())
    assert not missing, f"{CHECKLIST.name} names files that are not there: {missing}"
