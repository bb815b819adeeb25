"""The yardstick of the benchmark: the smallest Streamlit app, a title and one slider.

It starts up as Back in Action does (ui/startup.py: the same libraries loaded, then the heap
frozen), so the floor differs from the app in its pages only, not in what a process carries.
"""

import sys
from pathlib import Path

import streamlit as st

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # the repository, for ui.startup; once, not on every run
    sys.path.insert(0, REPOSITORY)
import ui.startup  # noqa: E402, F401

st.title("Minimal app")
st.slider("A number", min_value=0, max_value=100, value=50, key="number")
