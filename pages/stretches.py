"""Stretches for hamstrings and glutes: the stretches the rehab page asks for, as library cards."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from rehab_core.learn import LearnPage
from rehab_core.stretches import stretches
from ui.exercise_cards import render_exercise_cards
from ui.learn_page import render_learn_page


def stretch_cards(page: LearnPage) -> None:
    render_exercise_cards(stretches())


render_learn_page("stretches", after_body=stretch_cards)
