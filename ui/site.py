"""The site file and content of this deploy, read once per server process and checked at start-up."""

from __future__ import annotations

import base64
import functools
import logging
import os
from pathlib import Path

import streamlit as st
from streamlit import config as streamlit_config

from rehab_core.config import SiteConfig, site
from rehab_core.errors import InvalidInput
from rehab_core.palette import THEME_OPTIONS, Palette, Scheme, palette_from_options, themed_svg
from rehab_core.setup_checks import file_problem, setup_problems
from ui.navigation import APP_DIR, existing_pages

_LOG = logging.getLogger("back_in_action.setup")


@st.cache_resource(show_spinner=False)
def site_config() -> SiteConfig:
    """The site file with environment overrides (a frozen value, shared by every session)."""
    return site()


def palette() -> Palette:
    """The coach's colours, light and dark, from the theme as Streamlit has it (file, flags, environment)."""
    return _palette_of(tuple(st.get_option(name) for name in THEME_OPTIONS))


@functools.lru_cache(maxsize=4)
def _palette_of(values: tuple[object, ...]) -> Palette:
    return palette_from_options(dict(zip(THEME_OPTIONS, values, strict=True)).get)


def scheme() -> Scheme:
    """The colours of the theme this browser shows now (light when it has not said)."""
    try:
        theme = st.context.theme.type
    except Exception:  # no browser behind this run (a bare script run)
        theme = None
    return palette().scheme(theme)


@functools.lru_cache(maxsize=16)  # not st.cache_*: hashing the Path argument cost more than the read
def image_source(path: Path, colours: Scheme | None = None) -> str:
    """What to give st.logo and the page icon for an image file, read once per process.

    Streamlit reads an SVG file on every call and sends it inline as a data: URL; handing it that
    URL saves reading and encoding the file on every run of every session. Other images stay
    paths, which Streamlit serves as files. With `colours`, an SVG's shapes marked for the primary
    colour (the project's logo) take the theme's.
    """
    if path.suffix.lower() != ".svg":
        return str(path)
    svg = path.read_text(encoding="utf-8")
    if colours is not None:
        svg = themed_svg(svg, colours)
    if "xmlns" not in svg:  # as Streamlit does: an <img> shows an SVG only with its namespace
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return svg_data_uri(svg)


def svg_data_uri(svg: str) -> str:
    """An SVG drawing as an inline data: URL, so the browser fetches nothing."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def content_problem() -> str | None:
    """What is wrong with the site file, a content file or a setting, naming each; None if all is well."""
    try:
        site_config()
        palette()
    except InvalidInput as error:
        return str(error)
    except OSError as error:  # a folder in place of a file, a file nobody may read
        return file_problem(error)
    problems = setup_problems_now()
    return " ".join(problems) if problems else None


def secrets_files() -> list[Path]:
    """The secrets.toml files Streamlit reads: the user's, the start folder's and the app's own."""
    found = [Path(name) for name in streamlit_config.get_config_files("secrets.toml")]
    return list(dict.fromkeys([*found, APP_DIR / ".streamlit" / "secrets.toml"]))


@st.cache_resource(show_spinner=False)
def setup_problems_now() -> list[str]:
    """rehab_core.setup_checks for this server: once per process, logged when found."""
    learn_slugs = [spec.url_path for spec in existing_pages() if spec.section == "Learn"]
    problems = setup_problems(os.environ, secrets_files(), learn_slugs)
    for problem in problems:
        _LOG.error("Back in Action set-up problem: %s", problem)
    return problems


def checked_site_config() -> SiteConfig:
    """The site config after checking every content file; a broken file stops the app with its name."""
    problem = content_problem()
    if problem is not None:
        st.set_page_config(page_title="Set-up problem")
        st.error(
            f"The app cannot start because its set-up needs fixing. {problem}",
            icon=":material/error:",
        )
        st.stop()
    return site_config()
