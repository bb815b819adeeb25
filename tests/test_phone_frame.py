"""The frame on a phone: the navigation in the order a person in pain needs, the notice in one line."""

from __future__ import annotations

import re
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from ui.frame import NOTICE_ID, NOTICE_LABEL, SAFETY_NOTICE
from ui.navigation import existing_pages
from ui.site import site_config


def test_the_navigation_puts_assess_check_in_progress_and_getting_help_before_the_learn_pages() -> None:
    stems = [spec.url_path for spec in existing_pages()]
    assert stems[:5] == ["home", "assess", "session", "checkin", "progress"]
    # When to get help comes second of the Learn pages, after what to expect (issue 25's order),
    # within the first screen of a phone's menu.
    learn = [spec.url_path for spec in existing_pages() if spec.section == "Learn"]
    assert learn[:2] == ["living", "get_help"]
    assert stems.index("get_help") < 8
    assert stems.index("about") == len(stems) - 1


def test_the_safety_notice_is_one_line_with_the_number_and_the_rest_one_tap_away(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("assess")
    assert not app.exception
    emergency = site_config().care.emergency
    # One element: the frame's style, the line, and the whole notice in the browser's own popover.
    notice = app.main.markdown[0].value
    line, _, popover = re.sub(r"<style>.*?</style>\s*", "", notice, flags=re.DOTALL).partition(
        f'<div id="{NOTICE_ID}"'
    )
    visible = re.sub(r"<[^>]+>", "", line).strip()
    assert f"]({emergency.tel_href})" in visible and SAFETY_NOTICE not in visible
    assert NOTICE_LABEL in visible and len(visible) < 100, "one short line"
    assert f'popovertarget="{NOTICE_ID}"' in line and popover.startswith(" popover>")
    assert SAFETY_NOTICE in popover and emergency.tel_href in popover
