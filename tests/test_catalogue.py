"""Loading the movement catalogue and the red flags: the real files load, broken copies are named."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rehab_core import InvalidInput, movements, red_flags
from rehab_core.catalogue import CONTENT_DIR, load_movements, load_red_flags

PROJECT_DIR = Path(__file__).resolve().parents[1]
MOVEMENTS_TEXT = (CONTENT_DIR / "movements.toml").read_text(encoding="utf-8")
RED_FLAGS_TEXT = (CONTENT_DIR / "red_flags.toml").read_text(encoding="utf-8")

ONE_MOVEMENT = """
[[movement]]
id = "bird-dog"
name = "Bird dog"
needs = ["core", "hamstrings-glutes"]
summary = "Reach one arm forward and the other leg back."
steps = ["Get on your hands and knees.", "Reach out, hold, come back."]
works = "The back of the spine and the glutes."
feel = "Back and belly working together."
stop_if = "The pain grows."
easier = "Move only the arm."
harder = "Hold each reach longer."
"""

ONE_RED_FLAG = """
[[red_flag]]
id = "chest-pain"
level = "emergency"
question = "Do you have chest pain?"
why = "It can come from the heart."
source = "NHS: Chest pain"
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def first_movement_with(line: str, replacement: str) -> str:
    """The one-movement file with one line swapped (or dropped, when replacement is empty)."""
    assert line in ONE_MOVEMENT
    return ONE_MOVEMENT.replace(line, replacement, 1)


# The real content


def test_the_real_movements_file_loads_into_the_catalogue() -> None:
    loaded = load_movements(CONTENT_DIR / "movements.toml")
    assert loaded == movements()
    assert len(loaded) == 10
    for movement in loaded:
        assert movement.name and movement.summary and movement.steps and movement.needs
        assert movement.works and movement.feel and movement.stop_if and movement.easier and movement.harder


def test_the_real_red_flags_file_loads_with_seven_emergencies_and_ten_urgent_flags() -> None:
    loaded = load_red_flags(CONTENT_DIR / "red_flags.toml")
    assert loaded == red_flags()
    assert sum(flag.level == "emergency" for flag in loaded) == 7
    assert sum(flag.level == "urgent" for flag in loaded) == 10


# The warning signs the app must ask about (rehab_core/catalogue.py), each as words its question
# must hold (the wording is ours).
REQUIRED_RED_FLAGS = {
    "saddle-numbness": ("emergency", ("numbness", "genitals", "bottom")),
    "bladder-bowel": ("emergency", ("bladder", "bowels")),
    "erection-or-genital-feeling": ("emergency", ("erection", "feeling in your genitals")),
    "both-legs-or-worsening-weakness": ("emergency", ("both legs", "weaker")),
    "serious-fall-or-accident": ("emergency", ("fall", "accident")),
    "chest-pain": ("emergency", ("chest pain",)),
    "back-and-tummy-pain": ("emergency", ("suddenly", "back", "tummy")),
    "fever-or-very-unwell": ("urgent", ("fever", "very unwell")),
    "unexplained-weight-loss": ("urgent", ("lost weight",)),
    "history-of-cancer": ("urgent", ("cancer",)),
    "night-or-rest-pain": ("urgent", ("night", "rest")),
    "lump-or-shape-change": ("urgent", ("lump", "shape")),
    "weak-immune-system-or-injecting-drugs": ("urgent", ("inject drugs", "immune system", "steroid tablets")),
    "minor-fall-with-osteoporosis": ("urgent", ("osteoporosis", "small fall", "lift")),
    "first-back-pain-over-50-or-under-20": ("urgent", ("first time", "over 50", "under 20")),
    "recent-spine-surgery-or-injection": ("urgent", ("operation", "injection")),
    "pain-between-shoulder-blades": ("urgent", ("between your shoulder blades",)),
}


def test_every_warning_sign_of_the_design_is_asked_at_its_tier() -> None:
    by_id = {flag.id: flag for flag in red_flags()}
    assert set(by_id) == set(REQUIRED_RED_FLAGS)
    for flag_id, (level, words) in REQUIRED_RED_FLAGS.items():
        assert by_id[flag_id].level == level, flag_id
        for word in words:
            assert word in by_id[flag_id].question, (flag_id, word)


