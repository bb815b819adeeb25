"""The shared frame around every page: branding, links, the safety notice, diary mode and demo data."""

from __future__ import annotations

import functools
import html

import streamlit as st

from rehab_core.config import SAFETY_NOTICE, SiteConfig, emergency_markdown, escape_markdown
from rehab_core.store import StoreUnavailable
from ui.demo import DEMO_PARAM, demo_loaded, keep_demo_in_address, load_demo, reset_demo
from ui.room_banner import render_room_banner
from ui.sign_in import render_sign_in
from ui.site import image_source, scheme, site_config
from ui.state import init_state
from ui.storage import current_diary
from ui.store_errors import show_store_problem, start_run

__all__ = ["NOTICE_LABEL", "SAFETY_NOTICE", "render_frame", "safety_notice_markdown", "site_config"]


# The notice's one line atop every page opens the whole notice in a popover with this label.
NOTICE_LABEL = "Not a diagnosis"


def safety_notice_markdown(config: SiteConfig) -> str:
    """The notice atop every page: education, not diagnosis, and the emergency number to tap."""
    return f":material/health_and_safety: {SAFETY_NOTICE} In an emergency, {emergency_markdown(config)}"


# WCAG 2.4.7: where the keyboard is must be plain to see. Streamlit's own focus marks are faint
# on check boxes, radio buttons and the sidebar's links, so every focused control gets a ring in
# two tones, the theme's primary colour outside a white edge, which shows on the light and the dark theme.
# A chart's toolbar (show data, download, full screen) sits in the 44 px just above the chart,
# over the end of whatever comes before it (the date picker's calendar button, a line of text):
# charts keep that room free.
# The coach's links in the sidebar are Markdown links drawn as buttons: a border, the text's
# colour, and at least 44 px high (WCAG 2.5.8's target size with room to spare).
# The style goes out inside the safety notice's line (below), not as an element of its own: every
# element costs server time on every run of every page (docs/performance.md).
@functools.lru_cache(maxsize=4)
def frame_style(primary: str) -> str:
    return f"""<style>
:focus-visible,
label:has(input:focus-visible),
[data-testid="stSidebarNavLink"]:focus-visible {{
  outline: 3px solid {primary} !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #ffffff !important;
  border-radius: 4px;
}}
[data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"]) {{ margin-top: 2.75rem; }}
[data-testid="stSidebarUserContent"] [data-testid="stMarkdownContainer"] p:has(> a) {{
  display: flex; flex-wrap: wrap; gap: 0.5rem;
}}
[data-testid="stSidebarUserContent"] [data-testid="stMarkdownContainer"] p > a {{
  display: inline-flex; align-items: center; gap: 0.375rem; min-height: 2.75rem;
  padding: 0.25rem 0.75rem; border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
  border-radius: 0.5rem; color: inherit; text-decoration: none;
}}
[data-testid="stSidebarUserContent"] [data-testid="stMarkdownContainer"] p > a:hover {{
  border-color: {primary}; color: {primary};
}}
</style>"""


def render_frame(config: SiteConfig) -> None:
    """Sidebar branding, links, sign-in and demo controls; the safety notice atop the page."""
    init_state()
    start_run()
    colours = scheme()
    if st.query_params.get(DEMO_PARAM) == "1" and not demo_loaded():
        load_demo()
    keep_demo_in_address()
    with st.sidebar:
        if config.logo_path is not None:
            st.logo(image_source(config.logo_path, colours), size="large")
        st.markdown(sidebar_markdown(config))
        _render_account(config)
        _render_demo_controls()
    _render_safety_notice(config, colours.primary)
    render_room_banner()  # a workshop room's participant: which room, and that answers are only totals
    try:
        diary = current_diary()
    except StoreUnavailable as error:
        show_store_problem(error)  # once per run; the Learn pages still work meanwhile
        return
    if diary is not None and diary.notice:
        st.markdown(f":material/info: {diary.notice}")


def sidebar_markdown(config: SiteConfig) -> str:
    """The coach's name, the tagline under it, then the contact and booking links, as one block.

    One Markdown element instead of a block, a row and a button per link (each element costs
    server time on every run of every page); frame_style draws the links as buttons. Like the
    link buttons they were, they open in a new tab (Streamlit's Markdown links do).
    """
    text = f"**{config.name}**  \n{config.tagline}" if config.tagline else f"**{config.name}**"
    links = [
        f"[{icon} {label}](<{url.replace('<', '%3C').replace('>', '%3E')}>)"
        for label, icon, url in (
            ("Contact", ":material/mail:", config.contact_url),
            ("Book a session", ":material/event:", config.booking_url),
        )
        if url
    ]
    return f"{text}\n\n{' '.join(links)}" if links else text


def emergency_line(config: SiteConfig) -> str:
    """The notice's one line: the emergency number to tap."""
    emergency = config.care.emergency
    label = html.escape(escape_markdown(emergency.label), quote=False)
    return f":material/emergency: **Emergency:** [{label}]({emergency.tel_href})"


def _render_safety_notice(config: SiteConfig, primary: str) -> None:
    """One line with the emergency number to tap; the whole notice one tap away.

    Six lines of notice filled a phone's first screen on every page, above the page's own title.
    The frame's style rides in the same element (HTML allowed for it; the label is escaped).
    """
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.markdown(
        f"{frame_style(primary)}\n\n{emergency_line(config)}", unsafe_allow_html=True, width="content"
    )
    with row.popover(NOTICE_LABEL, icon=":material/health_and_safety:", type="tertiary"):
        st.markdown(safety_notice_markdown(config))


def _render_account(config: SiteConfig) -> None:
    if config.storage_mode != "account":
        return
    if st.user.is_logged_in:
        st.markdown(f"Signed in as {st.user.get('name') or st.user.get('email') or 'you'}")
        st.button("Sign out", key="sign_out", on_click=st.logout, icon=":material/logout:")
    else:
        render_sign_in("Sign in to keep your own diary.", key="sign_in_sidebar")


def _render_demo_controls() -> None:
    # Drawn only while open (a closed expander that reruns on toggle sends nothing): every run of
    # every page carries the frame, and most visitors never open this.
    demo = st.expander("Workshop demo", icon=":material/co_present:", key="demo_controls", on_change="rerun")
    if not demo.open:
        return
    with demo:
        if demo_loaded():
            st.markdown("Demo data is loaded in this tab only.")
            st.button("Reset demo", key="demo_reset", on_click=reset_demo, icon=":material/restart_alt:")
        else:
            st.markdown("Three weeks of a made-up recovery, in this tab only. Nothing is saved.")
            st.button("Load demo diary", key="demo_load", on_click=load_demo, icon=":material/play_arrow:")
