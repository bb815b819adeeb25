"""Join a workshop: type the room's code (or arrive by its QR code) and take part, anonymously."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core import rooms
from rehab_core.room_store import Room
from rehab_core.store import StoreUnavailable
from ui import room, room_report, room_seat, room_state, state
from ui.flash import keep_message, show_message, write_done
from ui.router import page_link
from ui.store_errors import show_store_problem

CODE_WIDGET = "room_code"

# Arriving by the QR code: join once, then drop the code from the address. This browser's seat
# (a cookie) keeps it in the room across reloads and tabs, and counts it once.
scanned = st.query_params.get("code")
if scanned is not None:
    st.query_params.pop("code", None)
    joined, message = room_seat.join(scanned)
    write_done(message, "success" if joined else "warning")


def join_typed() -> None:
    joined, message = room_seat.join(state.widget_value(CODE_WIDGET) or "")
    keep_message(message, "success" if joined else "warning")


def leave() -> None:
    room_seat.leave()


st.title("Join a workshop")
show_message()
try:
    current: Room | None = room_seat.current_room()
except StoreUnavailable as error:
    show_store_problem(error)
    st.stop()

if current is not None and current.state is rooms.RoomState.OPEN:
    room_state.set_drawn_activity(current.activity)  # the banner redraws this page when it changes
    shown = rooms.format_code(current.code)
    st.markdown(
        f"You are in room **{shown}**. What you answer here counts only in the room's totals: "
        "how many chose each answer, never who. Nothing you type is shown on the screen."
    )
    st.subheader("What the room is doing now")
    if current.activity == rooms.ASSESSMENT:
        st.markdown(
            "Take the assessment on your phone. If you tick a warning sign, the app tells you what "
            "to do, as it always does; the screen never shows who, or how many, were told to get care."
        )
        page_link("pages/assess.py", label="Start the assessment", icon=":material/assignment:")
    else:
        questions = room.activity_page(current.activity)
        if questions is not None:
            room_report.render_room_questions(current, questions)
    st.caption("This page follows the room by itself when the facilitator moves on.")
    st.button("Leave the room", key="room_leave_page", on_click=leave, icon=":material/logout:")
    st.stop()

st.markdown(
    "Type the code on the facilitator's screen, or scan its QR code with your phone's camera. "
    "No account, no name: your answers count only as anonymous totals."
)
with st.form("room_join_form", border=False):
    st.text_input(
        "Room code",
        key=CODE_WIDGET,
        max_chars=12,
        placeholder="For example K7M PQ3",
        help="Six letters and digits. Codes never use 0, O, 1 or I.",
    )
    st.form_submit_button(
        "Join the room", key="room_join", type="primary", on_click=join_typed, icon=":material/login:"
    )
