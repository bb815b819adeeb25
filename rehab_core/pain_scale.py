"""The 0-10 pain scale in words: one table of bands, cut at the protocol's own thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from rehab_core.protocol import (
    HEAT_MAX_PAIN,
    PAIN_MAX,
    PAIN_MIN,
    REHAB_MAX_PAIN,
    TOLERATED_MAX_PAIN,
    validate_pain,
)

# A movement's rating has one meaning everywhere (docs/architecture.md, "The rating"): how far the
# movement raised the pain above the pain before it. People answer the familiar question on the
# 0-10 scale, "your pain while doing it"; the diary keeps the rise. Every page, chart, sheet and
# knowledge check shows these words, never their own.
PAIN_WHILE_DOING_IT = "Your pain while doing it"
PAIN_IT_CAUSED = "Rise in pain"
PAIN_IT_CAUSED_MEANING = (
    "How far the movement raised your pain above your pain just before it: you rate your pain while "
    f"doing it from {PAIN_MIN} to {PAIN_MAX}, and the rise is that minus your pain before (0 if it "
    "did not go up)."
)


def rise_from(pain_before: int, pain_during: int) -> int:
    """The stored rating: how far the pain while doing a movement is above the pain before it, at least 0."""
    validate_pain(pain_before, "pain before")
    validate_pain(pain_during, "pain while doing it")
    return max(0, pain_during - pain_before)


def during_from(pain_before: int, rise: int) -> int:
    """The pain while doing it that a stored rise stands for, on the 0-10 scale."""
    return min(PAIN_MAX, pain_before + rise)


def rating_words(pain_before: int, rise: int) -> str:
    """Both numbers a person knows a rating by: "5 while doing it: 2 above your 3 before"."""
    during = during_from(pain_before, rise)
    if rise == 0:
        return f"{during} while doing it: no higher than your {pain_before} before"
    return f"{during} while doing it: {rise} above your {pain_before} before"


@dataclass(frozen=True)
class PainBand:
    """A stretch of the scale: how pain there feels, and what the protocol does with it."""

    low: int
    high: int
    name: str
    feels: str
    today: str

    def span(self) -> str:
        """The band's numbers in words: "6 to 8", or "0" for a band of one number."""
        return str(self.low) if self.low == self.high else f"{self.low} to {self.high}"

    def label(self) -> str:
        """Short words for a slider or a chart: "6 to 8: strong"."""
        return f"{self.span()}: {self.name.lower()}"


# The bands end where the protocol's rules change, so the words a person reads beside a number
# always agree with the plan that number gets: 9-10 rest and ice, 6-8 ice and gentle rehab,
# 0-5 heat allowed; the mild band ends where a movement stops counting as tolerated.
PAIN_BANDS: tuple[PainBand, ...] = (
    PainBand(PAIN_MIN, PAIN_MIN, "No pain", "You do not notice your back at all.", "Heat and rehab allowed."),
    PainBand(
        PAIN_MIN + 1,
        TOLERATED_MAX_PAIN,
        "Mild",
        "You notice it, but you can do almost everything as usual.",
        "Heat and rehab allowed.",
    ),
    PainBand(
        TOLERATED_MAX_PAIN + 1,
        HEAT_MAX_PAIN,
        "Moderate",
        "It gets in the way of some things. You can move with care.",
        "Heat before workouts and gentle rehab allowed.",
    ),
    PainBand(
        HEAT_MAX_PAIN + 1,
        REHAB_MAX_PAIN,
        "Strong",
        "It is hard to ignore and limits what you do.",
        "Ice, not heat. Gentle rehab allowed.",
    ),
    PainBand(
        REHAB_MAX_PAIN + 1,
        PAIN_MAX,
        "Severe",
        "It is hard to think of anything else.",
        "Rest and ice: no rehab movements today, but keep moving gently.",
    ),
)


def pain_band(pain: int) -> PainBand:
    """The band a pain score falls in: 7 -> the "Strong" band."""
    validate_pain(pain)
    return next(band for band in PAIN_BANDS if band.low <= pain <= band.high)


def pain_words(pain: int) -> str:
    """The words for a pain score: 7 -> "Strong: it is hard to ignore and limits what you do."."""
    band = pain_band(pain)
    return f"{band.name}: {band.feels[0].lower()}{band.feels[1:]}"


def pain_scale_help() -> str:
    """The whole scale in one line, for a widget's help text."""
    return " ".join(
        f"{band.span()}: {band.name.lower()}, {band.feels[0].lower()}{band.feels[1:]}" for band in PAIN_BANDS
    )


def pain_scale_markdown() -> str:
    """The whole scale as a Markdown list, for the Learn pages."""
    return "\n".join(
        f"- **{band.span()}: {band.name.lower()}.** {band.feels} {band.today}" for band in PAIN_BANDS
    )
