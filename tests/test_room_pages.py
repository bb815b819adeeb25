"""The workshop room in AppTest: a facilitator opens a room, phones join and take part, reset, close.

Every app here is the real app.py on one real SQLite file, as one server's sessions share it.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core import movements, red_flags, rooms
from rehab_core.database import open_engine
from rehab_core.room_store import RoomStore
from rehab_core.rooms import RoomState
from ui import room_seat
from ui.content import learn_page
from ui.room_facilitator import qr_svg

Open = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def _one_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_DATABASE_URL", f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "session")


@pytest.fixture(autouse=True)
def _fresh_address_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every AppTest session has no client address: each test starts with the per-address limits unused."""
    monkeypatch.setattr(
        room_seat, "JOIN_LIMIT", rooms.AddressLimiter(rooms.ADDRESS_JOIN_TRIES, rooms.ADDRESS_JOIN_WINDOW_S)
    )
    monkeypatch.setattr(
        room_seat,
        "OPEN_LIMIT",
        rooms.AddressLimiter(rooms.ADDRESS_ROOMS_OPENED, rooms.ADDRESS_ROOMS_WINDOW_S),
    )


@pytest.fixture
def store(tmp_path: Path) -> RoomStore:
    return RoomStore(open_engine(f"sqlite:///{tmp_path / 'diary.sqlite3'}"))


def text_of(app: AppTest) -> str:
    kinds = ("markdown", "title", "subheader", "success", "warning", "error", "info", "caption")
    return "\n".join(str(element.value) for kind in kinds for element in getattr(app, kind))


def open_room(open_page: Open) -> tuple[AppTest, str, str]:
    facilitator = open_page("workshop")
    facilitator.button(key="room_open").click().run()
    assert not facilitator.exception
    held = facilitator.session_state["room_facilitator"]
    return facilitator, held.code, held.key


def join(open_page: Open, code: str) -> AppTest:
    phone = open_page("join")
    phone.text_input(key="room_code").input(rooms.format_code(code).lower())
    phone.button(key="room_join").click().run()  # the form's submit button
    assert not phone.exception
    return phone


def take_assessment(phone: AppTest, pain: int, ratings: dict[str, int | None]) -> AppTest:
    phone.switch_page("pages/assess.py").run()
    phone.button(key="assess_safety_next").click().run()
    phone.button_group(key="assess_pain").set_value(pain).run()
    phone.button(key="assess_pain_next").click().run()
    if pain <= 8:
        for movement in movements():
            rating = ratings.get(movement.id)
            if rating is None:
                phone.button(key="assess_skip").click().run()
            else:
                phone.button_group(key=f"rate_{movement.id}").set_value(rating).run()
                phone.button(key="assess_next").click().run()
    assert not phone.exception
    return phone


def held_room(app: AppTest) -> object:
    if "room_facilitator" not in app.session_state:  # AppTest's session state has no get()
        return None
    return app.session_state["room_facilitator"]


def now() -> datetime:
    return datetime.now(UTC)


def test_opening_a_room_shows_its_code_qr_code_and_a_private_link(open_page: Open, store: RoomStore) -> None:
    facilitator, code, key = open_room(open_page)
    shown = text_of(facilitator)
    assert f"Room {rooms.format_code(code)}" in shown
    assert f"join?code={code}" in shown
    assert f"Nothing shows until at least {rooms.MIN_ANSWERS} people have finished the assessment" in shown
    # The QR code, drawn by the app as inline SVG (nothing fetched), of the join link and nothing else.
    (image,) = facilitator.get("image")
    url = image.proto.imgs[0].url  # type: ignore[attr-defined]
    assert url.startswith("data:image/svg+xml;base64,")
    drawn = base64.b64decode(url.split(",", 1)[1]).decode()
    join_link = next(line for line in shown.split("`") if line.startswith("http") and "join?code=" in line)
    modules = re.compile(r'class="qrline"[^>]* d="([^"]+)"')
    assert modules.findall(drawn) == modules.findall(qr_svg(join_link)) != []
    assert "<image" not in drawn and not re.search(r"href=\"https?:", drawn)
    assert not any(f"key={key}" in str(block.value) for block in facilitator.code)  # not on the projector
    facilitator.button(key="room_controls_view").click().run()
    assert any(f"key={key}" in str(block.value) for block in facilitator.code)
    room = store.room(code, now())
    assert room is not None and room.state is RoomState.OPEN and room.joined == 0


