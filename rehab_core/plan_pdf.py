"""The plan as a printable PDF: the take-home sheet for the person and their clinician."""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from rehab_core.catalogue import CONTENT_DIR, Movement, movement_by_id, red_flags
from rehab_core.config import (
    SAFETY_NOTICE,
    SiteConfig,
    action_plain,
    capitalised,
    emergency_plain,
    urgent_plain,
)
from rehab_core.pain_scale import PAIN_BANDS, PAIN_IT_CAUSED, PAIN_IT_CAUSED_MEANING, pain_band, rating_words
from rehab_core.palette import Palette
from rehab_core.protocol import PAIN_MAX, Phase, Prescription, daily_advice, headline
from rehab_core.standing import PlanStatus, Today

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
ILLUSTRATIONS_DIR = CONTENT_DIR / "illustrations"
TREND_DAYS_SHOWN = 28
# Room a heading needs below it on the same page, so no heading is left alone at a page's foot.
KEEP_WITH_NEXT_MM = 30
MOVEMENT_BLOCK_MM = 75
DRAWING_WIDTH_MM = 48


class _Sheet:
    """An fpdf2 document with the sheet's few text styles; headings never sit alone at a page's foot."""

    def __init__(self, title: str, creator: str) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.set_title(title)
        self.pdf.set_creator(creator)
        self.family, self.clean = _pdf_font(self.pdf)
        self.pdf.add_page()

    def heading(self, text: str, size: int = 13, room: float = KEEP_WITH_NEXT_MM) -> None:
        if self.pdf.will_page_break(room):
            self.pdf.add_page()
        self.pdf.ln(2)
        self.pdf.set_font(self.family, "B", size)
        self.pdf.multi_cell(0, size * 0.5, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font(self.family, "", 10)

    def paragraph(self, text: str, style: str = "") -> None:
        self.pdf.set_font(self.family, style, 10)
        self.pdf.multi_cell(0, 5, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font(self.family, "", 10)

    def bullets(self, lines: Sequence[str], *, numbered: bool = False) -> None:
        for number, line in enumerate(lines, start=1):
            self.paragraph(f"{number}.  {line}" if numbered else f"-  {line}")

    def boxed(self, text: str, colour: tuple[int, int, int]) -> None:
        self.pdf.ln(1)
        self.pdf.set_fill_color(*colour)
        self.pdf.set_font(self.family, "B", 10)
        self.pdf.multi_cell(0, 5, self.clean(text), border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font(self.family, "", 10)

    def table(
        self, widths: tuple[int, ...], align: Any, rows: Sequence[Sequence[str]], size: int = 10
    ) -> None:
        """A table whose first row is its heading, repeated on every page it runs onto."""
        from fpdf.fonts import FontFace

        self.pdf.set_font(self.family, "", size)
        with self.pdf.table(
            col_widths=widths,
            text_align=align,
            headings_style=FontFace(emphasis="BOLD"),
            line_height=size * 0.55,
            repeat_headings=1,
        ) as table:
            for row in rows:
                table.row([self.clean(cell) for cell in row])
        self.pdf.set_font(self.family, "", 10)


def plan_pdf(
    standing: Today,
    daily: pd.DataFrame | None,
    *,
    site: SiteConfig,
    palette: Palette,
    made_at: datetime,
) -> bytes:
    """The take-home sheet of where the person stands: the plan (or what replaces it), the trend.

    It is handed `standing` (rehab_core.today()) and prints it: a plan from an earlier day is named
    by its day, a later pain of 9-10 or a warning sign replaces it, as on every page.
    Paper is white, so the sheet draws in the light theme's colours.
    """
    sheet = _Sheet(f"{site.name}: your plan", site.name)
    sheet.heading(f"{site.name}: your plan", 18)
    sheet.paragraph(f"Made on {made_at:%d %B %Y at %H:%M}. For you, and to show your clinician.")
    sheet.boxed(SAFETY_NOTICE, (255, 243, 205))
    sheet.paragraph(f"Emergency: {capitalised(emergency_plain(site))}")
    sheet.paragraph(f"See a doctor today: {capitalised(urgent_plain(site))}")
    if standing.status is PlanStatus.GET_CARE and standing.shown is not None:
        sheet.boxed(
            " ".join(standing.shown.reasons) + f" If you have not been checked since: {urgent_plain(site)} "
            f"In an emergency, {emergency_plain(site)}",
            (246, 213, 207),
        )
    for alert in standing.alerts:
        sheet.boxed(f"Time to get checked. {alert.message}", (246, 213, 207))
    if standing.back_to_normal:
        sheet.boxed(
            "Your pain has been low for days in a row: back to your normal activity, with 2 or 3 strength "
            "sessions a week.",
            (216, 235, 226),
        )
    _plan(sheet, standing)

    sheet.heading("Pain trend")
    if daily is None or daily.empty:
        sheet.paragraph("No check-ins in the diary yet.")
    else:
        shown = daily.tail(TREND_DAYS_SHOWN)
        _pain_line(sheet.pdf, shown, palette.light.primary_rgb)
        rows = [["Day", "Check-ins", "Mean pain", "Worst pain", "7-day mean"]]
        rows += [
            [
                pd.Timestamp(day).strftime("%a %d %b %Y"),
                str(int(check_ins)),
                f"{float(mean_pain):.1f}",
                str(int(max_pain)),
                f"{float(rolling_mean):.1f}",
            ]
            for day, check_ins, mean_pain, max_pain, rolling_mean in zip(
                shown["date"],
                shown["check_ins"],
                shown["mean_pain"],
                shown["max_pain"],
                shown["rolling_mean"],
                strict=True,
            )
        ]
        sheet.table((40, 30, 30, 30, 30), "CENTER", rows, size=9)

    sheet.heading("Warning signs: stop and get care", room=60)
    actions: dict[str, list[str]] = {}
    for flag in red_flags():
        actions.setdefault(flag.action, []).append(flag.question)
    for action, questions in actions.items():
        sheet.paragraph(f"{action_plain(action, site)} If your answer is yes to:", "B")
        sheet.bullets(questions)
    sheet.heading("The pain scale", room=40)
    sheet.paragraph(f"{PAIN_IT_CAUSED}: {PAIN_IT_CAUSED_MEANING}")
    sheet.bullets([f"{band.span()}: {band.name.lower()}. {band.feels} {band.today}" for band in PAIN_BANDS])
    return bytes(sheet.pdf.output())


def _plan(sheet: _Sheet, standing: Today) -> None:
    """Where you are, the plan table, one card per movement, the day's do and don't, and why."""
    sheet.heading("Where you are")
    if standing.pain is not None and standing.latest is not None:
        band = pain_band(standing.pain)
        sheet.paragraph(
            f"Latest pain: {standing.pain} of {PAIN_MAX} ({band.name.lower()}), logged "
            f"{standing.latest.at:%d %B %Y at %H:%M}."
        )
    sheet.paragraph(standing.status_words())
    if standing.cleared_on is not None:
        sheet.paragraph(
            f"Checked by a clinician on {standing.cleared_on:%d %B %Y} and told exercise is fine "
            "(as recorded by you)."
        )
    recommendation = standing.shown
    assessment = standing.assessment
    if recommendation is None:
        return
    sheet.heading(standing.plan_title() if recommendation.phase is Phase.REHAB else headline(recommendation))
    if standing.status is PlanStatus.STALE:
        sheet.boxed("Assess again before you use this plan: it is more than 2 days old.", (255, 243, 205))
    names = movement_by_id()
    if recommendation.prescriptions and assessment is not None:
        rows = [["Movement", "Each time", "Times a day", PAIN_IT_CAUSED]]
        rows += [
            [
                names[item.movement_id].name,
                names[item.movement_id].dose_in_words(item.reps, item.sets),
                str(item.sessions_per_day),
                rating_words(assessment.pain, assessment.movement_pain.get(item.movement_id, 0)),
            ]
            for item in recommendation.prescriptions
        ]
        sheet.table((44, 58, 22, 56), ("LEFT", "LEFT", "CENTER", "LEFT"), rows, size=9)
        sheet.paragraph(f"{PAIN_IT_CAUSED}: {PAIN_IT_CAUSED_MEANING}")
        for item in recommendation.prescriptions:
            _movement_card(sheet, names[item.movement_id], item)
    else:
        sheet.paragraph("No movements in the plan.")

    advice = daily_advice(recommendation)
    sheet.heading("Do")
    sheet.bullets(advice.do)
    sheet.heading("Don't")
    sheet.bullets(advice.dont)
    if advice.get_help:
        sheet.heading("When to get checked")
        sheet.bullets(advice.get_help)
    sheet.heading("Why")
    sheet.bullets(recommendation.reasons)


def _movement_card(sheet: _Sheet, movement: Movement, prescription: Prescription) -> None:
    """One movement as the library shows it: the drawing, the dose, the steps, what to feel, when to stop."""
    sheet.heading(movement.name, 12, room=MOVEMENT_BLOCK_MM)
    drawing = ILLUSTRATIONS_DIR / movement.illustration
    if movement.illustration and drawing.is_file():
        # A drawing fpdf cannot read must not cost the person their sheet; the parts of SVG it
        # skips (titles, arrow heads) are not worth a log line per drawing.
        svg_log = logging.getLogger("fpdf.svg")
        level = svg_log.level
        svg_log.setLevel(logging.ERROR)
        try:
            with contextlib.suppress(Exception):
                sheet.pdf.image(str(drawing), w=DRAWING_WIDTH_MM, alt_text=f"Drawing: {movement.name}")
        finally:
            svg_log.setLevel(level)
    sheet.paragraph(
        f"Each time: {movement.dose_in_words(prescription.reps, prescription.sets)}, "
        f"{prescription.sessions_per_day} times a day.",
        "B",
    )
    sheet.bullets(movement.steps, numbered=True)
    sheet.paragraph(f"What you should feel: {movement.feel}")
    sheet.paragraph(f"Stop if {movement.stop_if[0].lower()}{movement.stop_if[1:]}")


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


def _pain_line(pdf: Any, daily: pd.DataFrame, primary: tuple[int, int, int]) -> None:
    """A small drawn chart: daily mean pain (thin, in the primary colour) and the 7-day mean (thick), 0-10."""
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
        ("mean_pain", 0.3, primary),
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
