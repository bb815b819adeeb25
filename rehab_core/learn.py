"""Loads the Learn pages from content/learn/: front matter checked, protocol numbers filled in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import frontmatter
import yaml  # type: ignore[import-untyped]  # PyYAML ships no types; only YAMLError is used

from rehab_core import pain_scale, protocol, standing
from rehab_core.catalogue import CONTENT_DIR, movements, red_flags
from rehab_core.errors import InvalidInput
from rehab_core.knowledge_checks import KnowledgeCheck, checks_path, heading_anchors, load_checks
from rehab_core.stretches import stretches

LEARN_DIR = CONTENT_DIR / "learn"
FRONT_MATTER_FIELDS = ("title", "summary", "sources", "last_reviewed")
# Who the app is for: people aged 16 and over, the scope of NICE guideline NG59 (low back pain and
# sciatica in over 16s), whose advice the safety questions follow.
MIN_AGE = 16
_PLACEHOLDER = re.compile(r"\{\{([^{}]*)\}\}")


@dataclass(frozen=True)
class Source:
    """Where a page's facts come from: a name a person recognises and a link to it."""

    name: str
    url: str


@dataclass(frozen=True)
class LearnPage:
    """One teaching page: its front matter and its Markdown body with every placeholder filled."""

    slug: str
    title: str
    summary: str
    sources: tuple[Source, ...]
    last_reviewed: dt.date
    body: str
    # The "Check yourself" questions from <slug>.checks.toml beside the page (none if it has no file).
    checks: tuple[KnowledgeCheck, ...] = ()


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low} to {high}"


def dose_rows() -> tuple[tuple[int, int, int, int], ...]:
    """The dose table as (lowest pain, highest pain, reps, sets), from protocol.DOSE_BY_PAIN."""
    rows: list[tuple[int, int, int, int]] = []
    low = protocol.PAIN_MIN
    for high, reps, sets in protocol.DOSE_BY_PAIN:
        rows.append((low, high, reps, sets))
        low = high + 1
    return tuple(rows)


def dose_table() -> str:
    """The dose by pain as a Markdown table; the last row says rehab stops above REHAB_MAX_PAIN."""
    lines = [
        "| Your pain today | Reps of each movement | Sets | Sessions a day |",
        "| --- | --- | --- | --- |",
    ]
    for low, high, reps, sets in dose_rows():
        lines.append(f"| {_span(low, high)} | {reps} | {sets} | {protocol.SESSIONS_PER_DAY} |")
    lines.append(
        f"| {_span(protocol.REHAB_MAX_PAIN + 1, protocol.PAIN_MAX)} | none: rest and ice only | 0 | 0 |"
    )
    return "\n".join(lines)


def _red_flag_list(level: str) -> str:
    return "\n".join(f"- {flag.question} {flag.why}".rstrip() for flag in red_flags() if flag.level == level)


