"""The app's pages in one list: file, title, icon, section and what each is for."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    """One page. Its url path is the file name, so a cold deep link resolves to the same page."""

    file: str
    title: str
    icon: str
    section: str
    help: str

    @property
    def url_path(self) -> str:
        return Path(self.file).stem


# The order a person in pain needs: today's assessment, check-in and progress first, then when to
# get help (kept the first of the Learn pages), the rest of Learn after, the workshop and About last.
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/home.py",
        "Home",
        ":material/home:",
        "",
        "What Back in Action is, who it is for, and three ways to start.",
    ),
    PageSpec(
        "pages/assess.py",
        "Assess today",
        ":material/assignment:",
        "Your back today",
        "A safety check, your pain now, ten gentle movements, and today's plan with its reasons.",
    ),
    PageSpec(
        "pages/checkin.py",
        "Check-in",
        ":material/edit_note:",
        "Your back today",
        "A quick daily log: pain, sessions done, ice, heat and a note.",
    ),
    PageSpec(
        "pages/progress.py",
        "My progress",
        ":material/monitoring:",
        "Your back today",
        "Charts of your pain and movements over time, your check-ins, export and import.",
    ),
    PageSpec(
        "pages/get_help.py",
        "When to get help",
        ":material/emergency:",
        "Learn",
        "Warning signs that need emergency care or a doctor today.",
    ),
    PageSpec(
        "pages/spine.py",
        "How your spine moves",
        ":material/accessibility_new:",
        "Learn",
        "The three regions of the spine, what each is built for, and an interactive spine explorer.",
    ),
    PageSpec(
        "pages/causes.py",
        "Why backs get hurt",
        ":material/help:",
        "Learn",
        "Too little movement, too much of one kind, and the muscle imbalances behind most back strains.",
    ),
    PageSpec(
        "pages/prevention.py",
        "Preventing back pain",
        ":material/shield:",
        "Learn",
        "Desk set-up, breaks, strength, stretching and safe ways to bend, reach and sleep.",
    ),
    PageSpec(
        "pages/living.py",
        "Living with a sore back",
        ":material/self_improvement:",
        "Learn",
        "What to expect, why hurt is not harm, staying active, sleep and getting up, stress and mood.",
    ),
    PageSpec(
        "pages/daily_loop.py",
        "Rest, ice, assess",
        ":material/autorenew:",
        "Learn",
        "The daily loop for a hurt back and how to grade your pain from 0 to 10.",
    ),
    PageSpec(
        "pages/rehab.py",
        "Rehab and the dose",
        ":material/fitness_center:",
        "Learn",
        "Why movement is the best rehab, the rules for rest, ice and heat, and how much to do.",
    ),
    PageSpec(
        "pages/library.py",
        "Movement library",
        ":material/sports_gymnastics:",
        "Learn",
        "The ten movements step by step, what each works, when to stop, easier and harder versions.",
    ),
    PageSpec(
        "pages/stretches.py",
        "Stretches for hamstrings and glutes",
        ":material/airline_seat_flat:",
        "Learn",
        "Two gentle stretches for the backs of the thighs and the bottom, step by step.",
    ),
    PageSpec(
        "pages/bad_days.py",
        "Bad days, pain relief and sciatica",
        ":material/healing:",
        "Learn",
        "What guidelines say about pain relief, a step-by-step flare-up plan, and sciatica in brief.",
    ),
    PageSpec(
        "pages/join.py",
        "Join a workshop",
        ":material/qr_code_scanner:",
        "Workshop",
        "Type the code on the facilitator's screen and take part; answers count only as anonymous totals.",
    ),
    PageSpec(
        "pages/workshop.py",
        "Run a workshop",
        ":material/co_present:",
        "Workshop",
        "Open a live room with a code and a QR code, and show the room's answers on a projector.",
    ),
    PageSpec(
        "pages/about.py",
        "About",
        ":material/info:",
        "More",
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
