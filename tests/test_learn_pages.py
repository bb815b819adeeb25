"""AppTest: every Learn page renders in the app's frame with its text, numbers, sources and extras."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core import movements, protocol, red_flags
from rehab_core.catalogue import CONTENT_DIR, RedFlag
from rehab_core.config import emergency_markdown, site, urgent_markdown
from rehab_core.learn import learn_page
from rehab_core.pain_scale import PAIN_IT_CAUSED, PAIN_IT_CAUSED_MEANING
from rehab_core.spine import (
    REGION_PARAM,
    REGIONS,
    ROM_NOTE,
    ROM_SOURCE,
    VERTEBRA_PARAM,
    range_of,
    range_text_alternative,
    region_by_id,
    region_ranges,
    text_alternative,
)
from rehab_core.stretches import stretches
from ui.exercise_cards import CARD_CLASS, still_svg
from ui.frame import SAFETY_NOTICE
from ui.navigation import page_by_stem

ILLUSTRATIONS = CONTENT_DIR / "illustrations"
LEARN_STEMS = (
    "spine",
    "causes",
    "prevention",
    "living",
    "daily_loop",
    "rehab",
    "library",
    "stretches",
    "bad_days",
    "get_help",
)


def texts(app: AppTest) -> str:
    parts = [
        element.value
        for kind in ("markdown", "caption", "warning", "info", "error", "title", "subheader")
        for element in getattr(app, kind)
    ]
    return "\n".join(str(part) for part in parts)


_DATA_URI = re.compile(r'(src|srcset)="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')


def drawings_of(app: AppTest) -> list[dict[str, str]]:
    """Each card's drawing as {"src": the moving SVG, "srcset": the still one}, inline (nothing fetched)."""
    found = []
    for element in app.markdown:
        # Each drawing sits in its card's Markdown, under the name; all the cards are one block.
        for picture in re.findall(r"<picture>.*?</picture>", element.value, flags=re.DOTALL):
            uris = dict(_DATA_URI.findall(picture))
            found.append({name: base64.b64decode(data).decode("utf-8") for name, data in uris.items()})
    return found


def page_title(app: AppTest) -> str:
    """The page's level-1 heading: its st.title, or the first line of the one block that opens with it."""
    if app.title:
        return str(app.title[0].value)
    (opening,) = [element.value for element in app.markdown if element.value.startswith("# ")]
    return str(opening).partition("\n")[0].removeprefix("# ")


@pytest.mark.parametrize("stem", LEARN_STEMS)
def test_each_learn_page_sends_its_title_as_the_level_one_heading_of_its_first_block(
    open_page: Callable[..., AppTest], stem: str
) -> None:
    # One element a run fewer on every Learn page (docs/performance.md); it looks as st.title does.
    app = open_page(stem)
    page = learn_page(stem)
    assert not app.title
    first = next(str(element.value) for element in app.main.markdown if element.value.startswith("# "))
    assert first.startswith(f"# {page.title}\n\n**{page.summary}**")


@pytest.mark.parametrize("stem", LEARN_STEMS)
def test_each_learn_page_renders_its_title_body_and_sources(
    open_page: Callable[..., AppTest], stem: str
) -> None:
    app = open_page(stem)
    assert not app.exception
    page = learn_page(stem)
    assert page_title(app) == page.title
    assert page_by_stem(stem).title == page.title  # the navigation and the page agree
    body = texts(app)
    assert page.body in body
    assert SAFETY_NOTICE in body
    for source in page.sources:
        assert f"[{source.name}]({source.url})" in body
    assert "Last reviewed" in body


def test_the_rehab_page_shows_the_protocol_numbers(open_page: Callable[..., AppTest]) -> None:
    body = texts(open_page("rehab"))
    for max_pain, reps, sets in protocol.DOSE_BY_PAIN:
        assert f" {max_pain} | {reps} | {sets} | {protocol.SESSIONS_PER_DAY} |" in body
    assert f"Pain of {protocol.HEAT_MAX_PAIN} or below" in body


def test_the_spine_page_draws_the_explorer_with_its_selection(open_page: Callable[..., AppTest]) -> None:
    app = open_page("spine")
    charts = app.get("vega_lite_chart")
    assert len(charts) == 2  # the explorer, then the range-of-motion chart
    spec = json.loads(charts[0].proto.spec)
    assert {param["name"] for param in spec["params"]} >= {REGION_PARAM, VERTEBRA_PARAM}
    assert spec["description"] == text_alternative()
    assert charts[0].proto.id.endswith("spine_chart")  # keyed, so its selection reruns the page
    assert set(charts[0].value["selection"]) == {REGION_PARAM, VERTEBRA_PARAM}
    # Each part at a glance as a short block, not a six-column table a phone clips.
    assert len(app.table) == 1, "only the ranges table"
    for region in REGIONS:
        assert f"**{region.name} ({region.medical_name.lower()})**, {region.count} bone" in texts(app)
    assert "Click a bone in the drawing" in texts(app)