def test_every_red_flag_has_a_tier_a_source_and_a_plain_language_question() -> None:
    import textstat

    for flag in red_flags():
        assert flag.level in ("emergency", "urgent")
        assert flag.source.strip(), flag.id
        assert any(name in flag.source for name in ("NHS", "NICE")), flag.id
        assert flag.question.endswith("?") and flag.why, flag.id
        assert textstat.flesch_kincaid_grade(f"{flag.question} {flag.why}") <= 8, flag.id


def test_a_minimal_movements_file_loads_with_its_own_id(tmp_path: Path) -> None:
    (movement,) = load_movements(write(tmp_path, "movements.toml", ONE_MOVEMENT))
    assert movement.id == "bird-dog"
    assert movement.needs == ("core", "hamstrings-glutes")
    assert movement.variations == ()
    assert movement.illustration == ""


def test_a_renamed_movement_keeps_its_id_so_saved_ratings_still_belong_to_it(tmp_path: Path) -> None:
    renamed = ONE_MOVEMENT.replace('name = "Bird dog"', 'name = "Bird-dog reach"')
    (movement,) = load_movements(write(tmp_path, "movements.toml", renamed))
    assert (movement.id, movement.name) == ("bird-dog", "Bird-dog reach")


@pytest.mark.parametrize(
    ("id_line", "expected"),
    [
        ("", r"movement 1 \(Bird dog\), field 'id': is missing or empty"),
        ('id = "Bird dog"', r"field 'id': 'Bird dog' must be lower case words joined by hyphens"),
    ],
)
def test_a_movement_without_a_proper_id_is_refused_naming_it(
    tmp_path: Path, id_line: str, expected: str
) -> None:
    with pytest.raises(InvalidInput, match=expected):
        load_movements(write(tmp_path, "movements.toml", ONE_MOVEMENT.replace('id = "bird-dog"', id_line)))


def test_text_fields_are_trimmed(tmp_path: Path) -> None:
    text = first_movement_with('name = "Bird dog"', 'name = "  Bird dog  "')
    (movement,) = load_movements(write(tmp_path, "movements.toml", text))
    assert movement.name == "Bird dog"
    assert movement.id == "bird-dog"


