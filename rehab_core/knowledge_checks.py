"""Knowledge checks: the short questions at the end of each Learn page, loaded and checked from content/.

A page's questions live beside it, in content/learn/<slug>.checks.toml, so a coach edits them
without code. Each question has a stable id ("<page slug>/<question id>") that a session's answers
and a workshop room's counts are kept under, so rewording a question never loses its answers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from rehab_core.catalogue import _Fields, read_toml, slug
from rehab_core.errors import InvalidInput

CHECKS_SUFFIX = ".checks.toml"
MIN_OPTIONS, MAX_OPTIONS = 2, 5
MIN_QUESTIONS, MAX_QUESTIONS = 2, 4
_FIELDS = {"id", "prompt", "options", "answer", "explanation", "anchor"}

# A Markdown heading line ("## Hurt is not harm") and what Streamlit makes of its text for the
# heading's anchor (its slugify: "&" reads "and", "it's" becomes "its", the rest joins with "-").
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_APOSTROPHE_S_T = re.compile(r"([a-z0-9])['\u2019]([st])(?![a-z0-9])")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")

# fill(text, where) puts the protocol's numbers into a text, as the Learn pages do.
Fill = Callable[[str, str], str]


@dataclass(frozen=True)
class KnowledgeCheck:
    """One question: what is asked, the choices, the right one, why, and where the page teaches it."""

    id: str  # "<page slug>/<question id>": stable, what answers and counts are kept under
    page: str  # the Learn page's slug
    prompt: str
    options: tuple[str, ...]
    answer: str  # one of options
    explanation: str  # one sentence on why the answer is right
    anchor: str  # the heading anchor of the part of the page that teaches it

    def is_correct(self, option: str) -> bool:
        """True when option is the right answer."""
        return option == self.answer

    @property
    def answer_index(self) -> int:
        return self.options.index(self.answer)


def heading_anchor(text: str) -> str:
    """The anchor Streamlit gives a Markdown heading: "Hurt is not harm" -> "hurt-is-not-harm"."""
    text = text.replace("&", " and ").lower()
    text = _APOSTROPHE_S_T.sub(r"\1\2", text)
    return _NOT_ALPHANUMERIC.sub("-", text).strip("-")


def headings(markdown: str) -> dict[str, str]:
    """Every heading of a Markdown body as anchor -> heading text, in page order."""
    lines = [line for line in markdown.splitlines() if not line.startswith("    ")]
    found = (match.group(1) for match in _HEADING_LINE.finditer("\n".join(lines)))
    return {heading_anchor(text): text for text in found}


def heading_anchors(markdown: str) -> tuple[str, ...]:
    """The anchors of every heading of a Markdown body, in page order."""
    return tuple(headings(markdown))


def checks_path(page_path: Path) -> Path:
    """Where a page's questions live: beside it, content/learn/<slug>.checks.toml."""
    return page_path.with_name(page_path.stem + CHECKS_SUFFIX)


def _sentence(fields: _Fields, name: str, fill: Fill) -> str:
    return fill(fields.text(name), f"{fields.where}, field {name!r}")


def _check(entry: object, page: str, where: str, anchors: Collection[str], fill: Fill) -> KnowledgeCheck:
    fields = _Fields(entry, where)
    question_id = fields.text("id")
    if question_id != slug(question_id):
        raise InvalidInput(f"{where}, field 'id': {question_id!r} must be lower case words joined by hyphens")
    fields.where = where = f"{where} ({question_id})"
    fields.unknown(_FIELDS)
    options = tuple(
        fill(option, f"{where}, field 'options'") for option in fields.texts("options", required=False)
    )
    if len(options) < MIN_OPTIONS:
        raise InvalidInput(
            f"{where}, field 'options': give at least {MIN_OPTIONS} options, got {len(options)}"
        )
    if len(options) > MAX_OPTIONS:
        raise InvalidInput(
            f"{where}, field 'options': give at most {MAX_OPTIONS} options, got {len(options)}"
        )
    seen: set[str] = set()
    for option in options:
        if option.casefold() in seen:
            raise InvalidInput(f"{where}, field 'options': the option {option!r} is given twice")
        seen.add(option.casefold())
    answer = fill(fields.text("answer", required=False), f"{where}, field 'answer'")
    if not answer:
        raise InvalidInput(f"{where}: no correct answer; set 'answer' to the text of the right option")
    if answer not in options:
        raise InvalidInput(
            f"{where}, field 'answer': {answer!r} is not one of the options; "
            "copy the right option word for word"
        )
    anchor = fields.text("anchor")
    if anchor not in anchors:
        known = ", ".join(anchors) or "none: give the page a ## heading"
        raise InvalidInput(
            f"{where}, field 'anchor': {anchor!r} is not a heading of the page (headings: {known})"
        )
    return KnowledgeCheck(
        id=f"{page}/{question_id}",
        page=page,
        prompt=_sentence(fields, "prompt", fill),
        options=options,
        answer=answer,
        explanation=_sentence(fields, "explanation", fill),
        anchor=anchor,
    )


