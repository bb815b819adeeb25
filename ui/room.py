"""The live workshop room's basics for the app: its store, its clock, its capacity and its activities.

The room's other jobs each have a module of their own:
- ui/room_state.py: what this session holds (the room it is in, what it counted, a facilitator's key);
- ui/room_seat.py: this browser's place in a room (joining, leaving, keeping it across reloads);
- ui/room_banner.py: the small reader the frame draws on every page while a phone is in a room;
- ui/room_report.py: what a participant's finished answers add to the room's counts;
- ui/room_facilitator.py: opening, resetting, closing, switching and resizing a room;
- ui/room_projector.py: the projector's live charts.
A problem with the database never stands in the way of a participant's own assessment.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from rehab_core import rooms
from rehab_core.learn import LearnPage, learn_page, page_slugs
from rehab_core.room_store import RoomStore
from ui.navigation import existing_pages
from ui.storage import diary_engine

LEARN_ACTIVITY_PREFIX = "learn:"


def now() -> datetime:
    return datetime.now(UTC)


def room_store() -> RoomStore:
    """The rooms, in the app's own database (the diary's engine, migrated to the room tables)."""
    return RoomStore(diary_engine())


def capacity() -> int:
    """How many people a new room holds (BACK_IN_ACTION_ROOM_CAPACITY, default 200)."""
    return rooms.room_capacity(os.environ)


def activities() -> dict[str, str]:
    """The activities a facilitator can show: the assessment, then each Learn page's questions."""
    found = {rooms.ASSESSMENT: "The assessment"}
    for slug in _learn_slugs():
        page = learn_page(slug)
        if page.checks:
            found[f"{LEARN_ACTIVITY_PREFIX}{slug}"] = f"Questions: {page.title}"
    return found


def _learn_slugs() -> list[str]:
    """The Learn pages this copy of the app has, in the navigation's order."""
    written = set(page_slugs())
    return [
        spec.url_path for spec in existing_pages() if spec.section == "Learn" and spec.url_path in written
    ]


def activity_page(activity: str) -> LearnPage | None:
    """The Learn page whose questions an activity is, or None (the assessment, or a page gone)."""
    slug = activity.removeprefix(LEARN_ACTIVITY_PREFIX)
    if not activity.startswith(LEARN_ACTIVITY_PREFIX) or slug not in _learn_slugs():
        return None
    page = learn_page(slug)
    return page if page.checks else None
