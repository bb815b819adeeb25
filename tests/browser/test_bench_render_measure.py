"""The render bench's measure in a real Chromium: a page counts as rendered once its charts drew."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.bench.bench_render import QUIET_MS, RENDERED, WATCH_CHANGES

FAKE_APP = (
    '<div data-testid="stApp" data-test-connection-state="CONNECTED" data-test-script-state="notRunning">'
    '<h1>Page</h1><div data-testid="stVegaLiteChart" id="chart"></div></div>'
)


def test_a_page_counts_as_rendered_only_once_every_chart_has_drawn_and_it_stopped_changing(
    chromium: Browser,
) -> None:
    page = chromium.new_page()
    try:
        page.add_init_script(WATCH_CHANGES)
        page.goto("about:blank")
        page.set_content(FAKE_APP)
        page.wait_for_timeout(QUIET_MS * 2)
        assert page.evaluate(RENDERED, QUIET_MS) is False  # the chart has not drawn

        page.evaluate("document.getElementById('chart').innerHTML = '<canvas width=\"0\"></canvas>'")
        page.wait_for_timeout(QUIET_MS * 2)
        assert page.evaluate(RENDERED, QUIET_MS) is False  # a canvas with no size is not drawn yet

        drawn_at = page.evaluate(
            "() => { document.querySelector('canvas').width = 300; return performance.now(); }"
        )
        assert page.evaluate(RENDERED, QUIET_MS) is False  # it has just changed
        page.wait_for_timeout(QUIET_MS * 2)
        rendered = page.evaluate(RENDERED, QUIET_MS)
        assert rendered is not False and abs(rendered - drawn_at) < 50  # the time of the last change
    finally:
        page.close()