def load_checks(path: Path, page: str, anchors: Collection[str], fill: Fill) -> tuple[KnowledgeCheck, ...]:
    """The questions of one page from their file; a malformed question raises InvalidInput naming it.

    anchors are the page's heading anchors (every question links back to one of them); fill puts
    the protocol's numbers into each text, as the page itself does.
    """
    data = read_toml(path)
    extra = sorted(set(data) - {"question"})
    if extra:
        raise InvalidInput(f"{path.name}: unknown table {extra[0]!r} (write each question as [[question]])")
    entries = data.get("question")
    if not isinstance(entries, list) or not entries:
        raise InvalidInput(f"{path.name}: no [[question]] entries found")
    if not MIN_QUESTIONS <= len(entries) <= MAX_QUESTIONS:
        raise InvalidInput(
            f"{path.name}: a page has {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, "
            f"this file has {len(entries)}"
        )
    checks = tuple(
        _check(entry, page, f"{path.name}, question {number}", anchors, fill)
        for number, entry in enumerate(entries, start=1)
    )
    ids = [check.id for check in checks]
    for check_id in ids:
        if ids.count(check_id) > 1:
            raise InvalidInput(f"{path.name}: the question id {check_id.split('/', 1)[1]!r} is used twice")
    return checks


def score(checks: Collection[KnowledgeCheck], answers: dict[str, str]) -> tuple[int, int]:
    """How many of checks are answered in answers (check id -> option), and how many of those are right."""
    answered = [check for check in checks if check.id in answers]
    return len(answered), sum(check.is_correct(answers[check.id]) for check in answered)


# A page's answers in its address: the page's slug, a dot, one character per question in page
# order, the picked option's number (1 to MAX_OPTIONS) or "0" for a question not answered yet, then
# a dot and a short digest of the questions and their options. "rehab.20.3fa1c2" means the rehab
# page's first question answered with its second option, the second not. The slug keeps one page's
# answers from ever being read as another's; the digest, answers from before a coach reworded,
# reordered or replaced the questions or their options from being read as picks of the new ones.
_UNANSWERED = "0"


def _questions_digest(checks: Sequence[KnowledgeCheck]) -> str:
    text = "\n".join(check.prompt + "\t" + "\t".join(check.options) for check in checks)
    return hashlib.blake2b(text.encode(), digest_size=3).hexdigest()


def answers_to_text(checks: Sequence[KnowledgeCheck], answers: dict[str, str]) -> str:
    """A page's answers as a short text for its address; "" when none of its questions is answered."""
    if not any(check.id in answers for check in checks):
        return ""
    picks = "".join(
        str(check.options.index(answers[check.id]) + 1)
        if answers.get(check.id) in check.options
        else _UNANSWERED
        for check in checks
    )
    return f"{checks[0].page}.{picks}.{_questions_digest(checks)}"


def answers_from_text(checks: Sequence[KnowledgeCheck], text: str) -> dict[str, str]:
    """The answers a text from answers_to_text holds (check id -> option picked).

    A text that does not fit these questions (another page's, another length, a number with no
    option: an old or hand-edited address) gives no answers at all, rather than wrong ones.
    """
    parts = text.split(".")
    if len(parts) != 3:
        return {}
    page, picks, digest = parts
    if not checks or page != checks[0].page or len(picks) != len(checks):
        return {}
    if digest != _questions_digest(checks):
        return {}
    if not (picks.isascii() and picks.isdigit()):
        return {}
    answers: dict[str, str] = {}
    for check, character in zip(checks, picks, strict=True):
        number = int(character)
        if number > len(check.options):
            return {}
        if character != _UNANSWERED:
            answers[check.id] = check.options[number - 1]
    return answers
