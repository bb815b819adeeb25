"""The Progress page's tables and chart specs, computed once per diary content and shared by sessions.

A workshop of 100 phones looks at the same demo diary, and a person reruns the page on every click:
building three Altair charts and their analytics costs far more than a rerun should. Results are
cached under a digest of the diary's content (owner included), so a new or edited check-in gives a
new digest and nothing stale is ever shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from rehab_core.analytics import (
    Trend,
    daily_pain,
    movement_tolerance,
    sessions_by_day,
    to_frame,
    tolerated_at_last_rating,
    trend,
)
from rehab_core.charts import pain_chart, sessions_chart, tolerance_chart
from rehab_core.diary import CheckIn, fields_of
from rehab_core.palette import Scheme
from ui.charts import ready_spec
from ui.site import scheme


@dataclass(frozen=True)
class ProgressViews:
    """Everything the Progress page shows, derived from one diary."""

    daily: pd.DataFrame
    tolerance: pd.DataFrame
    sessions: pd.DataFrame
    week: Trend
    tolerated_now: tuple[str, ...]  # the movements tolerated when last tried (rule 3), library order


@dataclass(frozen=True)
class ChartSpecs:
    """The three charts as Vega-Lite specs for one date range."""

    pain: dict[str, Any]
    tolerance: dict[str, Any] | None
    sessions: dict[str, Any]


def diary_digest(owner: str, check_ins: Sequence[CheckIn]) -> str:
    """A digest of everything the page shows: any change to any field of any check-in changes it.

    The fields come from the one field list (rehab_core.diary.FIELDS), so a field added to CheckIn
    is part of it without a word here.
    """
    digest = hashlib.blake2b(owner.encode(), digest_size=20)
    for item in check_ins:
        values = fields_of(item)
        values["at"] = item.at.isoformat()  # the offset too: it moves the local day
        values["movement_pain"] = sorted(item.movement_pain.items())
        digest.update(repr(tuple(values.values())).encode())
    return digest.hexdigest()


# st.cache_resource, not st.cache_data: cache_data hands each caller a fresh copy by unpickling it,
# on every run; these are only read (every use filters or renames into a new frame), so all
# sessions on the same diary share one copy. Bounded in number and in time, so the views of a diary
# whose tabs have all closed are let go within PROGRESS_CACHE_TTL (a cache that never forgets a diary
# is a leak: issue 24).
PROGRESS_CACHE_TTL = timedelta(minutes=10)


@st.cache_resource(max_entries=64, ttl=PROGRESS_CACHE_TTL, show_spinner=False)
def progress_views(digest: str, _check_ins: Sequence[CheckIn]) -> ProgressViews:
    """Analytics for the diary whose content has this digest (the check-ins themselves are not hashed)."""
    frame = to_frame(_check_ins)
    tolerance = movement_tolerance(frame)
    return ProgressViews(
        daily_pain(frame),
        tolerance,
        sessions_by_day(frame),
        trend(frame, days=7),
        tuple(tolerated_at_last_rating(tolerance)),
    )


def between(table: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """The rows of a per-day table from start to end, both included."""
    days = table["date"].dt.date
    shown: pd.DataFrame = table[(days >= start) & (days <= end)]
    return shown


def chart_specs(digest: str, start: date, end: date, views: ProgressViews) -> ChartSpecs:
    """The charts for one diary and date range, in the colours of the theme this browser shows."""
    return _chart_specs(digest, start, end, scheme(), views)


@st.cache_resource(max_entries=256, ttl=PROGRESS_CACHE_TTL, show_spinner=False)
def _chart_specs(digest: str, start: date, end: date, colours: Scheme, _views: ProgressViews) -> ChartSpecs:
    """The charts for one diary, date range and theme, validated once and then served from the cache."""
    tolerance = between(_views.tolerance, start, end)
    return ChartSpecs(
        pain=ready_spec(pain_chart(between(_views.daily, start, end), colours)),
        tolerance=None if tolerance.empty else ready_spec(tolerance_chart(tolerance)),
        sessions=ready_spec(sessions_chart(between(_views.sessions, start, end), colours)),
    )
