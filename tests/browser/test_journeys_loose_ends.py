"""Issue 23's loose ends in Chromium at phone size: what a person sees, not what the script meant."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import Locator, Page, expect

from rehab_core.catalogue import gentlest_first
from rehab_core.learn import learn_page
from rehab_core.pain_scale import PAIN_WHILE_DOING_IT
from tests.browser.harness import PHONE, NewBrowserPage, fill_check_in, open_app_page, pick, wait_for_app
from tests.fixtures.server import AppServerFactory

pytestmark = pytest.mark.browser

SESSION_MODE = {"BACK_IN_ACTION_STORAGE_MODE": "session"}
Colour = tuple[float, float, float]


def box_colours(page: Page, checkbox: Locator) -> tuple[Colour, float]:
    """The drawn box of a check box (not its hidden input): its mean colour inside the border, and
    how far its pixels spread from that mean (a tick drawn in the box spreads them)."""
    box = checkbox.locator("label > div").first.bounding_box()
    assert box is not None
    inset = 3
    shot = page.screenshot(
        clip={
            "x": box["x"] + inset,
            "y": box["y"] + inset,
            "width": box["width"] - 2 * inset,
            "height": box["height"] - 2 * inset,
        }
    )
    stat = ImageStat.Stat(Image.open(io.BytesIO(shot)).convert("RGB"))
    mean = (stat.mean[0], stat.mean[1], stat.mean[2])
    return mean, max(stat.stddev)


def distance(one: Colour, other: Colour) -> float:
    return sum((a - b) ** 2 for a, b in zip(one, other, strict=True)) ** 0.5


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_focused_unticked_check_box_looks_unticked_with_the_focus_ring_round_it(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, scheme: str
) -> None:
    server = app_server(env=SESSION_MODE)
    page = open_app_page(new_browser_page(viewport=PHONE, color_scheme=scheme), server, "assess")
    boxes = page.get_by_test_id("stCheckbox")
    first, ticked, unticked = boxes.nth(0), boxes.nth(1), boxes.nth(2)
    ticked.locator("label").click()
    wait_for_app(page)
    assert ticked.get_by_role("checkbox").is_checked()
    page.mouse.move(0, 0)  # no hover on any box
    first.get_by_role("checkbox").focus()
    page.keyboard.press("Tab")  # by keyboard, so the focus ring shows
    page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(300)  # Streamlit's boxes fade between states
    ring = first.locator("label").evaluate("label => getComputedStyle(label).outlineStyle")
    assert ring == "solid", "the focused box's label carries the focus ring"
    assert not first.get_by_role("checkbox").is_checked()
    focused_colour, focused_spread = box_colours(page, first)
    unticked_colour, _ = box_colours(page, unticked)
    ticked_colour, ticked_spread = box_colours(page, ticked)
    assert ticked_spread > 40, "a ticked box shows its tick"
    assert focused_spread < 15, "no tick and no ring drawn inside the focused box"
    assert distance(focused_colour, unticked_colour) < distance(focused_colour, ticked_colour) / 4, (
        f"focused {focused_colour}, unticked {unticked_colour}, ticked {ticked_colour}"
    )


def test_learn_answers_survive_a_reload_in_the_same_tab(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env=SESSION_MODE)
    page = open_app_page(new_browser_page(viewport=PHONE), server, "living")
    first, second = learn_page("living").checks[:2]
    wrong = next(option for option in second.options if not second.is_correct(option))
    for check, option in ((first, first.answer), (second, wrong)):
        group = page.get_by_role("radiogroup", name=check.prompt)
        group.get_by_text(option, exact=True).click()
        wait_for_app(page)
    page.get_by_text("You have answered 2 of").wait_for()
    page.wait_for_function("() => new URLSearchParams(location.search).has('answers')")
    page.reload(wait_until="domcontentloaded")
    wait_for_app(page)
    expect(page.get_by_text("You have answered 2 of")).to_be_visible()
    expect(page.get_by_text("a reload keeps them")).to_be_visible()
    for check, option in ((first, first.answer), (second, wrong)):
        group = page.get_by_role("radiogroup", name=check.prompt)
        expect(group.get_by_role("radio", name=option, exact=True)).to_be_checked()


def test_deleting_one_check_in_says_so_beside_the_button_read_out_and_in_view(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local"})
    watched = new_browser_page(viewport=PHONE)
    for pain in (5, 4):
        page = open_app_page(watched, server, "checkin")
        fill_check_in(page, pain)
        page.get_by_role("button", name="Save check-in").click()
        wait_for_app(page)
    page = open_app_page(watched, server, "progress")
    page.get_by_text("Change or delete a check-in").click()
    wait_for_app(page)
    # Ticked, then the button waited for: on a busy machine a click on a box that is still
    # settling can be lost, and the button stays disabled.
    page.get_by_test_id("stCheckbox").filter(has_text="Yes, delete this check-in for good").click()
    wait_for_app(page)
    button = page.get_by_role("button", name="Delete this check-in")
    expect(button).to_be_enabled(timeout=30_000)
    button.click()
    wait_for_app(page)
    message = page.get_by_role("status").filter(has_text="deleted.")
    expect(message).to_be_visible()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.getAttribute('role') === 'status'"
        " && document.activeElement.innerText.includes('deleted.')"
    )
    box, button_box = message.bounding_box(), button.bounding_box()
    assert box is not None and button_box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], "in view"
    assert 0 <= box["y"] - (button_box["y"] + button_box["height"]) < 60, "just below the button"


@pytest.mark.parametrize("width", [320, 390])
def test_the_demo_toasts_fit_a_small_phone_whole(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, width: int
) -> None:
    server = app_server(env=SESSION_MODE)
    page = open_app_page(new_browser_page(viewport={"width": width, "height": 700}), server)
    page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_text("Workshop demo").click()
    wait_for_app(page)
    for button, words in (("Load demo diary", "Demo diary loaded"), ("Reset demo", "Demo data cleared")):
        page.get_by_role("button", name=button).click()
        toast = page.get_by_test_id("stToast").filter(has_text=words)
        toast.wait_for()
        page.wait_for_timeout(600)  # the toast slides in
        box = toast.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{words}: {box} on a {width} px screen"
        text = toast.get_by_test_id("stToastText").bounding_box()
        assert text is not None and text["x"] >= 0 and text["x"] + text["width"] <= width
        toast.get_by_role("button", name="Close").click()
        wait_for_app(page)


# Tables and charts that reach past the right edge of the main block's content or of the box they
# are drawn in, and how far the page drags sideways.
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const block = document.querySelector('[data-testid="stMainBlockContainer"]');
    const right = block.getBoundingClientRect().right - parseFloat(getComputedStyle(block).paddingRight);
    const edge = element => {
        const holder = element.parentElement.closest('[data-testid="stMarkdownContainer"]');
        return holder ? Math.min(right, holder.getBoundingClientRect().right) : right;
    };
    const wider = [...main.querySelectorAll('table, [data-testid="stVegaLiteChart"]')]
        .filter(element => element.getBoundingClientRect().right > edge(element) + 1)
        .map(element => element.tagName + ' ' + element.innerText.slice(0, 40));
    return {drag: document.documentElement.scrollWidth - innerWidth, wider};
}"""


