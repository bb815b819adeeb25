"""The knowledge checks: questions with instant feedback, and this session's answers to them.

The answers are kept in session state, one key per use of the questions (the Learn pages', a
workshop room's), never stored. A Learn page also keeps its own answers in its address (a few
digits, see rehab_core.knowledge_checks.answers_to_text), so a reload in the same tab keeps them
while nothing is written on the server.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from rehab_core.knowledge_checks import KnowledgeCheck, answers_from_text, answers_to_text, score
from rehab_core.learn import LearnPage
from ui import state

# The Learn pages' own answers; a workshop room passes a prefix of its own, so its answers and
# widget keys never mix with the Learn pages'.
LEARN_CHECKS = "learn_check"
# The address parameter that holds a Learn page's answers across a reload.
ANSWERS_PARAM = "answers"

# on_answer(question, option picked, whether it is right): called once each time a person picks
# an answer, so a workshop room can add it to its counts.
AnswerCallback = Callable[[KnowledgeCheck, str, bool], None]


_LEARN_ANSWERS: state.Key[dict[str, str]] = state.declare(f"{LEARN_CHECKS}_answers", dict, __name__)


def _answers_key(key_prefix: str) -> state.Key[dict[str, str]]:
    # One set of answers per use of the questions: the Learn pages', a workshop room's (a name
    # per room and round, made at run time: scoped, so the process's registry does not grow).
    if key_prefix == LEARN_CHECKS:
        return _LEARN_ANSWERS
    return state.scoped(f"{key_prefix}_answers", dict, __name__)


def answers(key_prefix: str = LEARN_CHECKS) -> dict[str, str]:
    """This session's answers (question id -> option picked); kept in session state only, never stored."""
    return _answers_key(key_prefix).get()


def _widget_key(check: KnowledgeCheck, key_prefix: str) -> str:
    return f"{key_prefix}__{check.id.replace('/', '__')}"


def _picked(check: KnowledgeCheck, key_prefix: str, on_answer: AnswerCallback | None) -> None:
    option = state.widget_value(_widget_key(check, key_prefix))
    if option is None:
        return
    answers(key_prefix)[check.id] = option
    if on_answer is not None:
        on_answer(check, option, check.is_correct(option))


def _feedback(check: KnowledgeCheck, option: str, heading: str) -> None:
    again = f"[Read “{heading}” again](#{check.anchor})"
    if check.is_correct(option):
        st.success(f"**Right.** {check.explanation} {again}", icon=":material/check_circle:")
    else:
        st.warning(
            f"**Not quite.** The answer is: {check.answer}. {check.explanation} {again}",
            icon=":material/lightbulb:",
        )


def render_checks(
    checks: tuple[KnowledgeCheck, ...],
    page_headings: Mapping[str, str],
    *,
    key_prefix: str = LEARN_CHECKS,
    on_answer: AnswerCallback | None = None,
    title: str = "Check yourself",
) -> tuple[int, int]:
    """Questions with no answer picked in advance, instant feedback, and "You got N of M".

    page_headings (anchor -> heading text) names the part of the page each answer links back to.
    Returns (answered, right). Answers live in this session only, under key_prefix.
    """
    st.subheader(title, divider="gray")
    given = answers(key_prefix)
    in_address = key_prefix == LEARN_CHECKS
    if in_address:  # after a reload: the answers this page's address holds, unless answered since
        restored = answers_from_text(checks, st.query_params.get(ANSWERS_PARAM, ""))
        for check_id, picked in restored.items():
            given.setdefault(check_id, picked)
    for number, check in enumerate(checks, start=1):
        previous = given.get(check.id)
        option = st.radio(
            f"{number}. {check.prompt}",
            check.options,
            index=check.options.index(previous) if previous in check.options else None,
            key=_widget_key(check, key_prefix),
            on_change=_picked,
            args=(check, key_prefix, on_answer),
        )
        if option is not None:
            _feedback(check, option, page_headings.get(check.anchor, "this part"))
    answered, right = score(checks, given)
    if in_address:
        _keep_in_address(answers_to_text(checks, given))
        kept = "Only this page's address holds your answers: a reload keeps them. Nothing else saves them."
    else:
        kept = "Your answers are not saved: a reload clears them."
    if answered == len(checks):
        st.markdown(f"**You got {right} of {len(checks)}.** {kept}")
    else:
        st.markdown(f"You have answered {answered} of {len(checks)}. {kept}")
    return answered, right


def _keep_in_address(text: str) -> None:
    if not text:
        st.query_params.pop(ANSWERS_PARAM, None)
    elif st.query_params.get(ANSWERS_PARAM) != text:
        st.query_params[ANSWERS_PARAM] = text


def page_check_status(page: LearnPage, key_prefix: str = LEARN_CHECKS) -> str:
    """How far this session has checked a page: "Not checked yet", "2 of 4 answered", "You got 3 of 4"."""
    answered, right = score(page.checks, answers(key_prefix))
    if not answered:
        return "Not checked yet"
    if answered < len(page.checks):
        return f"{answered} of {len(page.checks)} answered"
    return f"Checked: you got {right} of {len(page.checks)}"
