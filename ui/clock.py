"""The visitor's own clock: check-ins, file names and reminders use the browser's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st


def visitor_timezone() -> ZoneInfo:
    """The browser's time zone, so check-ins and reminders use the person's own clock."""
    try:
        return ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def now_here() -> datetime:
    """This moment on the visitor's clock."""
    return datetime.now(UTC).astimezone(visitor_timezone())
