"""The app's pages in one list: file, title, icon, section and what each is for.

A Learn page's title and summary are its front matter's (content/learn/<page>.md), read when the
navigation is first built: one place to change them, and the page's heading and its link agree.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rehab_core.learn import LearnPage

APP_DIR = Path(__file__).resolve().parent.parent
LEARN = "Learn"


@dataclass(frozen=True)
class PageSpec:
    """One page. Its url path is the file name, so a cold deep link resolves to the same page."""

    file: str
    icon: str
    section: str
    # Pages outside Learn only: a Learn page's come from its front matter.
    own_title: str = ""
    own_help: str = ""

    @property
    def url_path(self) -> str:
        return Path(self.file).stem

    @property
    def title(self) -> str:
        return _learn_page(self.url_path).title if self.section == LEARN else self.own_title

    @property
    def help(self) -> str:
        """What the page is for: the link's tooltip, and Home's line under a Learn page's link."""
        return _learn_page(self.url_path).summary if self.section == LEARN else self.own_help


def _learn_page(slug: str) -> LearnPage:
    # Imported here, not at the top: app.py builds the navigation before the heavier imports.
    from rehab_core.learn import learn_page

    return learn_page(slug)


def _learn(file: str, icon: str) -> PageSpec:
    return PageSpec(file, icon, LEARN)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/home.py",
        ":material/home:",
        "",
        "Home",
        "What this app is, who it is for, and three ways to start.",
    ),
    # Learn, in the order a person in pain needs them: living with it, when to get help, the daily
    # loop, bad days, then the rest.
    _learn("pages/living.py", ":material/self_improvement:"),
    _learn("pages/get_help.py", ":material/emergency:"),
    _learn("pages/daily_loop.py", ":material/autorenew:"),
    _learn("pages/bad_days.py", ":material/healing:"),
    _learn("pages/rehab.py", ":material/fitness_center:"),
    _learn("pages/library.py", ":material/sports_gymnastics:"),
    _learn("pages/stretches.py", ":material/airline_seat_flat:"),
    _learn("pages/spine.py", ":material/accessibility_new:"),
    _learn("pages/causes.py", ":material/help:"),
    _learn("pages/prevention.py", ":material/shield:"),
    PageSpec(
        "pages/assess.py",
        ":material/assignment:",
        "Your back today",
        "Assess today",
        "A safety check, your pain now, the test movements, and today's plan with its reasons.",
    ),
    PageSpec(
        "pages/session.py",
        ":material/play_circle:",
        "Your back today",
        "Today's session",
        "Do today's plan one movement at a time, with rests timed for you, and keep it in your diary.",
    ),
    PageSpec(
        "pages/checkin.py",
        ":material/edit_note:",
        "Your back today",
        "Check-in",
        "A quick daily log: pain, sessions done, ice, heat and a note.",
    ),
    PageSpec(
        "pages/progress.py",
        ":material/monitoring:",
        "Your back today",
        "My progress",
        "Charts of your pain and movements over time, your check-ins, export and import.",
    ),
    PageSpec(
        "pages/join.py",
        ":material/qr_code_scanner:",
        "Workshop",
        "Join a workshop",
        "Type the code on the facilitator's screen and take part; answers count only as anonymous totals.",
    ),
    PageSpec(
        "pages/workshop.py",
        ":material/co_present:",
        "Workshop",
        "Run a workshop",
        "Open a live room with a code and a QR code, and show the room's answers on a projector.",
    ),
    PageSpec(
        "pages/about.py",
        ":material/info:",
        "",
        "About",
        "Where the advice comes from, the safety notice, and what is stored about you.",
    ),
)


@functools.cache
def existing_pages() -> tuple[PageSpec, ...]:
    """The pages whose files exist (a deploy may leave some out, before it starts: looked up once)."""
    return tuple(spec for spec in PAGES if (APP_DIR / spec.file).is_file())


def page_by_stem(stem: str) -> PageSpec:
    """The page whose file is pages/<stem>.py."""
    for spec in PAGES:
        if spec.url_path == stem:
            return spec
    raise KeyError(stem)