def test_a_phone_joins_by_code_and_a_wrong_or_unknown_code_is_told_so(open_page: Open) -> None:
    _, code, _ = open_room(open_page)
    phone = join(open_page, code)
    assert f"You joined room {rooms.format_code(code)}" in text_of(phone)
    assert phone.session_state["room_joined"] == code
    stranger = open_page("join")
    stranger.text_input(key="room_code").input("K7M-PO3")
    stranger.button(key="room_join").click().run()
    assert "never use O" in text_of(stranger)
    stranger.text_input(key="room_code").input("ZZZ ZZZ")
    stranger.button(key="room_join").click().run()
    assert "There is no open room with the code ZZZ ZZZ" in text_of(stranger)
    assert stranger.session_state["room_joined"] is None


def test_joining_is_limited_to_five_tries_a_minute_per_session(open_page: Open) -> None:
    _, code, _ = open_room(open_page)
    guesser = open_page("join")
    for guess in ("AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE"):
        guesser.text_input(key="room_code").input(guess)
        guesser.button(key="room_join").click().run()
        assert "There is no open room" in text_of(guesser)
    guesser.text_input(key="room_code").input(code)  # even the right code must wait now
    guesser.button(key="room_join").click().run()
    assert "Too many tries" in text_of(guesser)
    assert guesser.session_state["room_joined"] is None


def test_the_projector_shows_nothing_until_three_finished_then_shares_only(
    open_page: Open, store: RoomStore
) -> None:
    facilitator, code, _ = open_room(open_page)
    tolerated = {"bird-dog": 1, "hip-bridge": 2, "cat-camel": 3, "hip-mobility": 0}
    for pain in (4, 5):
        take_assessment(join(open_page, code), pain, tolerated)
    facilitator.run()
    assert "Nothing shows until at least 3 people" in text_of(facilitator)
    assert not facilitator.get("vega_lite_chart")
    take_assessment(join(open_page, code), 9, {})
    facilitator.run()
    charts = facilitator.get("vega_lite_chart")
    assert len(charts) == 1  # phases only: no movement was tried by three people yet
    assert "Nothing shows until" not in text_of(facilitator)  # the waiting text and shares never at once
    counts = store.counts(code, 0)[rooms.ASSESSMENT]
    assert counts == {
        "answered": 3,
        "planned": 3,
        "phase:rehab": 2,
        "phase:rest_ice": 1,
        **{f"tried:{movement}": 2 for movement in tolerated},
        **{f"tolerated:{movement}": 2 for movement in tolerated},
    }


def projected(facilitator: AppTest) -> str:
    """What the projector's charts say (their data and their text for a screen reader)."""
    return "\n".join(str(chart.proto) for chart in facilitator.get("vega_lite_chart"))


def test_the_projector_never_shows_the_share_sent_to_get_care(open_page: Open, store: RoomStore) -> None:
    facilitator, code, _ = open_room(open_page)
    flag = next(flag for flag in red_flags() if flag.level == "emergency")
    cared = join(open_page, code)
    cared.switch_page("pages/assess.py").run()
    cared.checkbox(key=f"flag_{flag.id}").check().run()
    cared.button(key="assess_safety_next").click().run()
    for _ in range(3):
        take_assessment(join(open_page, code), 4, {})
    facilitator.run()
    shown = projected(facilitator) + text_of(facilitator)
    assert "Get care now" not in shown and "urgent" not in shown
    assert "Share of the 3 who finished with a plan" in shown  # the get-care answer is in no total
    assert "Gentle rehab: 100%" in shown
    before = projected(facilitator)
    second = join(open_page, code)
    second.switch_page("pages/assess.py").run()
    second.checkbox(key=f"flag_{flag.id}").check().run()
    second.button(key="assess_safety_next").click().run()
    facilitator.run()
    assert projected(facilitator) == before  # another get-care answer moves nothing on the screen
    assert store.counts(code, 0)[rooms.ASSESSMENT]["phase:urgent_care"] == 2
    facilitator.button(key="room_controls_view").click().run()
    own = text_of(facilitator)
    assert "Talking to the room about warning signs" in own
    assert "never ask for a show of hands" in own


