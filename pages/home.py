"""Home: what Back in Action is, who it is for, and three ways in."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from pathlib import Path

import streamlit as st

from rehab_core.learn import MIN_AGE, learn_page
from ui.frame import site_config
from ui.knowledge_checks import page_check_status
from ui.navigation import existing_pages
from ui.router import page_link

config = site_config()
st.title(config.name)
st.markdown(
    f"{config.tagline} This guide is for anyone aged {MIN_AGE} and over who has pulled or thrown "
    "out their back, and for the people helping them. It teaches how the spine is built to move, "
    "checks for warning signs that need a doctor, and builds a short plan of gentle movements for today."
)

st.subheader("Three ways in")
available = {spec.url_path for spec in existing_pages()}
cards = st.columns(3)
WAYS_IN = (
    (
        "Learn",
        "How your back works, why it gets hurt, and how to keep it well.",
        "pages/spine.py",
        ":material/school:",
    ),
    (
        "Assess today",
        "A safety check, your pain, ten gentle movements and a plan for today.",
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
        st.markdown(f"**{title}**")
        st.caption(text)
        if Path(target).stem in available:
            page_link(target, label=f"Go to {title.lower()}", icon=icon)
        else:
            st.caption("Not part of this copy of the app.")

st.subheader("Learn, topic by topic")
st.markdown(
    "Each topic ends with a few questions to check yourself. Here you can see which ones you have "
    "checked in this browser tab. Nothing is saved or shared."
)
with st.container(border=True, key="learn_overview"):
    for spec in existing_pages():
        if spec.section != "Learn":
            continue
        page_link(spec.file, label=spec.title, icon=spec.icon)
        st.markdown(f"{page_check_status(learn_page(spec.url_path))}. {spec.help}")

st.subheader("Who it is for")
st.markdown(
    f"- **You**, if you are {MIN_AGE} or over, your back hurts after a strain or a spasm, and you "
    "want to know what to do today. If you are younger, ask a doctor about your back instead.\n"
    "- **A partner or friend** helping someone through a bad back.\n"
    "- **A movement coach** who wants clients to follow a clear home plan between sessions.\n"
    "- **A workshop facilitator** with a room of people on phones: [run a workshop](workshop) to "
    "open a live room and show the room's anonymous answers on a projector."
)
st.subheader("How it works")
st.markdown(
    "Every day, follow the same loop: **rest** from what hurts, **ice** to calm the area, and "
    "**assess** how you are doing. The assessment turns your answers into today's plan. "
    "Check in each day and your progress chart shows the trend."
)
