"""The plan as a PDF: the plan by name with its dose, the reasons and the pain trend, in any script."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from rehab_core import movements, recommend
from rehab_core import plan_pdf as plan_pdf_module
from rehab_core.analytics import daily_pain, to_frame
from rehab_core.demo import demo_check_ins
from rehab_core.plan_pdf import plan_pdf
from rehab_core.protocol import Prescription, Recommendation


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


@pytest.fixture
def rehab_plan() -> Recommendation:
    return recommend(
        3, {"bird-dog": 1, "hip-bridge": 0, "cat-camel": 2, "side-plank-clamshell": 3, "hip-mobility": 7}
    )


def test_the_pdf_holds_the_plan_by_name_with_its_dose_reasons_and_pain_trend(
    tmp_path: Path, rehab_plan: Recommendation
) -> None:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    daily = daily_pain(to_frame(demo_check_ins("owner", today=date(2025, 3, 21))))
    data = plan_pdf(
        rehab_plan, daily, site_name="Coach Sam's Back Clinic", made_at=datetime(2025, 3, 21, 9, 0)
    )
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    names = {movement.id: movement.name for movement in movements()}
    for prescription in rehab_plan.prescriptions:
        name = names[prescription.movement_id]
        assert name in text
        assert f"{name}: {prescription.reps} reps x {prescription.sets} sets x 3 sessions a day" in text
    assert "Coach Sam's Back Clinic" in text
    assert "Hip mobility is left out" in text
    assert "Education, not diagnosis" in text
    assert "Pain trend" in text and "Fri 21 Mar 2025" in text


def test_the_pdf_keeps_non_latin_text_and_falls_back_without_the_dejavu_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recommendation = Recommendation(
        phase=recommend(2, {"bird-dog": 1}).phase,
        ice=False,
        heat_before_workout=True,
        prescriptions=(Prescription("bird-dog", 10, 2, 3),),
        reasons=("Ελληνικά και русский — “quoted” ✓ fine.",),
    )
    made_at = datetime(2025, 3, 21, 9, 0)
    text = pdf_text(plan_pdf(recommendation, None, site_name="Back in Action", made_at=made_at), tmp_path)
    assert "Ελληνικά και русский" in text and "Bird dog" in text
    monkeypatch.setattr(plan_pdf_module, "DEJAVU_DIR", tmp_path / "no-fonts-here")
    fallback = pdf_text(plan_pdf(recommendation, None, site_name="Back in Action", made_at=made_at), tmp_path)
    assert "Bird dog" in fallback and '"quoted"' in fallback and "No check-ins" in fallback


def test_the_pdf_for_rest_and_ice_has_no_plan_but_the_reasons(tmp_path: Path) -> None:
    recommendation = recommend(9)
    text = pdf_text(plan_pdf(recommendation, None, site_name="B", made_at=datetime(2025, 3, 1)), tmp_path)
    assert "Rest and ice today" in text and "No movements today" in text
    assert "rest and ice only" in text