def test_the_spine_page_sends_its_text_and_its_parts_at_a_glance_as_one_block_each(
    open_page: Callable[..., AppTest],
) -> None:
    # Each element costs server time on every run (docs/performance.md): the title, summary and body
    # are one Markdown block whose level-1 heading is the title, and the bold line "All parts of the
    # spine at a glance" shares one block with the four parts under it.
    app = open_page("spine")
    page = learn_page("spine")
    assert not app.title, "the title is the text block's level-1 heading, not an element of its own"
    blocks = [str(element.value) for element in app.markdown]
    assert f"# {page.title}\n\n**{page.summary}**\n\n{page.body}" in blocks
    (glance,) = [block for block in blocks if "All parts of the spine at a glance" in block]
    assert glance.startswith("**All parts of the spine at a glance**\n\n")
    assert all(f"**{region.name} ({region.medical_name.lower()})**" in glance for region in REGIONS)
    elements = list(app.main.children.values())
    opening = next(
        i
        for i, element in enumerate(elements)
        if element.type in ("title", "markdown")
        and (element.type == "title" or str(element.value).startswith("# "))
    )
    # The text, the explorer (chart, radio, hint), the parts at a glance, the ranges (chart, table,
    # note), then "Check yourself" (heading, three questions, score) and the sources (heading, list).
    assert len(elements) - opening == 15


def test_picking_a_region_without_the_chart_shows_its_facts(open_page: Callable[..., AppTest]) -> None:
    app = open_page("spine")
    app.radio(key="spine_region").set_value("lumbar").run()
    assert not app.exception
    body = texts(app)
    assert "Lower back (lumbar spine)" in body
    assert "**How many bones:** 5 bones" in body
    assert "Its bones and discs carry the weight of the upper body" in body
    lumbar = region_by_id()["lumbar"]
    assert f"**How it moves:** {lumbar.movement}" in body
    assert (
        f"**How far it moves:** bending forward and back: {range_of('lumbar', 'flexion_extension')} degrees"
        in body
    )
    assert f"twisting to one side: {range_of('lumbar', 'twisting')} degrees" in body
    # Its heading (a level-3 heading, as st.subheader draws it) and its facts are one block.
    (facts,) = [str(element.value) for element in app.markdown if "**How many bones:**" in element.value]
    assert facts.startswith("### Lower back (lumbar spine)\n\n- **How many bones:** 5 bones")


