"""The shared frame around every page: branding, links, the safety notice, diary mode and demo data."""

from __future__ import annotations

import functools

import streamlit as st

from rehab_core.config import SAFETY_NOTICE, SiteConfig, emergency_markdown, escape_markdown
from rehab_core.palette import Scheme
from rehab_core.store import StoreUnavailable
from ui.demo import DEMO_PARAM, TOAST_RULE, demo_loaded, keep_demo_in_address, load_demo, reset_demo
from ui.exercise_cards import CARD_RULE
from ui.room_banner import render_room_banner
from ui.sign_in import render_sign_in
from ui.site import image_source, scheme, site_config
from ui.state import init_state
from ui.storage import current_diary
from ui.store_errors import show_store_problem, start_run

__all__ = [
    "NOTICE_ID",
    "NOTICE_LABEL",
    "SAFETY_NOTICE",
    "render_frame",
    "safety_notice_markdown",
    "site_config",
]


# The notice's one line atop every page opens the whole notice in a popover with this label.
NOTICE_LABEL = "Not a diagnosis"
# The popover's id in the page, and the class of the button that opens it.
NOTICE_ID = "safety-notice"
NOTICE_BUTTON_CLASS = "safety-notice-button"


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
# The notice's button and its popover (see notice_markdown) in the theme's colours.
# All of it goes out inside the notice's one element, not as an element of its own: every element
# costs server time on every run of every page (docs/performance.md).
@functools.lru_cache(maxsize=4)
def frame_style(colours: Scheme) -> str:
    primary, text, background = colours.primary, colours.text, colours.background
    sidebar_text = '[data-testid="stSidebarUserContent"] [data-testid="stMarkdownContainer"]'
    rules = (
        ':focus-visible, label:has(input:focus-visible), [data-testid="stSidebarNavLink"]:focus-visible'
        f" {{ outline: 3px solid {primary} !important; outline-offset: 2px !important;"
        " box-shadow: 0 0 0 2px #ffffff !important; border-radius: 4px; }",
        '[data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"]) { margin-top: 2.75rem; }',
        f"{sidebar_text} p:has(> a) {{ display: flex; flex-wrap: wrap; gap: 0.5rem; }}",
        f"{sidebar_text} p > a {{ display: inline-flex; align-items: center; gap: 0.375rem;"
        " min-height: 2.75rem; padding: 0.25rem 0.75rem; border-radius: 0.5rem; color: inherit;"
        " border: 1px solid color-mix(in srgb, currentColor 25%, transparent); text-decoration: none; }",
        f"{sidebar_text} p > a:hover {{ border-color: {primary}; color: {primary}; }}",
        f".{NOTICE_BUTTON_CLASS}:hover {{ color: {primary}; }}",
        f"p:has(> .{NOTICE_BUTTON_CLASS}) {{ display: flex; flex-wrap: wrap; align-items: center;"
        " gap: 0 0.3rem; margin: 0; }",
        # The emergency number is the line's most important target: as tall as the button.
        f"p:has(> .{NOTICE_BUTTON_CLASS}) > a {{ display: inline-flex; align-items: center;"
        " min-height: 2.75rem; padding: 0 0.25rem; }",
        f".{NOTICE_BUTTON_CLASS} {{ display: inline-flex; align-items: center; gap: 0.375rem;"
        " min-height: 2.75rem; padding: 0 0.5rem; border: none; border-radius: 0.5rem; background: none;"
        " color: inherit; font: inherit; font-size: 0.875rem; white-space: nowrap; cursor: pointer; }",
        f"#{NOTICE_ID} {{ margin: 8.5rem auto auto; max-width: min(32rem, calc(100vw - 2rem));"
        f" padding: 0.75rem 1rem; color: {text}; background: {background};"
        " border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: 0.5rem;"
        " box-shadow: 0 4px 16px rgba(0, 0, 0, 0.2); }",
        f"#{NOTICE_ID} p {{ margin: 0; }}",
        TOAST_RULE,
        CARD_RULE,
    )
    return "<style>" + " ".join(rules) + "</style>"


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
    st.markdown(notice_markdown(config, colours), unsafe_allow_html=True)
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


def notice_markdown(config: SiteConfig, colours: Scheme) -> str:
    """The notice atop every page as one element: the line with the emergency number to tap, and
    the whole notice one tap away, behind a button that opens it as the browser's own popover.

    Six lines of notice filled a phone's first screen on every page, above the page's own title.
    It was a row holding the line and a Streamlit popover with the notice inside, four elements on
    every run of every page; the HTML popover (`popovertarget`) is one, needs no script and no
    rerun, and closes with Escape or a tap outside. A browser without popovers shows the notice
    under the line. HTML is allowed for the style, the button and the popover; every word from
    the site file in it is Markdown-escaped.
    """
    emergency = config.care.emergency
    # Markdown-escaped words are plain text to the Markdown parser, "<" and "&" included, so
    # they cannot open a tag even with HTML allowed (rehab_core.config.escape_markdown).
    label = escape_markdown(emergency.label)
    notice = safety_notice_markdown(config)
    return (
        f"{frame_style(colours)}\n\n"
        f":material/emergency: **Emergency:** [{label}]({emergency.tel_href}) "
        f'<button type="button" class="{NOTICE_BUTTON_CLASS}" popovertarget="{NOTICE_ID}">'
        f":material/health_and_safety: {NOTICE_LABEL}</button>\n\n"
        f'<div id="{NOTICE_ID}" popover>\n\n{notice}\n\n</div>'
    )


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
