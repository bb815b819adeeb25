"""What a page shown inside another website cannot do, and the way out: the app in its own tab."""

from __future__ import annotations

import streamlit as st

from ui.sign_in import top_level_url

# The cookie Streamlit checks every upload against (its double-submit XSRF token). Streamlit's own
# name for it is XSRF_COOKIE_NAME in streamlit.web.server.starlette.starlette_server_config.
XSRF_COOKIE = "_streamlit_xsrf"


def uploads_refused_here() -> bool:
    """True when Streamlit will refuse any upload from this browser tab ("AxiosError ... 403").

    Streamlit accepts an upload only when the request carries its XSRF cookie. Inside an iframe on
    another site the browser withholds that cookie: Streamlit sets it SameSite=Lax by default, and
    a browser that blocks third-party cookies withholds it from every iframe of another site. The
    tab's own connection then arrived without it too, which is what this reads. No headers means no
    browser at all (a test harness): nothing to refuse.
    """
    if not st.get_option("server.enableXsrfProtection") or not len(st.context.headers):
        return False
    return XSRF_COOKIE not in st.context.cookies


def render_open_in_own_tab(what: str, *, own_diary: bool) -> None:
    """Say that `what` does not work inside this website, why in a person's words, and link to the app.

    `own_diary`: whether the app in its own tab opens the same diary (kept on this computer or in
    an account) or a fresh one for that tab only (a diary kept in this tab's memory).
    """
    where = (
        "Your diary is the same there."
        if own_diary
        else "There the app keeps a new diary for that tab: import your file there and carry on in that tab."
    )
    st.warning(
        f"{what} does not work inside another website's page: your browser holds back the security "
        f"check the app needs for a file. Open the app in its own tab to do it. {where}",
        title=f"{what}: open the app in its own tab",
        icon=":material/open_in_new:",
    )
    st.link_button("Open the app in its own tab", top_level_url(), icon=":material/open_in_new:")
