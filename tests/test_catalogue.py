"""Loading the movement catalogue and the red flags: the real files load, broken copies are named."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rehab_core import InvalidInput, movements, red_flags
from rehab_core.catalogue import CONTENT_DIR, RedFlag, load_movements, load_red_flags

PROJECT_DIR = Path(__file__).resolve().parents[1]
MOVEMENTS_TEXT = (CONTENT_DIR / "movements.toml").read_text(encoding="utf-8")
RED_FLAGS_TEXT = (CONTENT_DIR / "red_flags.toml").read_text(encoding="utf-8")

ONE_MOVEMENT = """
[[movement]]
id = "bird-dog"
name = "Bird dog"
level = 2
unit = "reaches each side"
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
kind = "symptom"
level = "emergency"
action = "ambulance"
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


def test_the_real_red_flags_file_loads_with_nine_emergencies_thirteen_urgent_and_one_soon() -> None:
    loaded = load_red_flags(CONTENT_DIR / "red_flags.toml")
    assert loaded == red_flags()
    assert sum(flag.level == "emergency" for flag in loaded) == 9
    assert sum(flag.level == "urgent" for flag in loaded) == 13
    assert sum(flag.level == "soon" for flag in loaded) == 1
    assert sum(flag.kind == "background" for flag in loaded) == 7


# The required warning signs, each with its tier, kind and action, and words its question must hold
# (the wording is ours).
REQUIRED_RED_FLAGS = {
    "chest-pain": ("emergency", "symptom", "ambulance", ("chest pain", "arm", "jaw")),
    "back-and-tummy-pain": (
        "emergency",
        "symptom",
        "ambulance",
        ("suddenly", "tummy or your lower back", "faint"),
    ),
    "signs-of-sepsis": ("emergency", "symptom", "ambulance", ("confused", "breathe", "rash")),
    "saddle-numbness": ("emergency", "symptom", "emergency-department", ("numbness", "genitals", "bottom")),
    "bladder-bowel": ("emergency", "symptom", "emergency-department", ("bladder", "bowels")),
    "erection-or-genital-feeling": (
        "emergency",
        "symptom",
        "emergency-department",
        ("erection", "feeling in your genitals"),
    ),
    "both-legs-or-worsening-weakness": (
        "emergency",
        "symptom",
        "emergency-department",
        ("both legs", "weaker"),
    ),
    "serious-fall-or-accident": ("emergency", "symptom", "emergency-department", ("fall", "accident")),
    "cancer-with-new-leg-weakness": (
        "emergency",
        "symptom",
        "emergency-department",
        ("cancer", "weakness", "legs"),
    ),
    "fever-or-very-unwell": ("urgent", "symptom", "gp-today", ("fever", "very unwell")),
    "unexplained-weight-loss": ("urgent", "symptom", "gp-today", ("lost weight",)),
    "night-or-rest-pain": ("urgent", "symptom", "gp-today", ("all night", "no better", "change position")),
    "worse-coughing-sneezing-or-toilet": ("urgent", "symptom", "gp-today", ("cough", "sneeze", "toilet")),
    "lump-or-shape-change": ("urgent", "symptom", "gp-today", ("lump", "shape")),
    "pain-between-shoulder-blades": ("urgent", "symptom", "gp-today", ("between your shoulder blades",)),
    "one-leg-weakness": ("urgent", "symptom", "gp-today", ("one leg", "foot that drops")),
    "history-of-cancer": ("urgent", "background", "gp-today", ("cancer",)),
    "first-back-pain-over-50-or-under-20": (
        "urgent",
        "background",
        "gp-today",
        ("first time", "over 50", "under 20"),
    ),
    "minor-fall-over-70": ("urgent", "background", "gp-today", ("over 70", "small fall")),
    "minor-fall-with-osteoporosis": (
        "urgent",
        "background",
        "gp-today",
        ("osteoporosis", "small fall", "lift"),
    ),
    "weak-immune-system-or-injecting-drugs": (
        "urgent",
        "background",
        "gp-today",
        ("inject drugs", "immune system", "steroid tablets"),
    ),
    "recent-spine-surgery-or-injection": ("urgent", "background", "gp-today", ("operation", "injection")),
    "inflammatory-back-pain": (
        "soon",
        "background",
        "gp-soon",
        ("under 45", "3 months", "stiff", "exercise"),
    ),
}