# Broken movement files: each error names the file and the field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            MOVEMENTS_TEXT.replace('name = "Cat-camel"', 'name = "Cat-camel'),
            r"not valid TOML.*line",
            id="invalid TOML",
        ),
        pytest.param(
            first_movement_with('works = "The back of the spine and the glutes."\n', ""),
            r"movement 1 \(Bird dog\), field 'works': is missing or empty",
            id="missing field",
        ),
        pytest.param(
            first_movement_with('name = "Bird dog"\n', ""),
            r"movement 1, field 'name': is missing or empty",
            id="missing name",
        ),
        pytest.param(
            first_movement_with(
                'summary = "Reach one arm forward and the other leg back."', 'summary = "   "'
            ),
            r"field 'summary': is missing or empty",
            id="blank text",
        ),
        pytest.param(
            first_movement_with(
                'steps = ["Get on your hands and knees.", "Reach out, hold, come back."]', "steps = []"
            ),
            r"field 'steps': is missing or empty",
            id="empty list",
        ),
        pytest.param(
            first_movement_with('needs = ["core", "hamstrings-glutes"]', 'needs = ["core", "arms"]'),
            r"field 'needs': unknown need 'arms'",
            id="unknown need",
        ),
        pytest.param(ONE_MOVEMENT + ONE_MOVEMENT, r"the id 'bird-dog' is used twice", id="duplicate id"),
        pytest.param(
            ONE_MOVEMENT + ONE_MOVEMENT.replace('name = "Bird dog"', 'name = "Bird Dog!"'),
            r"the id 'bird-dog' is used twice",
            id="duplicate id from a differently spelled name",
        ),
        pytest.param(
            first_movement_with('name = "Bird dog"', "name = 3"),
            r"field 'name': must be text, got 3",
            id="number instead of text",
        ),
        pytest.param(
            first_movement_with('needs = ["core", "hamstrings-glutes"]', 'needs = "core"'),
            r"field 'needs': must be a list of non-empty texts",
            id="text instead of list",
        ),
        pytest.param(
            first_movement_with('needs = ["core", "hamstrings-glutes"]', 'needs = ["core", 2]'),
            r"field 'needs': must be a list of non-empty texts",
            id="number in a list",
        ),
        pytest.param(
            first_movement_with('needs = ["core", "hamstrings-glutes"]', 'needs = ["core", ""]'),
            r"field 'needs': must be a list of non-empty texts",
            id="empty text in a list",
        ),
        pytest.param(
            ONE_MOVEMENT + 'colour = "red"\n',
            r"movement 1 \(Bird dog\): unknown field 'colour'",
            id="unknown field",
        ),
        pytest.param(
            ONE_MOVEMENT + ONE_MOVEMENT.replace('name = "Bird dog"', 'name = "Bird dog again"'),
            r"the id 'bird-dog' is used twice",
            id="two movements with one id",
        ),
        pytest.param("# nothing here yet\n", r"no \[\[movement\]\] entries", id="no movements"),
        pytest.param("movement = 3\n", r"no \[\[movement\]\] entries", id="movement is not a list of tables"),
        pytest.param(
            "movement = [3]\n", r"movement 1: expected a table of fields", id="movement is not a table"
        ),
    ],
)
def test_a_broken_movements_file_is_rejected_naming_the_file_and_the_field(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, "movements.toml", text)
    with pytest.raises(InvalidInput, match=expected) as raised:
        load_movements(path)
    assert str(raised.value).startswith("movements.toml")


def test_a_broken_movement_deep_in_the_real_file_is_named_by_number_and_name(tmp_path: Path) -> None:
    text = MOVEMENTS_TEXT.replace('works = "The glutes and hamstrings, with the core helping."', 'works = ""')
    assert text != MOVEMENTS_TEXT
    with pytest.raises(InvalidInput, match=r"movements.toml, movement 6 \(Hip bridge\), field 'works'"):
        load_movements(write(tmp_path, "movements.toml", text))


def test_a_missing_movements_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"movements.toml: the file is missing"):
        load_movements(tmp_path / "movements.toml")


def test_a_movements_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "movements.toml"
    path.write_bytes(ONE_MOVEMENT.replace("Bird dog", "Bird d\xf6g").encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"movements.toml: not valid UTF-8"):
        load_movements(path)


# Broken red flag files


def red_flag_with(line: str, replacement: str) -> str:
    assert line in ONE_RED_FLAG
    return ONE_RED_FLAG.replace(line, replacement, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            RED_FLAGS_TEXT.replace('level = "urgent"', "level = urgent", 1),
            r"not valid TOML",
            id="invalid TOML",
        ),
        pytest.param(
            red_flag_with('level = "emergency"', 'level = "soon"'),
            r"red flag 1, field 'level': 'soon' must be one of emergency, urgent",
            id="bad level",
        ),
        pytest.param(
            red_flag_with('level = "emergency"\n', ""),
            r"red flag 1, field 'level': is missing or empty",
            id="missing level",
        ),
        pytest.param(
            red_flag_with('question = "Do you have chest pain?"\n', ""),
            r"red flag 1, field 'question': is missing or empty",
            id="missing question",
        ),
        pytest.param(
            red_flag_with('id = "chest-pain"', 'id = "Chest pain"'),
            r"red flag 1, field 'id': 'Chest pain' must be lower case words joined by hyphens",
            id="id that is not a slug",
        ),
        pytest.param(
            red_flag_with('id = "chest-pain"', "id = 7"),
            r"red flag 1, field 'id': must be text, got 7",
            id="number instead of text",
        ),
        pytest.param(ONE_RED_FLAG + ONE_RED_FLAG, r"the id 'chest-pain' is used twice", id="duplicate id"),
        pytest.param(
            ONE_RED_FLAG + 'advice = "rest"\n', r"red flag 1: unknown field 'advice'", id="unknown field"
        ),
        pytest.param("", r"no \[\[red_flag\]\] entries", id="empty file"),
        pytest.param(
            red_flag_with('source = "NHS: Chest pain"\n', ""),
            r"red flag 1, field 'source': is missing or empty",
            id="missing source",
        ),
        pytest.param(
            red_flag_with('question = "Do you have chest pain?"', 'question = "Chest pain"'),
            r"red flag 1, field 'question': must be a question ending in '\?'",
            id="not a question",
        ),
    ],
)
def test_a_broken_red_flags_file_is_rejected_naming_the_file_and_the_field(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, "red_flags.toml", text)
    with pytest.raises(InvalidInput, match=expected) as raised:
        load_red_flags(path)
    assert str(raised.value).startswith("red_flags.toml")


