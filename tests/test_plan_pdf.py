"""The take-home sheet: where the person stands, each movement's card and dose, do and don't, the trend."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from rehab_core import Today, movements, red_flags, today
from rehab_core import plan_pdf as plan_pdf_module
from rehab_core.analytics import daily_pain, to_frame
from rehab_core.assessment import latest_assessment
from rehab_core.config import action_plain, site
from rehab_core.demo import demo_check_ins
from rehab_core.diary import ASSESSMENT, SESSION, CheckIn, new_check_in
from rehab_core.pain_scale import PAIN_BANDS, PAIN_IT_CAUSED_MEANING
from rehab_core.palette import THEME_FILE, palette_from_file
from rehab_core.plan_pdf import plan_pdf

MADE_AT = datetime(2025, 3, 21, 9, 0, tzinfo=UTC)
ASSESSED_AT = datetime(2025, 3, 21, 8, 30, tzinfo=UTC)
PALETTE = palette_from_file(THEME_FILE)
NAMES = {movement.id: movement for movement in movements()}
RATED = {"bird-dog": 1, "hip-bridge": 0, "cat-camel": 2, "side-plank-clamshell": 3, "hip-mobility": 7}


def pdf_text(data: bytes, tmp_path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def pages_text(data: bytes, tmp_path: Path) -> list[list[str]]:
    """Each page's lines, as pdftotext reads them."""
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return [
        [line.strip() for line in page.splitlines() if line.strip()] for page in result.stdout.split("\f")
    ]


def assessed(pain: int = 3, rated: dict[str, int] | None = None, at: datetime = ASSESSED_AT) -> CheckIn:
    return new_check_in("me", at, pain, movement_pain=RATED if rated is None else rated, kind=ASSESSMENT)


def standing(entries: Sequence[CheckIn], now: datetime = MADE_AT, unsaved: Sequence[str] = ()) -> Today:
    return today(entries, now, unsaved_signs=unsaved)


def sheet(entries: Sequence[CheckIn], now: datetime = MADE_AT, daily: object = None) -> bytes:
    return plan_pdf(standing(entries, now), daily, site=site(), palette=PALETTE, made_at=now)  # type: ignore[arg-type]


@pytest.fixture
def rehab_standing() -> Today:
    return standing([assessed()])


def test_the_sheet_gives_each_movement_of_the_plan_as_a_card_with_its_dose_steps_feel_and_stop(
    tmp_path: Path, rehab_standing: Today
) -> None:
    daily = daily_pain(to_frame(demo_check_ins("owner", today=date(2025, 3, 21))))
    data = plan_pdf(rehab_standing, daily, site=site(), palette=PALETTE, made_at=MADE_AT)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    recommendation = rehab_standing.shown
    assert recommendation is not None
    for prescription in recommendation.prescriptions:
        movement = NAMES[prescription.movement_id]
        dose = movement.dose_in_words(prescription.reps, prescription.sets)
        assert f"Each time: {dose}, 3 times a day." in text
        assert movement.name in text
        assert " ".join(movement.feel.split()) in text
        assert movement.steps[0] in text
    assert text.count("Each time: ") == len(recommendation.prescriptions), (
        "one card per movement, no repeated list"
    )
    assert "Today's plan" in text and "Assessed today at 08:30" in text
    assert "Hip mobility is left out" in text
    assert "5 while doing it: 2 above your 3" in text, "both numbers of a rating (cat-camel)"
    assert "Education, not diagnosis" in text
    assert "Pain trend" in text and "Fri 21 Mar 2025" in text
    assert " ".join(PAIN_IT_CAUSED_MEANING.split()) in text


