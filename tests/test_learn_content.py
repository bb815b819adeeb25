"""The Learn pages as content: plain words, our own sentences, sources, and numbers from the protocol."""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path

import pytest
import textstat

from rehab_core import protocol, red_flags
from rehab_core.catalogue import CONTENT_DIR
from rehab_core.learn import LEARN_DIR, dose_rows, learn_page, page_slugs, placeholder_values, plain_text
from rehab_core.pain_scale import PAIN_BANDS, PAIN_IT_CAUSED, PAIN_IT_CAUSED_MEANING, pain_scale_markdown
from rehab_core.spine import REGIONS, ROM_NOTE, range_text_alternative, region_ranges
from rehab_core.stretches import stretches

# The coach's article sits beside the checkout (../shared/source/), not in it: we teach its facts only.
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "source" / "000_86fbd61435058634.txt"
MAX_GRADE = 8
COPY_RUN = 8
LEARN_SLUGS = (
    "bad_days",
    "causes",
    "daily_loop",
    "get_help",
    "library",
    "living",
    "prevention",
    "rehab",
    "spine",
    "stretches",
)


def words(text: str) -> list[str]:
    """Lower-case words with punctuation removed ("don't" -> "dont"), as the copy check compares them."""
    text = text.lower().replace("\u2019", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def runs(text: str, length: int = COPY_RUN) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


def toml_texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in toml_texts(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in toml_texts(item)]
    return []


def our_texts() -> dict[str, str]:
    """Every text a visitor reads in the Learn section, by where it lives."""
    texts = {f"learn/{path.name}": path.read_text(encoding="utf-8") for path in LEARN_DIR.glob("*.md")}
    for slug in page_slugs():
        page = learn_page(slug)
        texts[f"learn/{slug}.md (rendered)"] = "\n".join((page.title, page.summary, page.body))
    for path in LEARN_DIR.glob("*.checks.toml"):
        with path.open("rb") as handle:
            # Each prompt, option and explanation is a sentence of its own, as a reader takes it.
            texts[f"learn/{path.name}"] = "\n".join(_sentence_of(t) for t in toml_texts(tomllib.load(handle)))
    for name in ("movements.toml", "red_flags.toml", "stretches.toml"):
        with (CONTENT_DIR / name).open("rb") as handle:
            texts[name] = "\n".join(toml_texts(tomllib.load(handle)))
    texts["rehab_core/spine.py regions"] = "\n".join(
        " ".join((r.name, r.where, r.job, r.movement, r.muscles)) for r in REGIONS
    )
    texts["rehab_core/spine.py range of motion"] = "\n".join(
        (ROM_NOTE, range_text_alternative(region_ranges()))
    )
    return texts


def read_article() -> str:
    """The coach's article, or a failure that says where it must be: the originality tests need it."""
    if not ARTICLE.is_file():
        pytest.fail(
            f"The coach's article is missing: expected at ../{ARTICLE.relative_to(ARTICLE.parents[2])} "
            "beside "
            "the checkout (the project's shared/ folder, which CI lays next to the clone). Without it the "
            "tests that prove our pages copy none of its sentences cannot run."
        )
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article() -> str:
    return read_article()


def test_every_learn_page_of_the_navigation_has_a_content_file() -> None:
    assert set(LEARN_SLUGS) <= set(page_slugs())


@pytest.mark.parametrize("slug", LEARN_SLUGS)
def test_each_page_reads_at_grade_eight_or_below(slug: str) -> None:
    page = learn_page(slug)
    prose = plain_text(page.summary + "\n\n" + page.body)
    assert len(words(prose)) > 100, "a page this short is not measured fairly"
    grade = textstat.flesch_kincaid_grade(prose)
    assert grade <= MAX_GRADE, f"{slug}.md reads at grade {grade}; use shorter sentences and words"


def test_the_reading_check_would_catch_a_hard_page() -> None:
    hard = (
        "Notwithstanding considerable interindividual variability, musculoskeletal rehabilitation "
        "necessitates progressive, individualised loading, methodically calibrated against symptomatic "
        "responsiveness and functional capability, notwithstanding psychosocial determinants."
    )
    assert textstat.flesch_kincaid_grade(plain_text(hard)) > MAX_GRADE


def test_prose_leaves_out_link_targets_code_and_heading_marks() -> None:
    prose = plain_text("## Title\n\nSee [the NHS](https://www.nhs.uk/x) and `code`.\n\n```\nx = 1\n```\n")
    assert prose == "Title.\nSee the NHS and ."


def test_no_run_of_eight_words_is_copied_from_the_article(article: str) -> None:
    article_runs = runs(article)
    copied = {
        where: sorted(" ".join(run) for run in runs(text) & article_runs)
        for where, text in our_texts().items()
    }
    assert not {where: found for where, found in copied.items() if found}


def test_the_copy_check_would_catch_a_copied_sentence(article: str) -> None:
    # A sentence of the article, re-cased and re-punctuated, is still caught.
    line = next(line for line in article.splitlines() if "hamstrings" in line and len(words(line)) > 12)
    disguised = line.upper().replace(",", " -- ").replace(".", "!")
    assert runs(disguised) & runs(article)


@pytest.mark.parametrize("slug", LEARN_SLUGS)
def test_every_page_lists_its_sources_with_links(slug: str) -> None:
    page = learn_page(slug)
    assert page.sources
    for source in page.sources:
        assert source.name.strip()
        assert source.url.startswith("https://")


def test_pages_that_use_the_article_name_it_as_a_source() -> None:
    for slug in ("spine", "causes", "prevention", "daily_loop", "rehab", "library"):
        names = " ".join(source.name for source in learn_page(slug).sources)
        assert "Identifying and Treating Back Pain & Back Spasms" in names, slug


def test_the_rehab_page_shows_the_dose_table_of_the_protocol() -> None:
    body = learn_page("rehab").body
    shown = re.findall(r"^\| (\d+)(?: to (\d+))? \| (\d+) \| (\d+) \| (\d+) \|$", body, re.MULTILINE)
    rows = [
        (int(low), int(high or low), int(reps), int(sets), int(sessions))
        for low, high, reps, sets, sessions in shown
    ]
    expected = [(low, high, reps, sets, protocol.SESSIONS_PER_DAY) for low, high, reps, sets in dose_rows()]
    assert rows == expected
    assert rows[0][0] == protocol.PAIN_MIN and rows[-1][1] == protocol.REHAB_MAX_PAIN
    assert [high for _, high, *_ in rows] == [high for high, _, _ in protocol.DOSE_BY_PAIN]
    assert f"| {protocol.REHAB_MAX_PAIN + 1} to {protocol.PAIN_MAX} | none: rest and ice only" in body


def test_the_dose_shown_never_rises_with_pain_and_stays_in_the_protocol_ranges() -> None:
    rows = dose_rows()
    for (_, _, reps, sets), (_, _, next_reps, next_sets) in itertools.pairwise(rows):
        assert next_reps <= reps and next_sets <= sets
    for _, _, reps, sets in rows:
        assert protocol.REPS_MIN <= reps <= protocol.REPS_MAX
        assert protocol.SETS_MIN <= sets <= protocol.SETS_MAX


def test_the_rehab_page_states_every_threshold_from_the_constants() -> None:
    body = learn_page("rehab").body
    p = protocol
    for phrase in (
        f"Pain above {p.REHAB_MAX_PAIN}** (so {p.REHAB_MAX_PAIN + 1} to {p.PAIN_MAX}): rest and ice only",
        f"Pain of {p.REHAB_MAX_PAIN} or below:",
        f"Pain of {p.HEAT_MAX_PAIN + 1} or more:** the plan adds ice, and no warm pack before a workout",
        "A warm pack for comfort is fine at any pain.",
        f"Pain of {p.HEAT_MAX_PAIN} or below:** put a warm pack",
        f"{p.TOLERATED_MAX_PAIN} or below",
        f"{p.PLAN_MIN} to {p.PLAN_MAX} movements",
        f"{p.REPS_MIN} to {p.REPS_MAX} times",
        f"{p.SETS_MIN} to {p.SETS_MAX} rounds",
        f"{p.SESSIONS_PER_DAY} times a day",
    ):
        assert phrase in body


def test_the_pain_guide_shows_the_one_table_of_pain_bands_word_for_word() -> None:
    body = learn_page("daily_loop").body
    assert pain_scale_markdown() in body
    for band in PAIN_BANDS:
        assert f"**{band.span()}: {band.name.lower()}.** {band.feels} {band.today}" in body


# A band label as a page would write it: "**6 to 8: strong.**", or "{{ X }}: mild" before filling.
_BAND_NAMES = "|".join(re.escape(band.name.lower()) for band in PAIN_BANDS)
_BAND_LABEL = re.compile(
    rf"(\d+|\}}\}})(?:\s+to\s+(\d+|\{{\{{[^}}]*\}}\}}))?\s*:\s*({_BAND_NAMES})\b", re.IGNORECASE
)


@pytest.mark.parametrize("name", sorted(path.name for path in LEARN_DIR.glob("*.md")))
def test_no_page_words_a_pain_band_its_own_way(name: str) -> None:
    raw = (LEARN_DIR / name).read_text(encoding="utf-8")
    assert not _BAND_LABEL.findall(raw), f"{name}: show the scale with {{{{ PAIN_SCALE }}}}, not by hand"
    for band in PAIN_BANDS:
        assert band.feels.lower() not in raw.lower(), (
            f"{name}: copies a band's words instead of {{{{ PAIN_SCALE }}}}"
        )
    # Every band label a visitor reads is one of the table's, with the table's numbers and name.
    page = learn_page(name.removesuffix(".md"))
    expected = {(str(band.low), str(band.high), band.name.lower()) for band in PAIN_BANDS}
    for low, high, band_name in _BAND_LABEL.findall(page.body):
        assert (low, high or low, band_name.lower()) in expected, (name, low, high, band_name)


def test_the_band_check_would_catch_the_old_hand_written_guide() -> None:
    old = "- **{{ RANGE_ICE_REHAB }}: strong.** It is hard to ignore.\n- **7 to 9: severe.** Hard to think."
    assert len(_BAND_LABEL.findall(old)) == 2


def test_every_placeholder_is_used_by_a_page_and_none_duplicates_the_pain_bands() -> None:
    raw = "\n".join(path.read_text(encoding="utf-8") for path in LEARN_DIR.glob("*.md"))
    used = {name.strip() for name in re.findall(r"\{\{([^{}]*)\}\}", raw)}
    assert used == set(placeholder_values())
    assert not [name for name in placeholder_values() if name.startswith("RANGE_")]


@pytest.mark.parametrize("slug", ["library", "rehab", "daily_loop"])
def test_pages_that_rate_a_movement_give_the_one_meaning_of_pain_it_caused(slug: str) -> None:
    body = learn_page(slug).body
    assert f"**{PAIN_IT_CAUSED}:** {PAIN_IT_CAUSED_MEANING}" in body
    assert body.count(PAIN_IT_CAUSED_MEANING) == 1


@pytest.mark.parametrize("slug", ["daily_loop", "rehab"])
def test_pages_that_weigh_heat_and_ice_say_what_nice_cochrane_and_the_nhs_say(slug: str) -> None:
    page = learn_page(slug)
    prose = " ".join(plain_text(page.body).split())
    assert "(NICE) gives no advice on heat or cold, for or against" in prose
    assert "moderate evidence that a heat wrap eases low back pain of up to three months a little" in prose
    assert "a little, for a short time" in prose
    assert "too little evidence to judge cold" in prose
    assert "The NHS says you can try hot or cold packs" in prose
    urls = {source.url for source in page.sources}
    assert {
        "https://www.nice.org.uk/guidance/ng59",
        "https://www.nhs.uk/conditions/back-pain/",
        "https://doi.org/10.1002/14651858.CD004750.pub2",
    } <= urls


def test_no_page_calls_heat_or_ice_proof_weak_or_says_nice_advises_against_them() -> None:
    for path in LEARN_DIR.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "does not advise heat or ice" not in text, path.name
        assert "proof that ice helps a back is weak" not in text, path.name


def test_the_spine_page_says_the_middle_back_does_most_of_the_twisting() -> None:
    body = " ".join(learn_page("spine").body.split())
    assert "The middle back does most of the twisting of your trunk, far more than the lower back." in body
    assert "the lower back twists very little" in body
    assert "This part bends forward and leans back a lot." in body
    assert "The bones and discs of the lower back carry the weight of your upper body." in body


_WRONG_SPINE_FACTS = (
    re.compile(r"middle back[^.]*(bends and )?twists only a little", re.IGNORECASE),
    re.compile(r"(lower back|lumbar)[^.]*twist(s)? a lot", re.IGNORECASE),
    re.compile(r"(can )?bend forward, lean back and twist a lot", re.IGNORECASE),
    re.compile(r"muscles[^.]*carr(y|ies)[^.]*weight", re.IGNORECASE),
    re.compile(r"carries most of the weight of the upper body and keeps you upright", re.IGNORECASE),
)


def test_no_text_says_the_lower_back_twists_a_lot_or_that_muscles_carry_the_weight() -> None:
    for where, text in our_texts().items():
        flat = " ".join(text.split())
        for wrong in _WRONG_SPINE_FACTS:
            assert not wrong.search(flat), f"{where}: {wrong.pattern}"


def test_the_wrong_fact_check_would_catch_the_old_spine_page() -> None:
    old = (
        "The middle back itself bends and twists only a little. This part can bend forward, lean back "
        "and twist a lot. The muscles here carry most of the weight of your upper body."
    )
    assert sum(bool(wrong.search(old)) for wrong in _WRONG_SPINE_FACTS) >= 3


@pytest.mark.parametrize("name", ["rehab.md", "daily_loop.md", "library.md", "get_help.md"])
def test_protocol_numbers_are_placeholders_never_typed_into_the_markdown(name: str) -> None:
    raw = (LEARN_DIR / name).read_text(encoding="utf-8")
    body = raw.split("---", 2)[2]  # the front matter's date and source links are not protocol numbers
    body = re.sub(r"\{\{.*?\}\}", "", body)
    body = re.sub(r"^\d+\. ", "", body, flags=re.MULTILINE)  # numbered list items
    body = re.sub(r"\b\d+ to \d+ minutes\b", "", body)  # how long to hold ice or heat: not a constant
    assert not re.findall(r"\d+", body), f"{name}: write protocol numbers as {{{{ NAME }}}} placeholders"
    summary = raw.split("---", 2)[1]
    summary_line = next(line for line in summary.splitlines() if line.startswith("summary:"))
    assert not re.findall(r"\d+", re.sub(r"\{\{.*?\}\}", "", summary_line))


def test_every_catalogue_movement_has_a_drawing_and_every_drawing_a_movement() -> None:
    from rehab_core import movements

    drawings = {path.name for path in (CONTENT_DIR / "illustrations").glob("*.svg")}
    items = (*movements(), *stretches())
    used = {item.illustration for item in items}
    assert all(used), "every movement and stretch names its drawing"
    assert used == drawings
    assert {f"{item.id}.svg" for item in items} == drawings


@pytest.mark.parametrize("path", sorted((CONTENT_DIR / "illustrations").glob("*.svg")), ids=lambda p: p.name)
def test_each_drawing_is_self_contained_svg_with_a_title(path: Path) -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    svg = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{svg}svg"
    title = root.find(f"{svg}title")
    assert title is not None and title.text and title.text.strip()
    assert root.get("role") == "img"
    text = path.read_text(encoding="utf-8")
    # Nothing is loaded from elsewhere: no links, images, fonts or scripts.
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not any(tag in text for tag in ("<image", "<script", "<use", "@import", "url(http"))


def test_the_rehab_page_says_what_helps_on_a_rest_and_ice_day_as_the_protocol_does() -> None:
    body = learn_page("rehab").body
    for line in protocol.REST_ICE_HELP:
        assert f"- {line}" in body
    assert "No exercise today" not in body  # rest is not bed rest: gentle moving still helps


def test_the_originality_check_reads_every_question_file_and_the_stretches() -> None:
    names = set(our_texts())
    assert {f"learn/{slug}.checks.toml" for slug in LEARN_SLUGS} <= names
    assert "stretches.toml" in names


def test_every_learn_page_has_two_to_four_questions() -> None:
    for slug in LEARN_SLUGS:
        assert 2 <= len(learn_page(slug).checks) <= 4, slug


def test_the_questions_read_at_grade_eight_or_below() -> None:
    for slug in LEARN_SLUGS:
        checks = learn_page(slug).checks
        prose = "\n".join(
            _sentence_of(text)
            for check in checks
            for text in (check.prompt, *check.options, check.explanation)
        )
        grade = textstat.flesch_kincaid_grade(prose)
        assert grade <= MAX_GRADE, f"{slug}.checks.toml reads at grade {grade}"


def _sentence_of(text: str) -> str:
    return text if text.rstrip()[-1:] in ".?!" else text + "."


@pytest.mark.parametrize("slug", ["living", "bad_days", "stretches"])
def test_the_new_pages_list_only_public_sources_with_links(slug: str) -> None:
    page = learn_page(slug)
    assert len(page.sources) >= 3
    assert all(source.url.startswith("https://") for source in page.sources)


def test_living_with_a_sore_back_teaches_what_to_expect_hurt_and_harm_moving_sleep_and_mood() -> None:
    page = learn_page("living")
    prose = " ".join(plain_text(page.body).split())
    for heading in (
        "What to expect",
        "Hurt is not harm",
        "Keep moving",
        "Sleep and getting up",
        "Stress, mood and sleep",
    ):
        assert f"{heading}." in prose
    assert "Most people with back pain do not need a scan." in prose
    assert "roll onto your side" in prose
    assert "The page on when to get help lists every sign." in prose
    urls = {source.url for source in page.sources}
    assert "https://doi.org/10.1002/14651858.CD007612.pub2" in urls  # the Cochrane review on bed rest
    assert "https://www.nice.org.uk/guidance/ng59" in urls


def test_pain_relief_says_what_nice_says_and_names_no_dose_or_brand() -> None:
    body = learn_page("bad_days").body
    assert "Anti-inflammatory tablets may help some people." in body
    assert "Paracetamol on its own is not advised for low back pain." in body
    assert "A pharmacist or GP can tell you what is safe for you." in body
    # No doses: no amount with a unit, and no brand or product names of pain relief.
    assert not re.search(r"\d+\s*(mg|milligram|g\b|tablets? a day|times a day)", body, re.IGNORECASE)
    for name in ("ibuprofen", "naproxen", "codeine", "nurofen", "panadol", "tylenol", "advil", "aspirin"):
        assert name not in body.lower()


def test_the_flare_up_plan_follows_the_daily_loop_with_the_protocols_numbers() -> None:
    body = " ".join(learn_page("bad_days").body.split())
    p = protocol
    assert f"Pain of {p.REHAB_MAX_PAIN + 1} or more: rest and ice only." in body
    assert f"Ice while your pain is {p.HEAT_MAX_PAIN + 1} or more." in body
    assert f"Pain of {p.REHAB_MAX_PAIN} or below: assess again." in body
    assert f"caused pain of {p.TOLERATED_MAX_PAIN} or below go into your plan" in body
    for line in p.REST_ICE_HELP:
        assert f"- {line}" in learn_page("bad_days").body
    assert "this app's own rules" in body and "come from the coach's guide" in body


def test_the_flare_up_plan_types_no_protocol_threshold_by_hand() -> None:
    raw = (LEARN_DIR / "bad_days.md").read_text(encoding="utf-8").split("---", 2)[2]
    section = raw.split("## A plan for a bad day", 1)[1].split("## Sciatica", 1)[0]
    section = re.sub(r"\{\{.*?\}\}", "", section)
    section = re.sub(r"^\d+\. ", "", section, flags=re.MULTILINE)
    section = re.sub(r"\b\d+ to \d+ minutes\b", "", section)
    assert not re.findall(r"\d+", section)


def test_sciatica_in_brief_gives_the_nhs_time_and_the_emergency_signs() -> None:
    page = learn_page("bad_days")
    assert "sciatica usually gets better in 4 to 6 weeks, but it can last longer" in page.body
    for flag in red_flags():
        if flag.level == "emergency":
            assert flag.question in page.body
    assert "https://www.nhs.uk/conditions/sciatica/" in {source.url for source in page.sources}


def test_the_stretches_page_counts_the_stretches_and_the_rehab_page_points_to_it() -> None:
    assert learn_page("stretches").summary.startswith(f"The {len(stretches())} gentle stretches")
    assert {stretch.id for stretch in stretches()} == {"lying-hamstring-stretch", "lying-glute-stretch"}
    assert "The page on stretches shows two gentle ones." in learn_page("rehab").body
