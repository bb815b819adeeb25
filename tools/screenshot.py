"""Make the README's screenshot: start the app, open Home at 1280x900 in Chromium, save a PNG.

Usage, from the repository: `.venv/bin/python -m tools.screenshot [--out docs/screenshot.png]`.
Uses Debian's Chromium (/usr/bin/chromium) and a fresh app server on a free loopback port.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, DESKTOP, is_local, wait_for_app
from tests.fixtures.server import APP_DIR, owner_cookies, running_app


def take_screenshot(out: Path) -> None:
    with (
        tempfile.TemporaryDirectory(prefix="screenshot-") as work_dir,
        running_app(work_dir=Path(work_dir)) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport=DESKTOP, color_scheme="light", device_scale_factor=1)
            context.add_cookies(owner_cookies())  # type: ignore[arg-type]  # the owner's own diary
            # Nothing may leave the machine, even for a picture.
            context.route(lambda url: not is_local(url), lambda route: route.abort("blockedbyclient"))
            page = context.new_page()
            page.goto(server.page_url(), wait_until="domcontentloaded")
            wait_for_app(page)
            # Fonts (served by the app) must be in before the picture is taken.
            page.evaluate("document.fonts.ready.then(() => true)")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=False)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=APP_DIR / "docs" / "screenshot.png")
    args = parser.parse_args()
    take_screenshot(args.out)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
