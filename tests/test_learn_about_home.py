"""AppTest: Home and About say who the app is for, About tells the coach's rules from the app's own,
and both read at grade eight or below in our own words."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import textstat
from streamlit.testing.v1 import AppTest

from rehab_core import protocol
from rehab_core.learn import MIN_AGE, plain_text
from tests.test_learn_content import MAX_GRADE, read_article, runs, words
from ui.frame import SAFETY_NOTICE


@pytest.fixture(scope="module")
def coach_article() -> str:
    return read_article()


def main_texts(app: AppTest) -> list[str]:
    """What the page itself says in its main area, in order (the sidebar left out)."""
    return [
        str(element.value)
        for kind in ("title", "subheader", "markdown", "caption", "warning", "info")
        for element in getattr(app.main, kind)
    ]


def section(app: AppTest, heading: str) -> str:
    """The text under a "###" heading of the About page (one Markdown block with its parts as headings)."""
    text = "\n".join(str(element.value) for element in app.main.markdown)
    parts = re.split(r"^### (.+)$", text, flags=re.MULTILINE)  # text before, then heading, body, ...
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if name == heading:
            return body.strip()
    raise AssertionError(f"no section {heading!r}")


def bullets(markdown: str) -> list[str]:
    return [line.removeprefix("- ") for line in markdown.splitlines() if line.startswith("- ")]


def test_about_shows_the_safety_notice_once_not_twice_in_a_row(open_page: Callable[..., AppTest]) -> None:
    app = open_page("about")
    assert not app.exception
    assert sum(text.count(SAFETY_NOTICE) for text in main_texts(app)) == 1  # the frame's, atop the page


@pytest.mark.parametrize("stem", ["home", "about"])
def test_home_and_about_say_the_app_is_for_people_sixteen_and_over(
    open_page: Callable[..., AppTest], stem: str
) -> None:
    app = open_page(stem)
    assert not app.exception
    assert f"aged {MIN_AGE} and over" in "\n".join(main_texts(app))
    assert MIN_AGE == 16  # NICE NG59's scope: low back pain and sciatica in over 16s


def test_about_lists_the_coachs_rules_with_the_protocol_numbers(open_page: Callable[..., AppTest]) -> None:
    rules = section(open_page("about"), "The coach's rules")
    p = protocol
    for phrase in (
        "rest from what hurts, ice, and assess",
        f"about {p.REHAB_MAX_PAIN} or below",
        f"below {p.HEAT_MAX_PAIN + 1}",
        f"{p.HEAT_MAX_PAIN} or below",
        f"{p.PLAN_MIN} to {p.PLAN_MAX} of the test movements",
        f"that caused pain of {p.TOLERATED_MAX_PAIN} or less",
        f"{p.REPS_MIN} to {p.REPS_MAX} reps of each, in {p.SETS_MIN} to {p.SETS_MAX} sets",
        f"{p.SESSIONS_PER_DAY} times a day",
    ):
        assert phrase in rules
    # The app's own additions are not passed off as the coach's.
    assert "minutes" not in rules and "Ice only" not in rules and "dose table" not in rules


def test_about_says_which_rules_the_app_added_and_why_for_each(open_page: Callable[..., AppTest]) -> None:
    added = section(open_page("about"), "Rules this app added, and why")
    items = bullets(added)
    assert items and all("Why:" in item for item in items)
    text = " ".join(items)
    for phrase in (
        f"Ice only while your pain is {protocol.HEAT_MAX_PAIN + 1} or more",
        "The guide has you ice every day",
        "A dose table by pain",
        "about 10 to 20 minutes of ice, 15 to 20 minutes of heat",
        f"A {protocol.PAIN_MIN} to {protocol.PAIN_MAX} scale, not 1 to 10",
        "The warning signs",
    ):
        assert phrase in text


@pytest.mark.parametrize("stem", ["home", "about"])
def test_home_and_about_read_at_grade_eight_or_below(open_page: Callable[..., AppTest], stem: str) -> None:
    prose = plain_text("\n\n".join(main_texts(open_page(stem))))
    assert len(words(prose)) > 100
    grade = textstat.flesch_kincaid_grade(prose)
    assert grade <= MAX_GRADE, f"{stem} reads at grade {grade}"


@pytest.mark.parametrize("stem", ["home", "about"])
def test_home_and_about_copy_no_run_of_eight_words_from_the_article(
    open_page: Callable[..., AppTest], stem: str, coach_article: str
) -> None:
    prose = "\n".join(main_texts(open_page(stem)))
    assert not sorted(" ".join(run) for run in runs(prose) & runs(coach_article))


def test_the_learn_pages_come_in_the_order_a_person_in_pain_needs_them() -> None:
    from ui.navigation import PAGES

    learn = [spec.url_path for spec in PAGES if spec.section == "Learn"]
    # What to expect, then the warning signs, then the daily loop; the background comes last.
    assert learn[:3] == ["living", "get_help", "daily_loop"]
    assert learn.index("bad_days") < learn.index("spine")
    assert learn[-3:] == ["spine", "causes", "prevention"]


def test_home_reassures_sends_learners_to_the_first_learn_page_and_asks_ice_only_by_the_plans_rule(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("home")
    assert not app.exception
    text = "\n".join(main_texts(app))
    assert "most back pain gets much better within a few weeks" in text
    assert f"**ice** while your pain is {protocol.HEAT_MAX_PAIN + 1} or more" in text
    assert "ice to calm the area" not in text  # the plan asks for no ice at lower pain
    links = {link.proto.label: link.proto.page for link in app.main.get("page_link")}
    assert links["Go to learn"] == "living"


def test_about_says_which_teaching_is_the_coachs_view_and_which_is_research(
    open_page: Callable[..., AppTest],
) -> None:
    said = section(open_page("about"), "The coach's view and what research says")
    assert "**The coach's view**" in said and "**What research says**" in said
    assert "no question tests them as facts" in said
    for source in ("NICE", "the NHS", "Cochrane"):
        assert source in said
