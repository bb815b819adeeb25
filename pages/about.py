"""About: where the advice comes from, the safety notice, and privacy."""

import streamlit as st

from rehab_core.store import StoreUnavailable
from ui.frame import SAFETY_NOTICE, ensure_entrypoint, site_config
from ui.storage import current_diary

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
st.markdown(f"Run by **{config.name}**.")

st.subheader("Your privacy")
PRIVACY = {
    "local": (
        "Your check-ins are saved in a database file on the computer that runs this app (in its "
        "`data/` folder). Nothing is sent anywhere else. They stay until you delete them."
    ),
    "session": (
        "Nothing is saved on the server. Your diary lives only in this browser tab and is gone when "
        "you close the tab or stay away for a while. Export it from My progress to keep it."
    ),
    "account": (
        "Your check-ins are saved in this service's database, linked to the account you signed in "
        "with, so only you can see them. They stay until you delete them."
    ),
    "demo": (
        "You are looking at made-up demo data. It lives only in this browser tab and is never saved. "
        "Reset the demo in the sidebar to go back to your own diary."
    ),
}
try:
    diary = current_diary()
except StoreUnavailable:
    diary = None  # the frame already says so; the privacy text follows the configured mode
mode = diary.mode if diary is not None else config.storage_mode
st.markdown(PRIVACY[mode])
st.markdown(
    "To delete everything, open **My progress** and use **Delete all my data**: it removes every "
    "check-in of your diary at once. The app uses no analytics, no tracking and no outside fonts or "
    "scripts: nothing you do here leaves this server."
)