def test_a_missing_red_flags_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"red_flags.toml: the file is missing"):
        load_red_flags(tmp_path / "red_flags.toml")


# A broken content file stops the app at start-up with the file and field named


APP_WITH_CONTENT_DIR = """
import sys
from streamlit.testing.v1 import AppTest

app = AppTest.from_file(sys.argv[1], default_timeout=30)
app.run()
print("EXCEPTIONS:", [element.message for element in app.exception])
print("ERRORS:", [element.value for element in app.error])
print("TITLES:", [element.value for element in app.title])
"""


def test_a_broken_movements_file_stops_the_app_at_start_up_naming_file_and_field(tmp_path: Path) -> None:
    # The content folder is fixed when rehab_core is imported, so the app runs in its own process.
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    broken = MOVEMENTS_TEXT.replace(
        'name = "Bird dog"\nneeds = ["core", "hamstrings-glutes"]', 'name = "Bird dog"\nneeds = []'
    )
    assert broken != MOVEMENTS_TEXT
    (content / "movements.toml").write_text(broken, encoding="utf-8")
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("BACK_IN_ACTION_")
    } | {"BACK_IN_ACTION_CONTENT_DIR": str(content), "PYTHONPATH": str(PROJECT_DIR)}
    finished = subprocess.run(
        [sys.executable, "-c", APP_WITH_CONTENT_DIR, str(PROJECT_DIR / "app.py")],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shown = finished.stdout
    assert "movements.toml, movement 9 (Bird dog), field 'needs': is missing or empty" in shown, shown
    assert "TITLES: []" in shown, shown


def test_a_red_flags_file_that_leaves_out_a_required_warning_sign_is_refused_naming_it(
    tmp_path: Path,
) -> None:
    from rehab_core.catalogue import check_required_red_flags

    trimmed = RED_FLAGS_TEXT.split('[[red_flag]]\nid = "chest-pain"')[0]
    path = write(tmp_path, "red_flags.toml", trimmed)
    with pytest.raises(InvalidInput, match=r"red_flags.toml: the warning sign 'chest-pain' is missing"):
        check_required_red_flags(load_red_flags(path), path)


def test_an_emergency_warning_sign_cannot_be_lowered_to_urgent(tmp_path: Path) -> None:
    from rehab_core.catalogue import check_required_red_flags

    lowered = RED_FLAGS_TEXT.replace(
        'id = "chest-pain"\nlevel = "emergency"', 'id = "chest-pain"\nlevel = "urgent"'
    )
    assert lowered != RED_FLAGS_TEXT
    path = write(tmp_path, "red_flags.toml", lowered)
    with pytest.raises(InvalidInput, match=r"red flag 'chest-pain', field 'level': must stay 'emergency'"):
        check_required_red_flags(load_red_flags(path), path)


def test_the_shipped_red_flags_hold_every_required_warning_sign() -> None:
    from rehab_core.catalogue import REQUIRED_RED_FLAGS

    assert {
        flag.id: flag.level for flag in red_flags() if flag.id in REQUIRED_RED_FLAGS
    } == REQUIRED_RED_FLAGS