def test_the_sheet_draws_each_movement_of_the_plan(
    tmp_path: Path, rehab_standing: Today, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The drawings are vector paths in the page content: each adds to the file, and taking the
    # drawings away takes that away.
    drawn = len(plan_pdf(rehab_standing, None, site=site(), palette=PALETTE, made_at=MADE_AT))
    monkeypatch.setattr(plan_pdf_module, "ILLUSTRATIONS_DIR", tmp_path / "no-drawings-here")
    undrawn = len(plan_pdf(rehab_standing, None, site=site(), palette=PALETTE, made_at=MADE_AT))
    assert rehab_standing.shown is not None
    assert drawn - undrawn > 300 * len(rehab_standing.shown.prescriptions)


def test_no_heading_is_left_alone_at_the_foot_of_a_page(tmp_path: Path, rehab_standing: Today) -> None:
    daily = daily_pain(to_frame(demo_check_ins("owner", today=date(2025, 3, 21))))
    headings = {"Where you are", "Today's plan", "Do", "Don't", "Why", "Pain trend", "The pain scale"}
    assert rehab_standing.shown is not None
    headings |= {NAMES[item.movement_id].name for item in rehab_standing.shown.prescriptions}
    for page in pages_text(
        plan_pdf(rehab_standing, daily, site=site(), palette=PALETTE, made_at=MADE_AT), tmp_path
    ):
        if page:
            assert page[-1] not in headings, page[-3:]


def test_the_sheet_prints_whom_to_call_and_every_warning_sign_under_its_own_action(
    tmp_path: Path, rehab_standing: Today
) -> None:
    text = pdf_text(plan_pdf(rehab_standing, None, site=site(), palette=PALETTE, made_at=MADE_AT), tmp_path)
    assert "Call 999 now" in text and "NHS 111" in text
    for flag in red_flags():
        assert " ".join(flag.question.split()) in text, flag.id
        assert " ".join(action_plain(flag.action, site()).split()) in text, flag.id
    for band in PAIN_BANDS:
        assert " ".join(f"{band.span()}: {band.name.lower()}. {band.feels}".split()) in text


def test_the_sheet_says_when_the_diary_calls_for_a_check(tmp_path: Path) -> None:
    start = datetime(2025, 3, 7, 9, tzinfo=UTC)
    worse = [new_check_in("me", start + timedelta(days=day), 3 if day < 7 else 6) for day in range(14)]
    now = start + timedelta(days=13, hours=1)
    text = pdf_text(sheet([assessed(at=now - timedelta(minutes=30)), *worse], now), tmp_path)
    assert "Time to get checked" in text and "See a GP or physiotherapist" in text


def test_the_sheet_keeps_non_latin_text_and_falls_back_without_the_dejavu_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach = site().__class__(**{**site().__dict__, "name": "Ελληνικά и русский “Coach”"})
    one = standing([assessed(2, {"bird-dog": 1})])
    text = pdf_text(plan_pdf(one, None, site=coach, palette=PALETTE, made_at=MADE_AT), tmp_path)
    assert "Ελληνικά и русский" in text and "Bird dog" in text
    monkeypatch.setattr(plan_pdf_module, "DEJAVU_DIR", tmp_path / "no-fonts-here")
    fallback = pdf_text(plan_pdf(one, None, site=coach, palette=PALETTE, made_at=MADE_AT), tmp_path)
    assert "Bird dog" in fallback and '"Coach"' in fallback and "No check-ins" in fallback


def test_the_sheet_for_rest_and_ice_has_no_plan_but_what_helps(tmp_path: Path) -> None:
    text = pdf_text(sheet([assessed(9, {})]), tmp_path)
    assert "Today: rest and ice only" in text and "No movements in the plan" in text
    assert "pharmacist" in text and "When to get checked" in text
    assert "Latest pain: 9 of 10 (severe)" in text
    assert "never put it on numb skin" in text, "ice comes with its skin cautions"


def test_the_sheet_with_no_assessment_says_there_is_none_and_makes_up_no_plan(tmp_path: Path) -> None:
    text = pdf_text(sheet([]), tmp_path)
    assert "No assessment in your diary yet" in text
    assert "Each time: " not in text and "gentle rehab movements" not in text.lower()


def test_a_plan_from_an_earlier_day_is_named_by_its_day_never_as_todays(tmp_path: Path) -> None:
    text = pdf_text(sheet([assessed()], MADE_AT + timedelta(days=1)), tmp_path)
    assert "The plan from Friday 21 March" in text
    assert "Today's plan" not in text and "Today: gentle rehab movements" not in text
    assert "Each time: " in text, "a young plan is still printed, by its day"


def test_a_plan_more_than_two_days_old_says_assess_again_before_you_use_it(tmp_path: Path) -> None:
    text = pdf_text(sheet([assessed()], MADE_AT + timedelta(days=3)), tmp_path)
    assert "Assess again before you use this plan" in text
    assert "Today's plan" not in text


# The latest assessment, from the diary


def test_the_latest_assessment_is_the_latest_entry_saved_as_one_never_a_check_in_that_rerates() -> None:
    assessed = new_check_in(
        "me", ASSESSED_AT, 4, movement_pain={"bird-dog": 1, "hip-bridge": 0}, kind=ASSESSMENT
    )
    later = new_check_in("me", ASSESSED_AT + timedelta(hours=5), 2)
    # Issue 22 point 12: a check-in or a session that re-rates a movement is not an assessment.
    rerated = new_check_in("me", ASSESSED_AT + timedelta(hours=6), 3, movement_pain={"cat-camel": 0})
    session = new_check_in(
        "me", ASSESSED_AT + timedelta(hours=7), 3, movement_pain={"hip-mobility": 1}, kind=SESSION
    )
    assessment = latest_assessment([session, later, rerated, assessed])
    assert assessment is not None
    assert (assessment.at, assessment.pain, dict(assessment.movement_pain)) == (
        ASSESSED_AT,
        4,
        {"bird-dog": 1, "hip-bridge": 0},
    )
    assert [item.movement_id for item in assessment.recommendation().prescriptions] == [
        "hip-bridge",
        "bird-dog",
    ]
    assert latest_assessment([later, rerated, session]) is None


def test_a_new_warning_sign_after_the_assessment_means_no_plan_on_the_sheet(tmp_path: Path) -> None:
    assessed = new_check_in(
        "me", ASSESSED_AT, 4, movement_pain={"bird-dog": 1, "hip-bridge": 0}, kind=ASSESSMENT
    )
    warned = new_check_in("me", ASSESSED_AT + timedelta(days=1), 5, new_warning_sign=True)
    assessment = latest_assessment([assessed, warned])
    assert assessment is not None
    assert assessment.recommendation().prescriptions == ()
    sheet = plan_pdf(standing([assessed, warned]), None, site=site(), palette=PALETTE, made_at=MADE_AT)
    text = pdf_text(sheet, tmp_path)
    assert "new warning sign" in text and "Each time:" not in text and "Get medical care first" in text


def test_the_sheet_from_a_diary_with_a_new_warning_sign_says_so_first_even_with_no_assessment(
    tmp_path: Path,
) -> None:
    warned = new_check_in("me", ASSESSED_AT, 5, new_warning_sign=True)
    text = pdf_text(sheet([warned]), tmp_path)
    assert "At your check-in on Friday 21 March 2025 you said a new warning sign had appeared" in text
    assert text.index("new warning sign") < text.index("Where you are")
    assert "Call 999 now" in text and "Each time: " not in text


def test_a_sign_answered_yes_and_not_saved_sets_the_plan_aside_on_the_sheet(tmp_path: Path) -> None:
    # Issue 22 point 12: a sign ticked on Assess and never saved still reaches the sheet.
    marked = standing([assessed()], unsaved=["saddle-numbness"])
    text = pdf_text(plan_pdf(marked, None, site=site(), palette=PALETTE, made_at=MADE_AT), tmp_path)
    assert "Each time: " not in text and "Today's plan" not in text
    assert "Get medical care first" in text


def test_the_pdf_font_ships_with_the_app_so_greek_survives_without_system_fonts(tmp_path: Path) -> None:
    # `make run` alone on a fresh machine installs no font package: the font must come with the app.
    app_dir = Path(plan_pdf_module.__file__).resolve().parents[1]
    assert plan_pdf_module.DEJAVU_DIR.resolve().is_relative_to(app_dir)
    assert (plan_pdf_module.DEJAVU_DIR / "LICENSE").is_file()
    greek = "Πόνος στη μέση"
    coach = site().__class__(**{**site().__dict__, "name": greek})
    text = pdf_text(
        plan_pdf(standing([assessed()]), None, site=coach, palette=PALETTE, made_at=MADE_AT), tmp_path
    )
    assert greek in text and "?" * 4 not in text