def test_every_warning_sign_of_the_design_is_asked_at_its_tier_kind_and_action() -> None:
    by_id = {flag.id: flag for flag in red_flags()}
    assert set(by_id) == set(REQUIRED_RED_FLAGS)
    for flag_id, (level, kind, action, words) in REQUIRED_RED_FLAGS.items():
        flag = by_id[flag_id]
        assert (flag.level, flag.kind, flag.action) == (level, kind, action), flag_id
        for word in words:
            assert word in flag.question, (flag_id, word)


def test_night_pain_asks_for_pain_that_is_constant_not_pain_on_turning_in_bed() -> None:
    # Issue 22 point 7: "worse at night" caught most ordinary strains.
    question = next(flag.question for flag in red_flags() if flag.id == "night-or-rest-pain")
    assert "worse at night" not in question.lower()


@pytest.mark.parametrize("flag", red_flags(), ids=lambda flag: flag.id)
def test_every_red_flag_has_a_tier_a_kind_an_action_a_source_and_a_plain_language_question(
    flag: RedFlag,
) -> None:
    import textstat

    from rehab_core.catalogue import ACTION_LEVELS

    assert flag.level in ("emergency", "urgent", "soon")
    assert flag.kind in ("symptom", "background")
    assert ACTION_LEVELS[flag.action] == flag.level
    assert flag.source.strip()
    assert any(name in flag.source for name in ("NHS", "NICE"))
    assert flag.question.endswith("?") and flag.why
    assert textstat.flesch_kincaid_grade(f"{flag.question} {flag.why}") <= 8


def test_only_a_soon_sign_lets_the_plan_go_ahead() -> None:
    for flag in red_flags():
        assert flag.stops_the_plan is (flag.level != "soon"), flag.id


def test_every_movement_has_a_level_from_1_to_3_and_a_unit_and_the_walks_a_cap() -> None:
    for movement in movements():
        assert movement.level in (1, 2, 3), movement.id
        assert movement.unit.strip(), movement.id
    capped = {movement.id: movement.most_reps for movement in movements() if movement.most_reps}
    assert set(capped) == {"forward-reverse-beast-walk", "lateral-beast-walk", "kettlebell-walk"}
    assert all(0 < cap < 10 for cap in capped.values())


def test_the_assessment_offers_the_movements_gentlest_first_then_in_catalogue_order() -> None:
    from rehab_core.catalogue import gentlest_first

    offered = gentlest_first()
    assert sorted(offered, key=lambda movement: movement.level) == list(offered)
    assert set(offered) == set(movements())
    order = [movement.id for movement in movements()]
    for earlier, later in itertools.pairwise(offered):
        if earlier.level == later.level:
            assert order.index(earlier.id) < order.index(later.id)
    assert offered[0].id == "hip-mobility" and offered[0].level == 1


def test_a_walk_s_dose_is_capped_at_its_most_reps_in_its_own_unit() -> None:
    walk = next(movement for movement in movements() if movement.id == "kettlebell-walk")
    assert walk.reps_for(10) == walk.most_reps
    assert walk.dose_in_words(10, 2) == f"{walk.most_reps} {walk.unit}, 2 sets"
    bridge = next(movement for movement in movements() if movement.id == "hip-bridge")
    assert bridge.reps_for(10) == 10
    assert bridge.dose_in_words(5, 1) == f"5 {bridge.unit}, 1 set"