def test_the_projector_moves_only_in_steps_of_three_new_answers(open_page: Open) -> None:
    facilitator, code, _ = open_room(open_page)
    for _ in range(rooms.MIN_ANSWERS):
        take_assessment(join(open_page, code), 4, {})
    facilitator.run()
    first = projected(facilitator)
    assert "Gentle rehab: 100%" in first
    for _ in range(rooms.MIN_ANSWERS - 1):  # one or two more, each resting: nothing on the screen moves
        take_assessment(join(open_page, code), 9, {})
        facilitator.run()
        assert projected(facilitator) == first
    take_assessment(join(open_page, code), 9, {})
    facilitator.run()
    assert "Gentle rehab: 50%" in projected(facilitator) and "Rest and ice: 50%" in projected(facilitator)


def test_the_rooms_minimum_is_written_from_its_one_constant(
    open_page: Open, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rooms, "MIN_ANSWERS", 5)
    intro = text_of(open_page("workshop"))
    assert "at least 5 people" in intro and "steps of 5" in intro and "3 people" not in intro
    facilitator, code, _ = open_room(open_page)
    for _ in range(3):
        take_assessment(join(open_page, code), 4, {})
    facilitator.run()
    assert not facilitator.get("vega_lite_chart")
    assert "Nothing shows until at least 5 people" in text_of(facilitator)


def test_the_projector_view_has_no_reset_close_or_private_link(open_page: Open) -> None:
    facilitator, _, key = open_room(open_page)
    keys = {widget.key for kind in ("button", "toggle", "number_input") for widget in facilitator.get(kind)}
    assert not keys & {
        "room_reset",
        "room_close",
        "room_reset_confirm",
        "room_close_confirm",
        "room_capacity",
    }
    assert key not in text_of(facilitator) and not any(key in str(block.value) for block in facilitator.code)
    facilitator.button(key="room_controls_view").click().run()
    assert facilitator.toggle(key="room_reset_confirm") and facilitator.toggle(key="room_close_confirm")
    facilitator.button(key="room_projector_view").click().run()
    assert not [toggle for toggle in facilitator.toggle if toggle.key == "room_reset_confirm"]


@pytest.mark.parametrize(
    "hostile",
    [
        "[click me](https://example.com/phish)",
        "![x](https://example.com/pixel.png)",
        ":red[**URGENT: call this number**]",
        "$\\frac{1}{0}$",
        "<b>bold</b> :material/warning:",
    ],
)
def test_a_join_links_code_is_never_shown_back_as_markdown(open_page: Open, hostile: str) -> None:
    phone = open_page("join", query={"code": hostile})
    assert not phone.exception
    shown = text_of(phone)
    assert "a code is 6 letters and digits" in shown or "Codes never use" in shown
    for piece in ("example.com", "URGENT", "frac", "<b>", "click me"):
        assert piece not in shown


