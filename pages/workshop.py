"""Run a workshop: open a live room, show its code and QR code, and watch the room's answers fill in."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core import rooms
from rehab_core.errors import InvalidInput
from rehab_core.store import StoreUnavailable
from ui import room, room_facilitator, room_projector
from ui import room_state as state
from ui.flash import show_message, write_done
from ui.session_link import render_projector_entry
from ui.store_errors import show_store_problem

# A facilitator link: take the room if the key is right, then drop the key from the address bar,
# so a projector never shows the secret.
link_code, link_key = st.query_params.get("room"), st.query_params.get("key")
if link_key is not None:
    try:
        code = rooms.normalize_code(link_code or "")
        is_facilitator = room.room_store().is_facilitator(code, link_key)
    except (InvalidInput, StoreUnavailable):
        is_facilitator = False
    st.query_params.pop("key", None)
    if is_facilitator:
        state.hold_room(code, link_key)
        write_done(f"You are running room {rooms.format_code(code)}.")
    else:
        state.let_go_of_room()
        st.query_params.pop("room", None)
        write_done(
            "That facilitator link does not open a room: it is not right, or the room has ended. "
            "Only the person who opened a room (or whoever they gave its link to) can run it.",
            "warning",
        )

held = state.facilitator()
if held is not None:
    st.set_page_config(layout="wide", initial_sidebar_state="collapsed")  # the projector: the whole screen
else:
    st.set_page_config(layout="centered")  # app.py leaves this page's layout to it (ui.router.OWN_LAYOUT)
show_message()

if held is None:
    st.title("Run a workshop")
    st.markdown(
        "Open a live room for a group. People join from their phones by scanning a QR code or "
        "typing a short code: no account, no name. As they take the assessment, the projector "
        "shows the room's answers as they come in."
    )
    st.markdown(
        f"- **Only totals are kept**: how many chose each answer, never who, never a pain number "
        f"or a warning sign.\n"
        f"- **Nothing shows until at least {rooms.MIN_ANSWERS} people have answered**, and then "
        f"only in steps of {rooms.MIN_ANSWERS}, so nobody is singled out. How many were sent to "
        "get care is never shown.\n"
        f"- A room holds up to {room.capacity()} people (you can raise that) and ends when you "
        "close it, or after 24 hours."
    )
    st.button(
        "Open a room",
        key="room_open",
        type="primary",
        on_click=room_facilitator.open_room,
        icon=":material/add:",
    )
    st.caption(
        "You get a private facilitator link: keep it to come back to the room from another device. "
        "Anyone with that link can reset or close the room."
    )
    render_projector_entry()  # today's session, large, for leading the room through the movements
    st.stop()

code_shown = rooms.format_code(held.code)
address = room_facilitator.page_url()
join_link = rooms.join_link(address, held.code)
try:
    current = room.room_store().room(held.code, room.now())
except StoreUnavailable as error:
    show_store_problem(error)
    st.stop()
is_open = current is not None and current.state is rooms.RoomState.OPEN

if state.in_controls_view():
    # The facilitator's own view: never for the projector (it holds the secret link).
    st.title(f"Your controls for room {code_shown}")
    st.warning(
        "This view is for you, not the projector: it shows the room's private link.",
        icon=":material/visibility_off:",
    )
    st.button(
        "Back to the projector view",
        key="room_projector_view",
        type="primary",
        on_click=room_facilitator.show_projector,
        icon=":material/co_present:",
    )
    st.subheader("Talking to the room about warning signs")
    st.markdown(
        "The screen never shows how many people were told to get care: in a small room, one share "
        "is one person. So:\n"
        "- Before the assessment, say to everyone: *if your phone tells you to get care now, "
        "please do what it says, straight away. You do not need to tell anyone here.*\n"
        "- Never ask the room who got that answer, and never ask for a show of hands.\n"
        "- Say you are around at the break for anyone who wants a private word.\n"
        "- If someone tells you they have a warning sign, help them get care first. They do not "
        "carry on with the movements."
    )
    st.subheader("Your private link")
    st.markdown(
        "Keep this link private: whoever has it can reset or close the room. Open it on another "
        "device to run the room from there."
    )
    st.code(rooms.facilitator_link(address, held.code, held.key), language=None, wrap_lines=True)
    if is_open and current is not None:
        st.subheader("How many people the room holds")
        st.number_input(
            "People the room can hold",
            min_value=max(1, current.joined),
            max_value=rooms.MAX_CAPACITY,
            value=current.capacity,
            step=10,
            key=room_facilitator.CAPACITY_WIDGET,
        )
        st.button("Save the new size", key="room_capacity_save", on_click=room_facilitator.set_capacity)
        st.caption(f"{current.joined} of {current.capacity} places are taken.")
        st.subheader("Reset or close")
        controls = st.container(horizontal=True)
        if controls.toggle("Reset the counts…", key=room_facilitator.CONFIRM_RESET):
            controls.button(
                "Yes, start the counts again",
                key="room_reset",
                on_click=room_facilitator.reset_room,
                icon=":material/restart_alt:",
            )
        if controls.toggle("Close the room…", key=room_facilitator.CONFIRM_CLOSE):
            controls.button(
                "Yes, close the room",
                key="room_close",
                type="primary",
                on_click=room_facilitator.close_room,
                icon=":material/lock:",
            )
    st.button("Stop running this room here", key="room_forget", on_click=room_facilitator.stop_running_room)
    st.stop()

# The projector view: how to join on the left, the room's charts on the right, on one screen.
join_column, chart_column = st.columns([1, 2], gap="large")
with join_column:
    st.markdown(f"## Room {code_shown}")
    if is_open:
        st.markdown(f"Scan, or open **Join a workshop** and type:\n\n# {code_shown}")
        st.image(room_facilitator.qr_svg(join_link), width=260, alt=f"QR code of the join link {join_link}")
        st.caption(f"Or open `{join_link}`")
        if rooms.only_this_computer(address):
            st.warning(
                "Phones cannot reach this address. Open this page at this computer's address on the "
                "room's Wi-Fi (for example http://192.168.1.20:8501; see docs/deploy.md).",
                icon=":material/wifi_off:",
            )
        st.selectbox(
            "Show on the projector",
            list(room.activities()),
            format_func=lambda activity: room.activities()[activity],
            index=list(room.activities()).index(current.activity)
            if current is not None and current.activity in room.activities()
            else 0,
            key=room_facilitator.ACTIVITY_WIDGET,
            on_change=room_facilitator.switch_activity,
        )
    st.button(
        "Your controls (not for the projector)",
        key="room_controls_view",
        on_click=room_facilitator.show_controls,
        icon=":material/settings:",
    )
with chart_column:
    room_projector.render_projector()
