"""The 0-10 pick used wherever a person rates pain: no number is chosen until they tap one."""

from __future__ import annotations

import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN
from rehab_core.pain_scale import pain_words

PAIN_OPTIONS = tuple(range(PAIN_MIN, PAIN_MAX + 1))


def pain_pick(
    label: str, key: str, *, help: str, default: int | None = None, show_words: bool = True
) -> int | None:
    """Eleven buttons, 0 to 10, none picked unless `default` says so; the words of the pick beneath.

    Inside a form the words would only change on submit, so a form passes show_words=False.
    """
    picked: int | None = st.pills(label, PAIN_OPTIONS, default=default, key=key, help=help)
    if show_words and picked is not None:
        st.markdown(f"**{picked}: {pain_words(picked)}**")
    return picked
