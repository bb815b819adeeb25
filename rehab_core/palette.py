"""The coach's colours, light and dark, read once from the theme settings and handed to whatever draws.

The theme (`[theme]`, `[theme.light]`, `[theme.dark]` in `.streamlit/config.toml`, or Streamlit's
command-line flags and environment) colours Streamlit's own widgets. Everything the app draws
itself (charts, the projector, the PDF, the focus ring, the project's logo) takes its colours from
the Palette made here, so a coach who changes the theme changes every colour a person sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rehab_core.catalogue import read_toml
from rehab_core.errors import InvalidInput, short_repr

# The theme file a coach edits, beside the app (Streamlit reads it from the folder it runs in).
THEME_FILE = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"
ThemeType = Literal["light", "dark"]
THEME_TYPES: tuple[ThemeType, ...] = ("light", "dark")
# The colours the palette carries, by their Streamlit option name.
FIELDS: dict[str, str] = {"primary": "primaryColor", "text": "textColor", "background": "backgroundColor"}
# Streamlit's own defaults (1.67) for an option the theme leaves out: what its widgets then show.
STREAMLIT_DEFAULTS: dict[ThemeType, dict[str, str]] = {
    "light": {"primary": "#ff4b4b", "text": "#31333f", "background": "#ffffff"},
    "dark": {"primary": "#ff4b4b", "text": "#fafafa", "background": "#0e1117"},
}
# Every Streamlit option the palette reads, in the order it reads them.
THEME_OPTIONS: tuple[str, ...] = tuple(
    f"theme.{section}{name}" for name in FIELDS.values() for section in ("light.", "dark.", "")
)
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+%?\s*)?\)")
# The project's logo marks the shapes drawn in the primary colour with this attribute.
PRIMARY_MARK = 'data-fill="primary"'
_MARKED_TAG = re.compile(r"<[^<>]*\b" + re.escape(PRIMARY_MARK) + r"[^<>]*>")
_FILL = re.compile(r'(?<![\w-])fill="[^"]*"')


@dataclass(frozen=True)
class Scheme:
    """One theme's colours, each a lower-case #rrggbb."""

    primary: str
    text: str
    background: str

    @property
    def primary_rgb(self) -> tuple[int, int, int]:
        """The primary colour as red, green and blue from 0 to 255 (what the PDF draws with)."""
        return rgb(self.primary)


@dataclass(frozen=True)
class Palette:
    """The light and the dark theme's colours."""

    light: Scheme
    dark: Scheme

    def scheme(self, theme: str | None) -> Scheme:
        """The colours of the theme a browser shows ("dark"); anything else, or unknown, is light."""
        return self.dark if theme == "dark" else self.light


def rgb(colour: str) -> tuple[int, int, int]:
    """#rrggbb (as Scheme holds it) as three numbers from 0 to 255."""
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def normal_colour(value: object, where: str) -> str:
    """A theme colour as #rrggbb: "#abc", "#AABBCC" and "rgb(1, 2, 3)" are accepted."""
    if isinstance(value, str):
        text = value.strip()
        if _HEX.fullmatch(text):
            digits = text[1:]
            if len(digits) == 3:
                digits = "".join(digit * 2 for digit in digits)
            return "#" + digits.lower()
        match = _RGB.fullmatch(text)
        if match and all(int(part) <= 255 for part in match.groups()):
            return "#" + "".join(f"{int(part):02x}" for part in match.groups())
    raise InvalidInput(
        f"{where}: {short_repr(value)} is not a colour this app can draw with; write it as a hex "
        'code such as "#8a2be2" or as "rgb(138, 43, 226)"'
    )


def palette_from_options(option: Callable[[str], Any]) -> Palette:
    """The palette from Streamlit's theme options, as `option("theme.light.primaryColor")` gives them.

    A colour set in [theme.light] or [theme.dark] wins over the same colour in [theme]; one set in
    neither is Streamlit's default, as the widgets show it.
    """
    schemes: dict[ThemeType, Scheme] = {}
    for theme in THEME_TYPES:
        colours: dict[str, str] = {}
        for field, name in FIELDS.items():
            for key in (f"theme.{theme}.{name}", f"theme.{name}"):
                value = option(key)
                if value not in (None, ""):
                    colours[field] = normal_colour(value, f"the theme's {key}")
                    break
            else:
                colours[field] = STREAMLIT_DEFAULTS[theme][field]
        schemes[theme] = Scheme(**colours)
    return Palette(light=schemes["light"], dark=schemes["dark"])


def palette_from_file(path: Path) -> Palette:
    """The palette of a Streamlit config file's [theme] tables (for code that runs without Streamlit)."""
    data = read_toml(path)
    theme = data.get("theme", {})

    def option(key: str) -> Any:
        table: Any = {"theme": theme}
        for part in key.split("."):
            table = table.get(part) if isinstance(table, dict) else None
        return table

    return palette_from_options(option)


def themed_svg(svg: str, scheme: Scheme) -> str:
    """The drawing with every shape marked data-fill="primary" filled in the scheme's primary colour.

    Other drawings (a coach's own logo) are returned unchanged.
    """

    def recolour(tag: re.Match[str]) -> str:
        return _FILL.sub(f'fill="{scheme.primary}"', tag.group(0))

    return _MARKED_TAG.sub(recolour, svg)
