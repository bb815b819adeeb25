"""The movement and stretch drawings move: a slow CSS loop, still for reduced motion, the picture first."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rehab_core import movements
from rehab_core.catalogue import CONTENT_DIR
from rehab_core.stretches import stretches

ILLUSTRATIONS = CONTENT_DIR / "illustrations"
SVG = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 3_000  # "a few KB each"
MIN_SECONDS = 3  # looping slowly
DRAWINGS = sorted(
    {ILLUSTRATIONS / item.illustration for item in (*movements(), *stretches())}, key=lambda path: path.name
)

_RULE = re.compile(r"\.([a-z][a-z0-9-]*)\s*\{([^{}]*)\}")
_KEYFRAMES = re.compile(r"@keyframes\s+([a-z][a-z0-9-]*)\s*\{((?:[^{}]*\{[^{}]*\})*)\s*\}")
_FRAME = re.compile(r"([^{}]+)\{([^{}]*)\}")
_REDUCED = re.compile(r"@media\s*\(prefers-reduced-motion:\s*reduce\)\s*\{\s*([^{}]+)\{([^{}]*)\}\s*\}")


def style_of(root: ET.Element) -> str:
    styles = root.findall(f"{SVG}style")
    assert len(styles) == 1, "one <style> element holds the animation"
    return styles[0].text or ""


def animated_classes(css: str) -> dict[str, tuple[str, float]]:
    """Class -> (keyframes name, seconds) for every class rule with an animation."""
    found: dict[str, tuple[str, float]] = {}
    for name, body in _RULE.findall(re.sub(r"@media[^{]*\{.*?\}\s*\}", "", css, flags=re.DOTALL)):
        match = re.search(r"animation:\s*([a-z][a-z0-9-]*)\s+([\d.]+)s\b[^;]*infinite", body)
        if match:
            found[name] = (match.group(1), float(match.group(2)))
    return found


def first_frame(css: str, keyframes: str) -> str:
    """The declarations of the 0% (first) frame of a @keyframes block."""
    for name, frames in _KEYFRAMES.findall(css):
        if name == keyframes:
            for selector, body in _FRAME.findall(frames):
                if {part.strip() for part in selector.split(",")} & {"0%", "from"}:
                    return " ".join(body.split())
    raise AssertionError(f"no first frame in @keyframes {keyframes}")


def test_every_movement_and_stretch_has_a_drawing_file() -> None:
    assert len(DRAWINGS) == len(movements()) + len(stretches())
    assert all(path.is_file() for path in DRAWINGS)


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda path: path.name)
def test_each_drawing_is_valid_svg_with_a_title_and_a_description(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and len((desc.text or "").split()) >= 8
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert path.stat().st_size <= MAX_BYTES


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda path: path.name)
def test_each_drawing_moves_slowly_with_css_and_no_script(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    root = ET.parse(path).getroot()
    classes = animated_classes(style_of(root))
    assert classes, "a class with an infinite CSS animation"
    for name, (_, seconds) in classes.items():
        assert seconds >= MIN_SECONDS, f".{name} loops every {seconds} s"
        assert root.find(f".//*[@class='{name}']") is not None, f"nothing in the drawing has class {name}"
    # No script and no SMIL: CSS is what prefers-reduced-motion can stop.
    assert not any(tag in text for tag in ("<script", "<animate", "<set ", "onload", "javascript:"))


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda path: path.name)
def test_each_drawing_stands_still_when_reduced_motion_is_asked_for(path: Path) -> None:
    css = style_of(ET.parse(path).getroot())
    reduced = _REDUCED.search(css)
    assert reduced, "an @media (prefers-reduced-motion: reduce) rule"
    selectors, body = reduced.groups()
    stilled = {selector.strip().removeprefix(".") for selector in selectors.split(",")}
    assert "animation: none" in body
    assert set(animated_classes(css)) <= stilled


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda path: path.name)
def test_each_drawings_first_frame_is_its_still_picture(path: Path) -> None:
    # The plan PDF draws these files with fpdf2, which ignores animation: the geometry in the file
    # is the still picture, so every animation starts (and ends) exactly there.
    root = ET.parse(path).getroot()
    css = style_of(root)
    for name, (keyframes, _) in animated_classes(css).items():
        first = first_frame(css, keyframes)
        element = root.find(f".//*[@class='{name}']")
        assert element is not None
        if first.startswith("d:"):
            assert first == f'd: path("{element.get("d")}");', f"{keyframes} does not start at the drawn path"
        else:
            assert first == "transform: none;", f"{keyframes} starts at {first}"


def test_the_animation_checks_would_catch_a_still_drawing_and_one_that_ignores_reduced_motion() -> None:
    still = (ILLUSTRATIONS / "bird-dog.svg").read_text(encoding="utf-8")
    without_motion = re.sub(r"<style>.*?</style>", "<style></style>", still, flags=re.DOTALL)
    assert not animated_classes(style_of(ET.fromstring(without_motion)))
    ignoring = re.sub(r"@media[^\n]*\n", "", still)
    assert not _REDUCED.search(style_of(ET.fromstring(ignoring)))
    shifted = still.replace("0%, 100% { transform: none; }", "0%, 100% { transform: rotate(5deg); }", 1)
    with pytest.raises(AssertionError):
        first = first_frame(style_of(ET.fromstring(shifted)), "reach-arm")
        assert first == "transform: none;"