def test_the_spine_page_shows_the_range_of_motion_chart_with_its_text_and_source(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("spine")
    assert not app.exception
    chart = app.get("vega_lite_chart")[1]
    spec = json.loads(chart.proto.spec)
    ranges = region_ranges()
    assert spec["description"] == range_text_alternative(ranges)
    assert not chart.proto.alt, "the description is the text alternative; an alt as well logs a warning"
    assert spec["encoding"]["x"]["title"] == "Range of motion (degrees)"
    assert not app.dataframe, "static tables only: a data grid is a canvas a screen reader cannot read"
    table = app.table[0].value
    assert table["Twisting to one side"].tolist() == [
        range_of(r, "twisting") for r in ("cervical", "thoracic", "lumbar")
    ]
    body = texts(app)
    assert ROM_SOURCE in body and ROM_NOTE in body
    assert any("White and Panjabi" in source.name for source in learn_page("spine").sources)


def movement_headings(app: AppTest) -> list[str]:
    """The name at the top of each card: a level-3 heading just inside its bordered <div>."""
    return [
        heading
        for element in app.markdown
        for heading in re.findall(rf'<div class="{CARD_CLASS}">\n\n### (.+)', element.value)
    ]


def test_the_library_shows_every_movement_with_its_drawing(open_page: Callable[..., AppTest]) -> None:
    app = open_page("library")
    assert not app.exception
    assert movement_headings(app) == [movement.name for movement in movements()]
    card = f'<div class="{CARD_CLASS}">'
    assert sum(card in element.value for element in app.markdown) == 1  # ten cards, one element
    drawings = drawings_of(app)
    assert len(drawings) == len(movements())
    for movement, drawing in zip(movements(), drawings, strict=True):
        svg = (ILLUSTRATIONS / movement.illustration).read_text(encoding="utf-8")
        assert drawing["src"] == svg  # the moving drawing
        assert drawing["srcset"] == still_svg(svg) and "<style>" not in drawing["srcset"]  # reduced motion
    body = texts(app)
    for movement in movements():
        assert movement.stop_if in body and movement.steps[0] in body and movement.harder in body
    walk = next(movement for movement in movements() if movement.id == "kettlebell-walk")
    assert len(walk.variations) == 5
    assert "The 5 ways to hold it" in body
    for variation in walk.variations:
        assert variation in body


def test_the_library_filters_by_need(open_page: Callable[..., AppTest]) -> None:
    app = open_page("library")
    app.button_group(key="library_needs").set_value(["hamstrings-glutes"]).run()
    assert not app.exception
    shown = set(movement_headings(app))
    expected = {movement.name for movement in movements() if "hamstrings-glutes" in movement.needs}
    assert shown == expected
    assert 0 < len(expected) < len(movements())
    app.button_group(key="library_needs").set_value(["hamstrings-glutes", "mobility"]).run()
    shown = set(movement_headings(app))
    assert shown == {m.name for m in movements() if {"hamstrings-glutes", "mobility"} & set(m.needs)}


# Get help's sections in page order (their headings as patterns), and which signs each one lists:
# each sign under its own action.
GET_HELP_SECTIONS: tuple[tuple[str, Callable[[RedFlag], bool]], ...] = (
    ("Call for an ambulance now", lambda flag: flag.action == "ambulance"),
    ("Get emergency help now", lambda flag: flag.action == "emergency-department"),
    ("See a doctor today", lambda flag: flag.level == "urgent" and flag.kind == "symptom"),
    (
        "About you and this bout of back pain",
        lambda flag: flag.level == "urgent" and flag.kind == "background",
    ),
    (r"See a doctor (soon|in the next few weeks)", lambda flag: flag.level == "soon"),
)


def test_get_help_groups_every_red_flag_under_its_own_action_and_shows_where_to_go(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("get_help")
    body = texts(app)
    found = [re.search(heading, body) for heading, _ in GET_HELP_SECTIONS]
    assert all(found), [
        heading for (heading, _), match in zip(GET_HELP_SECTIONS, found, strict=True) if not match
    ]
    starts = [match.start() for match in found if match]
    assert starts == sorted(starts), "the sections are out of order"
    ends = [*starts[1:], len(body)]
    for (heading, belongs), start, end in zip(GET_HELP_SECTIONS, starts, ends, strict=True):
        section = body[start:end]
        for flag in red_flags():
            assert (flag.question in section) is belongs(flag), (heading, flag.id)
    assert all(any(belongs(flag) for _, belongs in GET_HELP_SECTIONS) for flag in red_flags())
    # Chest pain, a suspected aneurysm and sepsis need an ambulance, never a drive to A&E
    # (issue 22 point 6); a soon sign lets the plan go ahead.
    ambulance = body[starts[0] : starts[1]]
    assert "ambulance" in ambulance and "Do not drive yourself" in ambulance
    assert "plan can go ahead" in body[starts[4] :]
    # Whom to call comes from content/site.toml's [care] table, as numbers a phone can call.
    config = site()
    error, warning = app.error[0].value, app.warning[0].value
    assert emergency_markdown(config) in error
    assert f"]({config.care.emergency.tel_href})" in error
    assert urgent_markdown(config) in warning


@pytest.mark.parametrize("stem", ["library", "rehab", "daily_loop"])
def test_the_pages_that_rate_a_movement_show_what_pain_it_caused_means_word_for_word(
    open_page: Callable[..., AppTest], stem: str
) -> None:
    body = texts(open_page(stem))
    assert f"**{PAIN_IT_CAUSED}:** {PAIN_IT_CAUSED_MEANING}" in body


def test_the_stretches_page_shows_each_stretch_card_with_its_moving_and_still_drawing(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("stretches")
    assert not app.exception
    assert movement_headings(app) == [stretch.name for stretch in stretches()]
    body = texts(app)
    for stretch in stretches():
        assert stretch.steps[0] in body and f"**Stop if:** {stretch.stop_if}" in body
        assert f"**What you should feel:** {stretch.feel}" in body
    drawings = drawings_of(app)
    for stretch, drawing in zip(stretches(), drawings, strict=True):
        svg = (ILLUSTRATIONS / stretch.illustration).read_text(encoding="utf-8")
        assert drawing == {"src": svg, "srcset": still_svg(svg)}
    assert f'alt="Line drawing of the {stretches()[0].name.lower()}"' in "\n".join(
        m.value for m in app.markdown
    )


def test_a_card_keeps_a_less_than_sign_in_its_words_as_text_while_its_drawing_stays_html() -> None:
    # The card is one Markdown block sent with unsafe_allow_html (for its <picture>), so every
    # word from the catalogue is HTML-escaped: "<" in a step must show as "<", not open a tag.
    import dataclasses

    from ui.exercise_cards import exercise_card_markdown

    walk = next(movement for movement in movements() if movement.illustration)
    odd = dataclasses.replace(walk, steps=("Walk for <5 minutes & rest", *walk.steps[1:]), name="Walk <b>")
    card = exercise_card_markdown(odd)
    assert "Walk for &lt;5 minutes &amp; rest" in card and "<5" not in card
    assert "### Walk &lt;b&gt;" in card and "<b>" not in card
    assert card.count("<picture>") == 1 and card.count("</picture>") == 1  # the drawing, untouched


def test_an_svg_logo_is_given_to_streamlit_as_the_data_url_it_would_make(tmp_path: Path) -> None:
    from ui.site import image_source

    logo = tmp_path / "logo.svg"
    logo.write_text('<svg viewBox="0 0 10 10"><circle r="4"/></svg>', encoding="utf-8")
    source = image_source(logo)
    assert source.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(source.split(",", 1)[1]).decode("utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')  # as an <img> needs it
    png = tmp_path / "logo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert image_source(png) == str(png)  # other images stay files that Streamlit serves