def placeholder_values() -> dict[str, Callable[[], str]]:
    """Every placeholder a page may use, each computed from rehab_core when the page is loaded."""
    p = protocol
    values: dict[str, Callable[[], str]] = {
        "PAIN_MIN": lambda: str(p.PAIN_MIN),
        "PAIN_MAX": lambda: str(p.PAIN_MAX),
        "REHAB_MAX_PAIN": lambda: str(p.REHAB_MAX_PAIN),
        "REST_ICE_MIN_PAIN": lambda: str(p.REHAB_MAX_PAIN + 1),
        "HEAT_MAX_PAIN": lambda: str(p.HEAT_MAX_PAIN),
        "ICE_MIN_PAIN": lambda: str(p.HEAT_MAX_PAIN + 1),
        "TOLERATED_MAX_PAIN": lambda: str(p.TOLERATED_MAX_PAIN),
        "PLAN_MIN": lambda: str(p.PLAN_MIN),
        "PLAN_MAX": lambda: str(p.PLAN_MAX),
        "REPS_MIN": lambda: str(p.REPS_MIN),
        "REPS_MAX": lambda: str(p.REPS_MAX),
        "SETS_MIN": lambda: str(p.SETS_MIN),
        "SETS_MAX": lambda: str(p.SETS_MAX),
        "SESSIONS_PER_DAY": lambda: str(p.SESSIONS_PER_DAY),
        "MOVEMENT_COUNT": lambda: str(len(movements())),
        "STRETCH_COUNT": lambda: str(len(stretches())),
        # The pain scale's words come from one table (rehab_core.pain_scale), shown whole, so a
        # page never words a band its own way and never disagrees with the sliders or the plan.
        "PAIN_SCALE": pain_scale.pain_scale_markdown,
        "PAIN_IT_CAUSED": lambda: pain_scale.PAIN_IT_CAUSED,
        "PAIN_IT_CAUSED_MEANING": lambda: pain_scale.PAIN_IT_CAUSED_MEANING,
        "PAIN_WHILE_DOING_IT": lambda: pain_scale.PAIN_WHILE_DOING_IT,
        # A rating as the app shows it, both numbers: a small rise that may go in the plan ...
        "RATING_EXAMPLE": lambda: pain_scale.rating_words(p.TOLERATED_MAX_PAIN, p.TOLERATED_MAX_PAIN - 1),
        # ... and a small rise that still stays out, because the pain while doing it passed the ceiling.
        "CEILING_EXAMPLE": lambda: pain_scale.rating_words(p.REHAB_MAX_PAIN - 1, 2),
        # How long a plan is used as it is before the app asks to assess again.
        "PLAN_FRESH_DAYS": lambda: str(standing.PLAN_FRESH_DAYS),
        "DOSE_TABLE": dose_table,
        # What helps on a rest-and-ice day, as recommend() and the Assess result give it.
        "REST_ICE_HELP": lambda: "\n".join(f"- {line}" for line in p.REST_ICE_HELP),
        "RED_FLAGS_EMERGENCY": lambda: _red_flag_list("emergency"),
        "RED_FLAGS_URGENT": lambda: _red_flag_list("urgent"),
    }
    return values


def fill_placeholders(text: str, where: str) -> str:
    """Replace every {{ NAME }} with its value; an unknown name raises InvalidInput naming where."""
    values = placeholder_values()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name not in values:
            raise InvalidInput(
                f"{where}: unknown placeholder {{{{ {name} }}}} (known: {', '.join(sorted(values))})"
            )
        return values[name]()

    filled = _PLACEHOLDER.sub(replace, text)
    if "{{" in filled or "}}" in filled:
        raise InvalidInput(f"{where}: a placeholder is not closed; write it as {{{{ NAME }}}}")
    return filled


def _text_field(meta: Mapping[str, Any], name: str, where: str) -> str:
    value = meta.get(name)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{where}, front matter field {name!r}: must be non-empty text, got {value!r}")
    return value.strip()


def _sources(meta: Mapping[str, Any], where: str) -> tuple[Source, ...]:
    value = meta.get("sources")
    if not isinstance(value, list) or not value:
        raise InvalidInput(f"{where}, front matter field 'sources': must list at least one source")
    sources: list[Source] = []
    for number, entry in enumerate(value, start=1):
        at = f"{where}, source {number}"
        if not isinstance(entry, dict):
            raise InvalidInput(f"{at}: must have a name and a url, got {entry!r}")
        extra = sorted(set(entry) - {"name", "url"})
        if extra:
            raise InvalidInput(f"{at}: unknown field {extra[0]!r} (allowed: name, url)")
        name, url = _text_field(entry, "name", at), _text_field(entry, "url", at)
        parsed = urlparse(url)
        if parsed.scheme not in {"http", "https"} or not parsed.netloc:
            raise InvalidInput(f"{at}, field 'url': {url!r} is not a web address (start it with https://)")
        sources.append(Source(name, url))
    return tuple(sources)


def _last_reviewed(meta: Mapping[str, Any], where: str) -> dt.date:
    value = meta.get("last_reviewed")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput(
        f"{where}, front matter field 'last_reviewed': must be a date like 2025-01-31, got {value!r}"
    )