def test_my_progress_shows_todays_plan_whole_on_a_320_px_phone(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local"})
    page = open_app_page(new_browser_page(viewport={"width": 320, "height": 800}), server, "assess")
    page.get_by_role("button", name="Continue").click()
    wait_for_app(page)
    pick(page, "Pain now", 4)
    page.get_by_role("button", name="Continue").click()
    # A plan with the longest names and doses (Forward/reverse beast walk, "4 lengths of about ..."):
    # every third movement skipped, the others raising the pain by 0 or 1.
    for number, movement in enumerate(gentlest_first(), start=1):
        page.get_by_role("heading", name=f"Movement {number} of").filter(has_text=movement.name).wait_for()
        wait_for_app(page)
        if number % 3 == 0:
            page.get_by_role("button", name="Skip this one").click()
            continue
        pick(page, PAIN_WHILE_DOING_IT, 4 + (number + 1) % 2)
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save to my diary").click()
    page.get_by_text("This assessment is in your diary.").wait_for()
    page = open_app_page(new_browser_page(viewport={"width": 320, "height": 800}), server, "progress")
    expect(page.get_by_role("columnheader", name="Times a day")).to_be_visible()
    expect(page.get_by_role("cell", name="Forward/reverse beast walk")).to_be_visible()
    assert page.evaluate(OVERFLOW) == {"drag": 0, "wider": []}
