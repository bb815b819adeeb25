"""Run a workshop: open a live room, show its code and QR code, and watch the room's answers fill in."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core import rooms
from rehab_core.errors import InvalidInput
from rehab_core.store import StoreUnavailable
from ui import room
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
    st.set_page_config(layout="wide")  # the projector view uses the whole screen
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
        f"- **Nothing shows until at least {rooms.MIN_ANSWERS} people have answered**, so nobody "
        "is singled out.\n"
        f"- A room holds up to {room.capacity()} people and ends when you close it, or after 24 hours."
    )
    st.button("Open a room", key="room_open", type="primary", on_click=room.open_room, icon=":material/add:")
    st.caption(
        "You get a private facilitator link: keep it to come back to the room from another device. "
        "Anyone with that link can reset or close the room."
    )
    render_projector_entry()  # today's session, large, for leading the room through the movements
    st.stop()

code_shown = rooms.format_code(held.code)
address = room.page_url()
join_link = rooms.join_link(address, held.code)
st.title(f"Workshop room {code_shown}")

try:
    current = room.room_store().room(held.code, room.now())
except StoreUnavailable as error:
    show_store_problem(error)
    st.stop()
if current is not None and current.state is rooms.RoomState.OPEN:
    join_column, qr_column = st.columns([3, 2], vertical_alignment="center")
    with join_column:
        st.markdown("### Join on your phone")
        st.markdown("Scan the code, or open the app and go to **Join a workshop**, then type:")
        st.markdown(f"# {code_shown}")
        st.markdown(f"Or open this address: `{join_link}`")
    with qr_column:
        st.image(room.qr_svg(join_link), width="stretch", alt=f"QR code of the join link {join_link}")
    if rooms.only_this_computer(address):
        st.warning(
            "This page was opened at an address only this computer can reach, so the phones cannot "
            "use this QR code. Open this page at an address the phones can reach (for example "
            "http://192.168.1.20:8501, this computer's address on the room's Wi-Fi; see docs/deploy.md).",
            icon=":material/wifi_off:",
        )
    st.segmented_control(
        "Show on the projector",
        list(room.activities()),
        format_func=lambda activity: room.activities()[activity],
        default=current.activity if current.activity in room.activities() else rooms.ASSESSMENT,
        key=room.ACTIVITY_WIDGET,
        on_change=room.switch_activity,
        required=True,
    )

room.render_projector()
render_projector_entry()

with st.expander(
    "Facilitator controls: reset, close, your private link", icon=":material/settings:", key="room_controls"
):
    st.markdown(
        "Keep this link private: whoever has it can reset or close the room. Open it on another "
        "device to run the room from there."
    )
    st.code(rooms.facilitator_link(address, held.code, held.key), language=None, wrap_lines=True)
    controls = st.container(horizontal=True)
    if current is not None and current.state is rooms.RoomState.OPEN:
        if controls.toggle("Reset the counts…", key=room.CONFIRM_RESET):
            controls.button(
                "Yes, start the counts again",
                key="room_reset",
                on_click=room.reset_room,
                icon=":material/restart_alt:",
            )
        if controls.toggle("Close the room…", key=room.CONFIRM_CLOSE):
            controls.button(
                "Yes, close the room",
                key="room_close",
                type="primary",
                on_click=room.close_room,
                icon=":material/lock:",
            )
    st.button("Stop running this room here", key="room_forget", on_click=room.stop_running_room)
