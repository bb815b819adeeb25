"""Altair charts for a workshop room's projector: shares as big horizontal bars, legible from the back."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from rehab_core.palette import Scheme
from rehab_core.rooms import Share

# Read from the back of a room on a projector: every text at least 22 px.
LABEL_PX = 24
TITLE_PX = 32
BAR_ROW_PX = 74
# Dark enough for white text inside the bar, and clear on both the light and the dark theme.
# (No colour for Get care now: the projector never shows that share.)
REST_COLOUR = "#2f62a8"
BAR_TEXT = "#ffffff"
# A share this big or more has its number inside its bar; a smaller one just after it.
INSIDE_FROM_PERCENT = 22
SUBTITLE_GREY = "#8c8c8c"
PERCENT_TICKS = [0, 25, 50, 75, 100]


def phase_colours(scheme: Scheme) -> dict[str, str]:
    """Each phase's bar colour: gentle rehab in the theme's primary colour."""
    return {"Rest and ice": REST_COLOUR, "Gentle rehab": scheme.primary}


def shares_frame(shares: Sequence[Share]) -> pd.DataFrame:
    """One row per bar, in the order given: label, count, out of, percent and the text on the bar."""
    return pd.DataFrame(
        [
            {
                "label": share.label,
                "count": share.count,
                "out_of": share.out_of,
                "percent": share.percent,
                "text": f"{share.percent:.0f}%",
                "order": number,
            }
            for number, share in enumerate(shares)
        ],
        columns=["label", "count", "out_of", "percent", "text", "order"],
    )


def share_chart(
    frame: pd.DataFrame,
    title: str,
    subtitle: str,
    *,
    scheme: Scheme,
    colours: dict[str, str] | None = None,
    show_counts: bool = True,
) -> alt.LayerChart:
    """Horizontal bars of percent (0-100), each with its share written on it.

    The scheme is the theme the page shows (light or dark): bars in its primary colour unless
    `colours` gives one per label, and numbers beside a short bar in its text colour.
    With show_counts False the tooltip gives the share only, never how many people.
    """
    order = frame["label"].tolist()
    colour: alt.Color | alt.Value
    if colours:
        colour = alt.Color(
            "label:N",
            scale=alt.Scale(domain=list(colours), range=list(colours.values())),
            legend=None,
        )
    else:
        colour = alt.value(scheme.primary)
    tooltip = [alt.Tooltip("label:N", title="Answer"), alt.Tooltip("percent:Q", title="Percent")]
    if show_counts:
        tooltip += [alt.Tooltip("count:Q", title="People"), alt.Tooltip("out_of:Q", title="Out of")]
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "label:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelFontSize=LABEL_PX, labelLimit=520, labelPadding=10, ticks=False, domain=False),
        ),
        x=alt.X(
            "percent:Q",
            scale=alt.Scale(domain=[0, 100]),
            title="Percent of those who answered",
            axis=alt.Axis(labelFontSize=LABEL_PX - 4, titleFontSize=LABEL_PX - 4, values=PERCENT_TICKS),
        ),
    )
    bars = base.mark_bar(cornerRadiusEnd=6, height=BAR_ROW_PX - 22).encode(color=colour, tooltip=tooltip)
    inside = (
        base.transform_filter(alt.datum.percent >= INSIDE_FROM_PERCENT)
        .mark_text(align="right", dx=-12, fontSize=LABEL_PX, fontWeight="bold", color=BAR_TEXT)
        .encode(text="text:N")
    )
    beside = (
        base.transform_filter(alt.datum.percent < INSIDE_FROM_PERCENT)
        .mark_text(align="left", dx=10, fontSize=LABEL_PX, fontWeight="bold", color=scheme.text)
        .encode(text="text:N")
    )
    chart: alt.LayerChart = (
        alt.layer(bars, inside, beside)
        .properties(
            title=alt.Title(
                title,
                subtitle=subtitle,
                fontSize=TITLE_PX,
                subtitleFontSize=LABEL_PX - 4,
                subtitleColor=SUBTITLE_GREY,
                anchor="start",
            ),
            height=alt.Step(BAR_ROW_PX),
        )
        .configure_view(stroke=None)
    )
    return chart


def shares_in_words(title: str, shares: Sequence[Share]) -> str:
    """The chart for a screen reader: each bar's label and share."""
    parts = "; ".join(f"{share.label}: {share.percent:.0f}%" for share in shares)
    return f"{title}. {parts}."
