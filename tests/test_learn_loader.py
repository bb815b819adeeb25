"""Loading Learn pages: good pages load whole; a malformed one is rejected naming the file and the problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rehab_core import InvalidInput, protocol
from rehab_core.learn import LEARN_DIR, load_page, page_slugs

GOOD = """---
title: A page
summary: What the page is about.
sources:
  - name: NHS back pain
    url: https://www.nhs.uk/conditions/back-pain/
last_reviewed: 2025-06-01
---
Rest above {{ REHAB_MAX_PAIN }}. Heat at {{HEAT_MAX_PAIN}} or below.
"""


def write(tmp_path: Path, text: str, name: str = "broken.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_page_loads_with_its_front_matter_and_filled_numbers(tmp_path: Path) -> None:
    page = load_page(write(tmp_path, GOOD, "good.md"))
    assert page.slug == "good"
    assert page.title == "A page"
    assert page.summary == "What the page is about."
    assert page.last_reviewed == dt.date(2025, 6, 1)
    assert [(s.name, s.url) for s in page.sources] == [
        ("NHS back pain", "https://www.nhs.uk/conditions/back-pain/")
    ]
    assert page.body == (f"Rest above {protocol.REHAB_MAX_PAIN}. Heat at {protocol.HEAT_MAX_PAIN} or below.")


def test_every_shipped_page_loads() -> None:
    for slug in page_slugs():
        assert load_page(LEARN_DIR / f"{slug}.md").body


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: t.replace("title: A page\n", ""), "'title'"),
        (lambda t: t.replace("title: A page", "title: ''"), "'title'"),
        (lambda t: t.replace("summary: What the page is about.\n", ""), "'summary'"),
        (lambda t: t.replace("last_reviewed: 2025-06-01", "last_reviewed: last week"), "'last_reviewed'"),
        (lambda t: t.replace("last_reviewed: 2025-06-01\n", ""), "'last_reviewed'"),
        (
            lambda t: t.replace(
                "sources:\n  - name: NHS back pain\n    url: https://www.nhs.uk/conditions/back-pain/\n",
                "sources: []\n",
            ),
            "'sources'",
        ),
        (
            lambda t: t.replace("    url: https://www.nhs.uk/conditions/back-pain/\n", ""),
            "source 1, front matter field 'url'",
        ),
        (lambda t: t.replace("https://www.nhs.uk/conditions/back-pain/", "nhs.uk"), "not a web address"),
        (
            lambda t: t.replace("  - name: NHS back pain\n    url", "  - name: NHS\n    page: x\n    url"),
            "unknown field 'page'",
        ),
        (
            lambda t: t.replace("title: A page", "title: A page\nauthor: someone"),
            "unknown front matter field 'author'",
        ),
        (lambda t: t.replace("title: A page", "title: [unclosed"), "not valid YAML"),
        (lambda t: t.split("---", 2)[2], "no front matter"),
        (lambda t: t.rsplit("---", 1)[0] + "---\n", "no text"),
        (
            lambda t: t.replace("{{ REHAB_MAX_PAIN }}", "{{ MAX_PAINN }}"),
            "unknown placeholder {{ MAX_PAINN }}",
        ),
        (lambda t: t.replace("{{ REHAB_MAX_PAIN }}", "{{ REHAB_MAX_PAIN"), "not closed"),
    ],
)
def test_a_malformed_page_is_rejected_naming_the_file_and_the_problem(
    tmp_path: Path, change: object, problem: str
) -> None:
    assert callable(change)
    broken = change(GOOD)
    assert broken != GOOD
    with pytest.raises(InvalidInput) as raised:
        load_page(write(tmp_path, broken))
    assert "broken.md" in str(raised.value)
    assert problem in str(raised.value)


def test_a_missing_page_is_rejected_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"nowhere\.md: the page file is missing"):
        load_page(tmp_path / "nowhere.md")


def test_a_page_that_is_not_utf8_is_rejected_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes(GOOD.replace("A page", "Caf\u00e9").encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"latin\.md: not valid UTF-8"):
        load_page(path)


def test_placeholders_in_the_summary_are_filled_too(tmp_path: Path) -> None:
    text = GOOD.replace("What the page is about.", "Pain from {{ PAIN_MIN }} to {{ PAIN_MAX }}.")
    page = load_page(write(tmp_path, text, "summary.md"))
    assert page.summary == f"Pain from {protocol.PAIN_MIN} to {protocol.PAIN_MAX}."