def parse_page(text: str, slug: str, where: str) -> LearnPage:
    """A page from its file text; where (the file name) is named in every error."""
    if not text.lstrip().startswith("---"):
        raise InvalidInput(f"{where}: no front matter; start the file with a line of three dashes (---)")
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError, TypeError) as error:
        # PyYAML raises a plain ValueError for a date or time that does not exist (2025-02-30).
        raise InvalidInput(f"{where}: the front matter is not valid YAML: {error}") from None
    meta: dict[str, Any] = dict(post.metadata)
    unknown = sorted(set(meta) - set(FRONT_MATTER_FIELDS))
    if unknown:
        raise InvalidInput(
            f"{where}: unknown front matter field {unknown[0]!r} (allowed: {', '.join(FRONT_MATTER_FIELDS)})"
        )
    body = str(post.content).strip()
    if not body:
        raise InvalidInput(f"{where}: the page has front matter but no text")
    return LearnPage(
        slug=slug,
        title=fill_placeholders(_text_field(meta, "title", where), f"{where}, front matter field 'title'"),
        summary=fill_placeholders(
            _text_field(meta, "summary", where), f"{where}, front matter field 'summary'"
        ),
        sources=_sources(meta, where),
        last_reviewed=_last_reviewed(meta, where),
        body=fill_placeholders(body, where),
    )


def load_page(path: Path) -> LearnPage:
    """One page file and its questions; a missing or malformed file raises InvalidInput naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{path.name}: the page file is missing (looked in {path.parent.name}/)") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path.name}: not valid UTF-8 text") from None
    page = parse_page(text, path.stem, path.name)
    questions = checks_path(path)
    if not questions.exists():
        return page
    checks = load_checks(questions, page.slug, heading_anchors(page.body), fill_placeholders)
    return dataclasses.replace(page, checks=checks)


def page_slugs(directory: Path = LEARN_DIR) -> tuple[str, ...]:
    """The slugs of every page in the Learn folder, sorted."""
    return tuple(sorted(path.stem for path in directory.glob("*.md")))


@cache
def learn_page(slug: str) -> LearnPage:
    """The page content/learn/<slug>.md, loaded once per process."""
    return load_page(LEARN_DIR / f"{slug}.md")


def learn_pages() -> tuple[LearnPage, ...]:
    """Every Learn page, sorted by slug."""
    return tuple(learn_page(slug) for slug in page_slugs())


def knowledge_checks() -> tuple[KnowledgeCheck, ...]:
    """Every page's questions, page by page (pages sorted by slug), each page's in file order."""
    return tuple(check for page in learn_pages() for check in page.checks)


def knowledge_check(check_id: str) -> KnowledgeCheck:
    """The question with this id ("<page slug>/<question id>"); an unknown id raises InvalidInput."""
    for check in knowledge_checks():
        if check.id == check_id:
            return check
    raise InvalidInput(f"unknown knowledge check {check_id!r}")


_CODE_BLOCK = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"`[^`]*`")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BARE_URL = re.compile(r"<?https?://\S+>?")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_EMPHASIS = re.compile(r"[*_]{1,3}")
_MATERIAL_ICON = re.compile(r":material/[a-z_]+:")


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:;" else text + "."


def plain_text(markdown: str) -> str:
    """The prose of a Markdown body: no code, link targets, heading marks, list marks or emphasis.

    A paragraph's lines join into one text; a heading, a list item and a table cell each end as a
    sentence of its own, as a reader takes them, so a reading-level formula does not count a
    whole list as one very long sentence.
    """
    text = _CODE_BLOCK.sub("", markdown)
    text = _INLINE_CODE.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _BARE_URL.sub("", text)
    text = _MATERIAL_ICON.sub("", text)
    text = _EMPHASIS.sub("", text)
    blocks: list[str] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(_sentence(" ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip().lstrip(">").strip()
        heading, item = _HEADING.match(stripped), _LIST_ITEM.match(stripped)
        if not stripped or _TABLE_RULE.match(stripped):
            end_paragraph()
        elif heading or stripped.startswith("|"):
            end_paragraph()
            cells = [heading.group(1)] if heading else stripped.strip("|").split("|")
            blocks.extend(_sentence(cell) for cell in cells if cell.strip())
        elif item:
            end_paragraph()
            paragraph.append(item.group(1))
        else:
            paragraph.append(stripped)
    end_paragraph()
    return "\n".join(block for block in blocks if block)
