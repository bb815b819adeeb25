"""One source for every fact a person sees: numbers from their constants, the notice and titles once.

A number typed into a sentence ("3 or less", "once 3 people", "three sessions a day") goes stale
the day its constant changes. The scan below reads every text the app can show (the string
literals of pages/, ui/ and rehab_core/, docstrings left out, and the content files) and fails on
such a number beside its words; the texts build them from the constant instead (an f-string's
values are not literals, so they pass). The About page is then rendered with changed constants.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core import protocol
from rehab_core.config import SAFETY_NOTICE
from rehab_core.learn import learn_page
from rehab_core.palette import THEME_FILE
from ui.navigation import LEARN, PAGES

APP_DIR = THEME_FILE.parents[1]
NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# A number beside the words of a constant: the pain limits, the room's minimum, the sessions a
# day, the count of movements.
TYPED_NUMBER = re.compile(
    "|".join(
        (
            rf"\b{NUMBER} or (?:less|below|lower)\b",
            r"\b(?:[2-9]|10) or (?:more|above|higher)\b",
            rf"\bonce {NUMBER} (?:people|have|of)\b",
            rf"\bat least {NUMBER} (?:people|have|answers)\b",
            rf"\b{NUMBER} (?:rehab )?(?:sessions|times) a day\b",
            rf"\b{NUMBER} (?:test |gentle )movements\b",
            rf"\bthe {NUMBER} (?:test |gentle )?movements\b",
            r"\bpain (?:of |above |below |at )?\d+\b",
        )
    ),
    re.IGNORECASE,
)


def shown_literals(path: Path) -> Iterator[tuple[int, str]]:
    """Every string literal of a module that is not a docstring, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def typed_numbers() -> list[str]:
    found = []
    for folder in ("pages", "ui", "rehab_core"):
        for path in sorted((APP_DIR / folder).rglob("*.py")):
            for line, text in shown_literals(path):
                found += [
                    f"{path.relative_to(APP_DIR)}:{line}: {hit.group(0)!r}"
                    for hit in TYPED_NUMBER.finditer(text)
                ]
    for path in sorted((APP_DIR / "content").rglob("*")):
        if path.suffix in {".md", ".toml"}:
            for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                found += [
                    f"{path.relative_to(APP_DIR)}:{line}: {hit.group(0)!r}"
                    for hit in TYPED_NUMBER.finditer(text)
                ]
    return found


def test_no_text_types_a_number_that_a_constant_holds() -> None:
    assert typed_numbers() == [], "build these from the constant (an f-string, or a {{ PLACEHOLDER }})"


@pytest.mark.parametrize(
    "sentence",
    [
        "whose pain stayed at 3 or less; most tolerated first",
        "a question shows once 3 people have answered it",
        "One reminder for each of the three sessions a day",
        "A safety check, your pain, ten gentle movements and a plan",
        "Only movements that caused pain of 3 or below go into your plan",
    ],
)
def test_the_scan_finds_each_number_that_was_typed_twice_before(sentence: str) -> None:
    assert TYPED_NUMBER.search(sentence)


def test_the_scan_leaves_numbers_that_are_no_constant_alone() -> None:
    for sentence in ("for 10 to 20 minutes", "two sessions are at the same time", "aged 50 or under"):
        assert not TYPED_NUMBER.search(sentence), sentence


def test_each_learn_pages_link_and_tooltip_are_its_front_matters_title_and_summary() -> None:
    learn = [spec for spec in PAGES if spec.section == LEARN]
    assert learn
    for spec in learn:
        page = learn_page(spec.url_path)
        assert (spec.title, spec.help) == (page.title, page.summary), spec.file


def test_the_pages_and_the_pdf_read_the_one_safety_notice() -> None:
    import rehab_core.plan_pdf
    import ui.frame

    assert ui.frame.SAFETY_NOTICE is SAFETY_NOTICE
    assert rehab_core.plan_pdf.SAFETY_NOTICE is SAFETY_NOTICE
    for path in (APP_DIR / "ui" / "frame.py", APP_DIR / "rehab_core" / "plan_pdf.py"):
        assert "Education, not diagnosis" not in path.read_text(encoding="utf-8"), path.name


def test_about_shows_the_rules_numbers_from_the_constants_when_they_change(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(protocol, "TOLERATED_MAX_PAIN", 2)
    monkeypatch.setattr(protocol, "SESSIONS_PER_DAY", 4)
    monkeypatch.setattr(protocol, "PLAN_MAX", 6)
    app = open_page("about")
    assert not app.exception
    text = "\n".join(element.value for element in app.markdown)
    assert "caused pain of 2 or less" in text
    assert "4 times a day" in text
    assert f"Pick {protocol.PLAN_MIN} to 6 of the test movements" in text
