"""The plan as a printable PDF: the take-home sheet for the person and their clinician."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from rehab_core.catalogue import movement_by_id
from rehab_core.protocol import Phase, Recommendation, daily_advice

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