def test_leaving_gives_the_place_back_and_the_facilitator_can_raise_the_capacity(
    open_page: Open, store: RoomStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_ROOM_CAPACITY", "3")
    facilitator, code, _ = open_room(open_page)
    phones = [join(open_page, code) for _ in range(3)]
    assert store.room(code, now()).joined == 3  # type: ignore[union-attr]
    phones[0].button(key="room_leave_page").click().run()
    assert store.room(code, now()).joined == 2  # type: ignore[union-attr]
    join(open_page, code)
    assert "is full (3 people)" in text_of(join(open_page, code))
    facilitator.button(key="room_controls_view").click().run()
    facilitator.number_input(key="room_capacity").set_value(50).run()
    facilitator.button(key="room_capacity_save").click().run()
    assert "now holds up to 50 people" in text_of(facilitator)
    assert store.room(code, now()).capacity == 50  # type: ignore[union-attr]
    assert f"You joined room {rooms.format_code(code)}" in text_of(join(open_page, code))


def test_one_address_may_open_only_a_few_rooms_and_try_only_so_many_codes(open_page: Open) -> None:
    for _ in range(rooms.ADDRESS_ROOMS_OPENED):
        open_room(open_page)
    one_too_many = open_page("workshop")
    one_too_many.button(key="room_open").click().run()
    assert "Too many rooms were opened from this address" in text_of(one_too_many)
    assert held_room(one_too_many) is None
    tries = 0
    while tries < rooms.ADDRESS_JOIN_TRIES:  # fresh sessions (no cookie, a new tab each): one address
        guesser = open_page("join")
        for _ in range(rooms.JOIN_TRIES):
            guesser.text_input(key="room_code").input("ZZZZZZ")
            guesser.button(key="room_join").click().run()
            tries += 1
    fresh = open_page("join")
    fresh.text_input(key="room_code").input("ZZZZZZ")
    fresh.button(key="room_join").click().run()
    assert "Too many tries" in text_of(fresh)


def test_an_assessment_counts_once_however_often_the_result_is_reached(
    open_page: Open, store: RoomStore
) -> None:
    _, code, _ = open_room(open_page)
    phone = take_assessment(join(open_page, code), 4, {"bird-dog": 1})
    phone.button(key="assess_back").click().run()
    phone.button(key="assess_skip").click().run()  # the last movement again, then the result again
    assert phone.button(key="assess_restart")
    phone.button(key="assess_restart").click().run()
    take_assessment(phone, 4, {"bird-dog": 1})
    assert store.counts(code, 0)[rooms.ASSESSMENT]["answered"] == 1


def test_a_warning_sign_in_the_room_shows_get_care_now_and_adds_only_a_share(
    open_page: Open, store: RoomStore
) -> None:
    _, code, _ = open_room(open_page)
    phone = join(open_page, code)
    phone.switch_page("pages/assess.py").run()
    flag = next(flag for flag in red_flags() if flag.level == "emergency")
    phone.checkbox(key=f"flag_{flag.id}").check().run()
    phone.button(key="assess_safety_next").click().run()
    assert any("Get emergency help now" in str(alert.proto) for alert in phone.error)
    assert phone.session_state["room_joined"] == code  # still in the room, told exactly what anyone is
    assert store.counts(code, 0) == {rooms.ASSESSMENT: {"answered": 1, "phase:urgent_care": 1}}  # no snapshot


def test_a_participant_cannot_run_the_room_even_with_a_crafted_link(
    open_page: Open, store: RoomStore
) -> None:
    _, code, key = open_room(open_page)
    phone = join(open_page, code)
    take_assessment(phone, 4, {})
    for crafted in ({"room": code, "key": "guess"}, {"room": code, "key": key[:-1]}, {"room": code}):
        intruder = open_page("workshop", query=crafted)
        assert not intruder.exception
        assert f"Room {rooms.format_code(code)}" not in text_of(intruder)
        assert not [button for button in intruder.button if button.key in {"room_reset", "room_close"}]
        assert held_room(intruder) is None
    room = store.room(code, now())
    assert room is not None and room.state is RoomState.OPEN and room.generation == 0
    assert store.counts(code, 0)[rooms.ASSESSMENT]["answered"] == 1


def test_the_facilitator_link_opens_the_room_on_another_device_and_leaves_the_address_bar(
    open_page: Open,
) -> None:
    _, code, key = open_room(open_page)
    laptop = open_page("workshop", query={"room": code, "key": key})
    assert f"Room {rooms.format_code(code)}" in text_of(laptop)
    assert "key" not in laptop.query_params


def test_reset_starts_the_counts_again_and_close_ends_the_room(open_page: Open, store: RoomStore) -> None:
    facilitator, code, _ = open_room(open_page)
    phones = [take_assessment(join(open_page, code), 4, {}) for _ in range(3)]
    facilitator.run()
    assert facilitator.get("vega_lite_chart")

    facilitator.button(key="room_controls_view").click().run()
    facilitator.toggle(key="room_reset_confirm").set_value(True).run()
    facilitator.button(key="room_reset").click().run()
    assert "start again from zero" in text_of(facilitator)
    facilitator.button(key="room_projector_view").click().run()
    assert "Nothing shows until at least 3 people" in text_of(facilitator)
    room = store.room(code, now())
    assert room is not None and room.generation == 1 and room.joined == 3
    phones[0].button(key="assess_restart").click().run()
    take_assessment(phones[0], 4, {})  # counted before the reset; after it, a new answer counts again
    assert store.counts(code, 1)[rooms.ASSESSMENT]["answered"] == 1

    facilitator.button(key="room_controls_view").click().run()
    facilitator.toggle(key="room_close_confirm").set_value(True).run()
    facilitator.button(key="room_close").click().run()
    assert "The room is closed" in text_of(facilitator)
    assert store.room(code, now()).state is RoomState.CLOSED  # type: ignore[union-attr]

    late = open_page("join")
    late.text_input(key="room_code").input(code)
    late.button(key="room_join").click().run()
    assert f"Room {rooms.format_code(code)} has been closed by its facilitator" in text_of(late)


def test_a_full_room_turns_the_next_phone_away_in_words(
    open_page: Open, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_ROOM_CAPACITY", "3")
    _, code, _ = open_room(open_page)
    for _ in range(3):
        join(open_page, code)
    fourth = join(open_page, code)
    assert f"Room {rooms.format_code(code)} is full (3 people)" in text_of(fourth)


def test_in_a_room_every_page_says_which_room_and_leaving_is_one_tap(
    open_page: Open, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "local")  # even a local deploy: no diary on the server
    _, code, _ = open_room(open_page)
    phone = join(open_page, code)
    for page in ("pages/home.py", "pages/progress.py"):
        phone.switch_page(page).run()
        shown = text_of(phone)
        assert f"You are in workshop room {rooms.format_code(code)}" in shown
        assert "no name, no pain numbers, no warning signs" in shown
        assert "In a workshop room your diary lives in this browser tab only" in shown
    phone.button(key="room_leave").click().run()
    shown = text_of(phone)
    assert "You left the room" in shown
    assert "You are in workshop room" not in shown
    assert phone.session_state["room_joined"] is None


def test_a_phone_in_a_room_that_closes_is_told_it_has_ended(open_page: Open, store: RoomStore) -> None:
    _, code, key = open_room(open_page)
    phone = join(open_page, code)
    store.close(code, key, now())
    phone.switch_page("pages/home.py").run()
    assert f"Workshop room {rooms.format_code(code)} has ended" in text_of(phone)
    phone.run()
    assert "Workshop room" not in text_of(phone)


def test_the_facilitator_switches_to_a_learn_pages_questions_and_the_room_answers_them(
    open_page: Open, store: RoomStore
) -> None:
    facilitator, code, _ = open_room(open_page)
    page = learn_page("daily_loop")
    activity = "learn:daily_loop"
    facilitator.selectbox(key="room_activity").set_value(activity).run()
    assert store.room(code, now()).activity == activity  # type: ignore[union-attr]
    assert f"Questions: {page.title}" in text_of(facilitator)
    first = page.checks[0]
    wrong = next(option for option in first.options if option != first.answer)
    for picked in (first.answer, first.answer, wrong):
        phone = join(open_page, code)
        assert f"Questions: {page.title}" in text_of(phone)
        phone.radio(key=f"room_{code}_0__{first.id.replace('/', '__')}").set_value(picked).run()
        assert not phone.exception
    # Changing an answer does not count the same person twice.
    phone.radio(key=f"room_{code}_0__{first.id.replace('/', '__')}").set_value(first.answer).run()
    assert store.counts(code, 0)[activity] == {
        f"answered:{first.id}": 3,
        f"right:{first.id}": 2,
    }
    facilitator.run()
    charts = facilitator.get("vega_lite_chart")
    assert len(charts) == 1
    assert "Question 1: 67%" in str(charts[0].proto)


def test_a_participant_cannot_switch_the_room(open_page: Open, store: RoomStore) -> None:
    _, code, _ = open_room(open_page)
    phone = join(open_page, code)
    assert not [widget for widget in phone.selectbox if widget.key == "room_activity"]
    crafted = open_page("workshop", query={"room": code, "key": "x" * 43})
    assert not [widget for widget in crafted.selectbox if widget.key == "room_activity"]
    assert store.room(code, now()).activity == rooms.ASSESSMENT  # type: ignore[union-attr]


def test_homes_workshop_line_links_to_run_a_workshop(open_page: Open) -> None:
    home = open_page()
    assert any("[run a workshop](workshop)" in str(block.value) for block in home.markdown)
