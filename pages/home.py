"""Home: what Back in Action is, who it is for, and three ways in."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from pathlib import Path

import streamlit as st

from rehab_core import movements, protocol
from rehab_core.learn import MIN_AGE, learn_page
from ui.frame import site_config
from ui.knowledge_checks import page_check_status
from ui.navigation import existing_pages
from ui.router import page_link
from ui.session_link import render_session_entry_for_visit

config = site_config()
st.title(config.name)
st.markdown(
    f"{config.tagline} This guide is for anyone aged {MIN_AGE} and over whose back hurts, after a "
    "strain, a spasm or for no clear reason, and for the people helping them. It teaches what to "
    "expect and how the back works, checks for warning signs that need a doctor, and builds a short "
    "plan of gentle movements for today.\n\n"
    # One line of reassurance, from the research the Learn pages cite (Menezes Costa and others, 2012).
    "**Good to know:** most back pain gets much better within a few weeks, even when it hurts a lot at first."
)

render_session_entry_for_visit()

st.subheader("Three ways in")
available = {spec.url_path for spec in existing_pages()}
cards = st.columns(3)
WAYS_IN = (
    (
        "Learn",
        "What to expect, when to get help, and how to look after your back.",
        "pages/living.py",
        ":material/school:",
    ),
    (
        "Assess today",
        f"A safety check, your pain, {len(movements())} gentle movements and a plan for today.",
        "pages/assess.py",
        ":material/assignment:",
    ),
    (
        "My progress",
        "Your daily check-ins as charts, so you can see yourself get better.",
        "pages/progress.py",
        ":material/monitoring:",
    ),
)
for column, (title, text, target, icon) in zip(cards, WAYS_IN, strict=True):
    with column.container(border=True, height="stretch"):
        st.markdown(f"**{title}**  \n:small[{text}]")  # one element, not two: docs/performance.md
        if Path(target).stem in available:
            page_link(target, label=f"Go to {title.lower()}", icon=icon)
        else:
            st.caption("Not part of this copy of the app.")

st.markdown(
    "### Learn, topic by topic\n\n"
    "Each topic ends with a few questions to check yourself. Here you can see which ones you have "
    "checked in this browser tab. Nothing is saved or shared."
)
with st.container(border=True, key="learn_overview"):
    for spec in existing_pages():
        if spec.section != "Learn":
            continue
        page_link(spec.file, label=spec.title, icon=spec.icon)
        st.markdown(f"{page_check_status(learn_page(spec.url_path))}. {spec.help}")

st.markdown(
    "### Who it is for\n\n"
    f"- **You**, if you are {MIN_AGE} or over, your back hurts, and you "
    "want to know what to do today. If you are younger, ask a doctor about your back instead.\n"
    "- **A partner or friend** helping someone through a bad back.\n"
    "- **A movement coach** who wants clients to follow a clear home plan between sessions.\n"
    "- **A workshop facilitator** with a room of people on phones: [run a workshop](workshop) to "
    "open a live room and show the room's anonymous answers on a projector.\n\n"
    "### How it works\n\n"
    "Each day, follow the coach's loop: **rest** from what hurts (keep moving gently, not bed rest), "
    f"**ice** while your pain is {protocol.HEAT_MAX_PAIN + 1} or more, and **assess** how you are "
    "doing. The assessment turns your answers into today's plan. "
    "Check in each day and your progress chart shows the trend."
)
