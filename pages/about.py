"""About: where the advice comes from, the safety notice, and privacy."""

import streamlit as st

from ui.frame import SAFETY_NOTICE, ensure_entrypoint, site_config

ensure_entrypoint()

config = site_config()
st.title("About")
st.subheader("Safety notice")
st.warning(SAFETY_NOTICE, icon=":material/health_and_safety:")
st.markdown(
    "Back in Action teaches and guides. It cannot examine you, so it cannot tell you what is "
    f"wrong. In an emergency call **{config.emergency_number}**. For a warning sign that is not an "
    f"emergency, contact **{config.urgent_care}** today."
)

st.subheader("Where the advice comes from")
st.markdown(
    "- The daily Rest, Ice, Assess loop, the ten assessment movements and the plan rules come "
    "from a movement coach's guide: *Identifying and Treating Back Pain & Back Spasms* "
    "(Kaldzar), put here in our own words.\n"
    "- The safety questions follow public clinical guidance: "
    "[NICE guideline NG59, low back pain and sciatica](https://www.nice.org.uk/guidance/ng59) and "
    "[NHS advice on back pain](https://www.nhs.uk/conditions/back-pain/).\n"
    "- The 0 to 10 pain scale is the standard Numeric Pain Rating Scale "
    "(0 is no pain, 10 is the worst pain you can imagine)."
)

st.subheader("This copy of the app")
st.markdown(f"Run by **{config.name}**. Diaries are kept in **{config.storage_mode}** mode.")