def test_a_minimal_movements_file_loads_with_its_own_id(tmp_path: Path) -> None:
    (movement,) = load_movements(write(tmp_path, "movements.toml", ONE_MOVEMENT))
    assert movement.id == "bird-dog"
    assert movement.needs == ("core", "hamstrings-glutes")
    assert (movement.level, movement.unit, movement.most_reps) == (2, "reaches each side", 0)
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
        pytest.param(
            first_movement_with("level = 2\n", ""),
            r"movement 1 \(Bird dog\), field 'level': must be a whole number from 1 to 3; is missing",
            id="missing level",
        ),
        pytest.param(
            first_movement_with("level = 2", "level = 0"),
            r"field 'level': must be a whole number from 1 to 3; got 0",
            id="level below 1",
        ),
        pytest.param(
            first_movement_with("level = 2", "level = 4"),
            r"field 'level': must be a whole number from 1 to 3; got 4",
            id="level above 3",
        ),
        pytest.param(
            first_movement_with("level = 2", 'level = "2"'),
            r"field 'level': must be a whole number from 1 to 3; got '2'",
            id="level as text",
        ),
        pytest.param(
            first_movement_with("level = 2", "level = true"),
            r"field 'level': must be a whole number from 1 to 3; got True",
            id="level as yes",
        ),
        pytest.param(
            first_movement_with('unit = "reaches each side"\n', ""),
            r"movement 1 \(Bird dog\), field 'unit': is missing or empty",
            id="missing unit",
        ),
        pytest.param(
            first_movement_with('unit = "reaches each side"', 'unit = " "'),
            r"field 'unit': is missing or empty",
            id="blank unit",
        ),
        pytest.param(
            ONE_MOVEMENT + "most_reps = -1\n",
            r"field 'most_reps': must be a whole number from 0 to 100; got -1",
            id="negative most reps",
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
            red_flag_with('level = "emergency"', 'level = "later"'),
            r"red flag 1, field 'level': 'later' must be one of emergency, urgent, soon",
            id="bad level",
        ),
        pytest.param(
            red_flag_with('kind = "symptom"\n', ""),
            r"red flag 1, field 'kind': is missing or empty",
            id="missing kind",
        ),
        pytest.param(
            red_flag_with('kind = "symptom"', 'kind = "history"'),
            r"red flag 1, field 'kind': 'history' must be one of symptom, background",
            id="bad kind",
        ),
        pytest.param(
            red_flag_with('action = "ambulance"\n', ""),
            r"red flag 1, field 'action': is missing or empty",
            id="missing action",
        ),
        pytest.param(
            red_flag_with('action = "ambulance"', 'action = "taxi"'),
            r"red flag 1, field 'action': 'taxi' must be one of ambulance, emergency-department, "
            r"gp-today, gp-soon",
            id="bad action",
        ),
        pytest.param(
            red_flag_with('action = "ambulance"', 'action = "gp-today"'),
            r"red flag 1, field 'action': 'gp-today' is not for a sign of level 'emergency' "
            r"\(use ambulance or emergency-department\)",
            id="a GP today for an emergency",
        ),
        pytest.param(
            red_flag_with('level = "emergency"', 'level = "urgent"'),
            r"red flag 1, field 'action': 'ambulance' is not for a sign of level 'urgent' \(use gp-today\)",
            id="an ambulance for an urgent sign",
        ),
        pytest.param(
            red_flag_with('level = "emergency"', 'level = "soon"').replace(
                'action = "ambulance"', 'action = "gp-today"'
            ),
            r"red flag 1, field 'action': 'gp-today' is not for a sign of level 'soon' \(use gp-soon\)",
            id="a GP today for a soon sign",
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
    before, bird_dog = MOVEMENTS_TEXT.split('id = "bird-dog"\n')
    broken = (
        before
        + 'id = "bird-dog"\n'
        + bird_dog.replace('needs = ["core", "hamstrings-glutes"]', "needs = []", 1)
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


@pytest.mark.parametrize(
    "flag_id",
    ["chest-pain", "back-and-tummy-pain", "one-leg-weakness", "minor-fall-over-70", "inflammatory-back-pain"],
)
def test_a_red_flags_file_that_leaves_out_a_required_warning_sign_is_refused_naming_it(
    tmp_path: Path, flag_id: str
) -> None:
    start = RED_FLAGS_TEXT.index(f'[[red_flag]]\nid = "{flag_id}"\n')
    end = RED_FLAGS_TEXT.find("[[red_flag]]", start + 1)
    trimmed = RED_FLAGS_TEXT[:start] + (RED_FLAGS_TEXT[end:] if end >= 0 else "")
    with pytest.raises(InvalidInput, match=rf"red_flags.toml: the warning sign '{flag_id}' is missing"):
        required_check(tmp_path, trimmed)


def required_check(tmp_path: Path, text: str) -> None:
    from rehab_core.catalogue import check_required_red_flags

    assert text != RED_FLAGS_TEXT
    path = write(tmp_path, "red_flags.toml", text)
    check_required_red_flags(load_red_flags(path), path)


def with_fields(flag_id: str, **changes: str) -> str:
    """The shipped file with one sign's kind, level or action lines changed."""
    start = RED_FLAGS_TEXT.index(f'[[red_flag]]\nid = "{flag_id}"\n')
    end = RED_FLAGS_TEXT.find("[[red_flag]]", start + 1)
    end = len(RED_FLAGS_TEXT) if end < 0 else end
    block = RED_FLAGS_TEXT[start:end]
    for name, value in changes.items():
        line = next(line for line in block.splitlines() if line.startswith(f"{name} = "))
        block = block.replace(line, f'{name} = "{value}"', 1)
    return RED_FLAGS_TEXT[:start] + block + RED_FLAGS_TEXT[end:]


@pytest.mark.parametrize(
    ("flag_id", "level", "action"),
    [
        ("chest-pain", "urgent", "gp-today"),
        ("saddle-numbness", "urgent", "gp-today"),
        ("cancer-with-new-leg-weakness", "urgent", "gp-today"),
        ("one-leg-weakness", "soon", "gp-soon"),
        ("history-of-cancer", "soon", "gp-soon"),
    ],
)
def test_a_required_warning_sign_cannot_be_lowered(
    tmp_path: Path, flag_id: str, level: str, action: str
) -> None:
    from rehab_core.catalogue import REQUIRED_RED_FLAGS as REQUIRED

    must = REQUIRED[flag_id][0]
    with pytest.raises(InvalidInput, match=rf"red flag '{flag_id}', field 'level': must stay '{must}'"):
        required_check(tmp_path, with_fields(flag_id, level=level, action=action))


def test_a_required_warning_sign_may_be_raised(tmp_path: Path) -> None:
    required_check(tmp_path, with_fields("inflammatory-back-pain", level="urgent", action="gp-today"))
    required_check(
        tmp_path, with_fields("one-leg-weakness", level="emergency", action="emergency-department")
    )


@pytest.mark.parametrize("flag_id", ["saddle-numbness", "one-leg-weakness", "cancer-with-new-leg-weakness"])
def test_a_symptom_now_cannot_become_a_background_question_asked_once(tmp_path: Path, flag_id: str) -> None:
    with pytest.raises(InvalidInput, match=rf"red flag '{flag_id}', field 'kind': must stay 'symptom'"):
        required_check(tmp_path, with_fields(flag_id, kind="background"))


def test_a_background_sign_may_be_asked_every_time_as_a_symptom(tmp_path: Path) -> None:
    required_check(tmp_path, with_fields("history-of-cancer", kind="symptom"))


@pytest.mark.parametrize("flag_id", ["chest-pain", "back-and-tummy-pain", "signs-of-sepsis"])
def test_an_ambulance_cannot_be_softened_to_a_drive_to_the_emergency_department(
    tmp_path: Path, flag_id: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"red flag '{flag_id}', field 'action': must stay 'ambulance'"):
        required_check(tmp_path, with_fields(flag_id, action="emergency-department"))


def test_the_shipped_red_flags_hold_every_required_warning_sign() -> None:
    from rehab_core.catalogue import REQUIRED_RED_FLAGS as REQUIRED

    assert {flag.id: (flag.level, flag.kind, flag.action) for flag in red_flags() if flag.id in REQUIRED} == (
        REQUIRED
    )
    assert set(REQUIRED) == set(REQUIRED_RED_FLAGS)
