"""Stretches for hamstrings and glutes: the stretches the rehab page asks for, as library cards."""

from rehab_core.learn import LearnPage
from rehab_core.stretches import stretches
from ui.content import render_exercise_card, render_learn_page
from ui.frame import ensure_entrypoint

ensure_entrypoint()


def stretch_cards(page: LearnPage) -> None:
    for stretch in stretches():
        render_exercise_card(stretch, "stretch")


render_learn_page("stretches", after_body=stretch_cards)
