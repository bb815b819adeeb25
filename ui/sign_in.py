"""Sign-in for account mode: why it is needed, and a way to do it that works where the page is shown."""

from __future__ import annotations

import streamlit as st


def render_sign_in(reason: str, key: str = "sign_in") -> None:
    """Account mode without a signed-in person: explain why, and offer sign-in that works here."""
    st.info(reason, icon=":material/lock:")
    if st.context.is_embedded:
        # Identity cookies do not reach a cross-site iframe, so sign-in must happen at top level.
        st.link_button("Open in a new tab to sign in", top_level_url(), icon=":material/open_in_new:")
    else:
        st.button("Sign in", key=key, on_click=st.login, icon=":material/login:")


def top_level_url() -> str:
    """This page's address without the embed options, for opening the app in its own tab."""
    url = st.context.url or "/"
    return url.split("?", 1)[0]
