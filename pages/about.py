"""About: where the advice comes from, the safety notice, and privacy."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core import protocol
from rehab_core import session as session_rules
from rehab_core.analytics import CLINICALLY_IMPORTANT_CHANGE, RECOVERY_WINDOW_DAYS, STALLED_AFTER_DAYS
from rehab_core.catalogue import movements
from rehab_core.config import PROJECT_NAME, escape_markdown, urgent_markdown
from rehab_core.learn import MIN_AGE
from rehab_core.pain_scale import PAIN_WHILE_DOING_IT
from rehab_core.reminders import CHECK_FIRST
from rehab_core.standing import (
    BACK_TO_NORMAL_WORDS,
    EPISODE_GAP_DAYS,
    NORMAL_DAYS,
    NORMAL_MAX_PAIN,
    PLAN_FRESH_DAYS,
    REMINDER_DAYS_DEFAULT,
    REMINDER_DAYS_MAX,
    REMINDER_DAYS_SHORT_PLAN,
)
from rehab_core.store import StoreUnavailable
from ui.frame import site_config
from ui.storage import current_diary

config = site_config()
name = escape_markdown(config.name)
p = protocol
st.title("About")
# One Markdown block, its parts "###" headings: each element costs every run (docs/performance.md).
parts: list[str] = []


def section(heading: str, *paragraphs: str) -> None:
    parts.append("\n\n".join((f"### {heading}", *paragraphs)))


# The frame already shows the safety notice atop this page; here only what it does not say.
section(
    "Who it is for, and what it cannot do",
    f"{name} is for people aged {MIN_AGE} and over, the same age group as the UK "
    "guideline on low back pain (NICE NG59). If you are younger, ask a doctor about your back "
    "instead. The app teaches and guides. It cannot examine you, so it cannot tell you what is "
    f"wrong. For a warning sign that is not an emergency, {urgent_markdown(config)}",
)

section(
    "Where the advice comes from",
    "- The daily Rest, Ice, Assess loop, the test movements, the two most common needs and "
    "the plan's levels come from a movement coach's guide: *Identifying and Treating Back Pain & "
    "Back Spasms* (Kaldzar), put here in our own words.\n"
    "- The safety questions follow public clinical guidance: "
    "[NICE guideline NG59, low back pain and sciatica](https://www.nice.org.uk/guidance/ng59) and "
    "[NHS advice on back pain](https://www.nhs.uk/conditions/back-pain/).\n"
    f"- The {p.PAIN_MIN} to {p.PAIN_MAX} pain scale is the standard Numeric Pain Rating Scale "
    f"({p.PAIN_MIN} is no pain, {p.PAIN_MAX} is the worst pain you can imagine).",
)

section(
    "The coach's view and what research says",
    "The Learn pages show two kinds of teaching side by side, each with its own label. **The "
    "coach's view** is the ideas of the coach's guide. Examples: that sitting, hunching or training "
    "one side may leave muscles out of balance and lead to back pain, and that a strong core and "
    "loose hamstrings and glutes may guard the back. The plan in this app is built on these ideas. "
    'We write them with "may", because research has not shown them to be causes, and no question '
    "tests them as facts. **What research says** comes from NICE, the NHS, Cochrane reviews and other "
    "published studies, named in each page's sources. Examples: most back pain gets much better "
    "within a few weeks, posture and a weak core do not predict back pain, and regular exercise is "
    "the best way we know to prevent it. Where the two differ, the pages say so.",
)

section(
    "The coach's rules",
    "These come straight from the coach's guide:\n\n"
    "- Every day: rest from what hurts, ice, and assess. To assess, give your pain a number, check "
    "whether you need urgent help, and find which muscles need help.\n"
    f"- At pain {p.REHAB_MAX_PAIN + 1} or {p.PAIN_MAX}, rest and ice only. Start rehab once your "
    f"pain is about {p.REHAB_MAX_PAIN} or below.\n"
    f"- Once your pain is below {p.HEAT_MAX_PAIN + 1}, you can warm the sore area with a heat pack "
    f"before each workout. On this app's whole-number scale, that means {p.HEAT_MAX_PAIN} or below.\n"
    f"- Pick {p.PLAN_MIN} to {p.PLAN_MAX} of the test movements that caused pain of "
    f"{p.TOLERATED_MAX_PAIN} or less. (How this app reads that limit is below.)\n"
    f"- Do {p.REPS_MIN} to {p.REPS_MAX} reps of each, in {p.SETS_MIN} to {p.SETS_MAX} sets, "
    f"{p.SESSIONS_PER_DAY} times a day.",
)

capped = [movement for movement in movements() if movement.most_reps]
caps = sorted({movement.most_reps for movement in capped})
names = [movement.name for movement in capped]
capped_names = " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)

section(
    "Rules this app added, and why",
    f"- **A {p.PAIN_MIN} to {p.PAIN_MAX} scale, not 1 to 10.** Why: it is the standard scale, and "
    "it lets you say you have no pain at all.\n"
    f"- **A movement's number is how much it raised your pain.** The guide's limit of "
    f"{p.TOLERATED_MAX_PAIN} can be read two ways: your pain while doing a movement, or how far the "
    f'movement raised it. The app asks "{PAIN_WHILE_DOING_IT}" and keeps the rise above your pain '
    f"just before. A movement can go in your plan if the rise is {p.TOLERATED_MAX_PAIN} or less. "
    f"Why: read the other way, no movement could pass once your pain is above {p.TOLERATED_MAX_PAIN}, "
    f"yet the guide starts rehab at {p.REHAB_MAX_PAIN} or below. The rise shows what the movement "
    "itself did to your back.\n"
    f"- **A ceiling of {p.REHAB_MAX_PAIN} while doing a movement.** A movement also stays out if your "
    f"pain while doing it went above {p.REHAB_MAX_PAIN} (your pain before plus the rise). Why: "
    f"{p.REHAB_MAX_PAIN} is the most the guide allows for rehab, so a small rise on a bad day must "
    f"not take you past it.\n"
    "- **The gentlest first.** The app shows the gentlest movements first, and you may skip any you "
    "cannot get into comfortably. If two movements raised your pain by the same amount, the plan "
    "takes the gentler one. Why: a very sore back should start with what it can do with ease, and "
    "the guide does not say how to choose between two equal movements.\n"
    f"- **Ratings saved before this change.** Diaries from before the app asked for your pain while "
    'doing a movement hold "the pain it caused". The app reads each of those old numbers as a '
    "rise. Why: for most people, the pain a movement caused was close to how much it raised their "
    "pain. If an old number was really your whole pain while doing it, reading it as a rise makes it "
    "look bigger than it was. That can only leave a movement out of a plan, never put one in.\n"
    f"- **Ice only while your pain is {p.HEAT_MAX_PAIN + 1} or more.** The guide has you ice every "
    "day. Why: so one day's advice never says both ice and heat. The switch sits where the guide "
    "starts heat. The evidence for cold is thin anyway.\n"
    "- **A dose table by pain** (on the rehab page). The guide gives ranges for reps and sets, not "
    "how to choose within them. Why: less pain allows more work, and more pain never means more work.\n"
    f"- **A cap on the walks.** {capped_names} ask for at most "
    f"{' or '.join(str(cap) for cap in caps)} lengths in a set, whatever the dose table says. Why: a "
    "length of walking or crawling is far more work than one lift.\n"
    "- **Minutes for ice and heat** (about 10 to 20 minutes of ice, 15 to 20 minutes of heat, with "
    "a cloth or towel against the skin). The guide gives no times. Why: these are common safe-use "
    "times that protect your skin.\n"
    f"- **Fewer than {p.PLAN_MIN} movements.** If fewer than {p.PLAN_MIN} movements qualify, the "
    "plan takes all of them and tells you to rest and test again tomorrow. Why: the guide does not "
    "say, and doing what you safely can is better than nothing.\n"
    "- **Both needs first.** The plan first makes sure it works the hamstrings and glutes, then the "
    "core. Why: the guide names these as the most common needs.\n"
    "- **The warning signs.** The guide only says to check whether you need urgent help. Why: the "
    "app asks the questions NICE and the NHS list, so you know how to check.\n"
    "- **Three levels of warning sign, each with its own action.** Emergency: get help now. For chest "
    "pain, a suspected burst blood vessel in the tummy (an aortic aneurysm) or signs of sepsis, call "
    "for an ambulance and never drive yourself. For the other emergency signs, go to A&E now. "
    "Urgent: see a GP today, or call the urgent care number. There is no exercise plan that day, "
    "but gentle walking about the home is fine. Soon: see a GP in the next few weeks, and your plan "
    "goes ahead with a note. Why: each "
    "sign needs a different kind of help, in a different time. With chest pain you could collapse at "
    "the wheel, and an ambulance crew can start treatment on the way.\n"
    "- **Checked and cleared.** Some questions are about your past or your health, such as a history "
    "of cancer. They are asked once for each bout of back pain (a new bout starts after "
    f"{EPISODE_GAP_DAYS} days with no diary entry). A yes to most of them means get checked before "
    "any plan. Once a "
    'doctor or physio has checked you, tick "I have been checked since this pain began and told I '
    'can exercise" and give the date. The plan can then go ahead, and the date is kept in your '
    "diary and on the printed plan. Why: your past does not change, so a true answer must never "
    "block you for ever or push you to untick it.\n"
    f"- **A plan lasts {PLAN_FRESH_DAYS} days.** A plan is today's only on the day you made it. After "
    f"that it is the plan from its day, and after {PLAN_FRESH_DAYS} days the app asks you to assess "
    f"again. If a later check-in has pain of {p.REHAB_MAX_PAIN + 1} or more, or a new warning sign, "
    "every page and the printed plan show rest and ice, or where to get care, instead. Why: pain "
    "changes from day to day, and an old plan must never be followed on a bad day.\n"
    f"- **Reminders for a few days at a time.** The calendar file covers {REMINDER_DAYS_DEFAULT} days "
    f"unless you pick more, {REMINDER_DAYS_MAX} at most, and {REMINDER_DAYS_SHORT_PLAN} day for a "
    f'plan of fewer than {p.PLAN_MIN} movements. Each session starts: "{CHECK_FIRST}" A morning '
    "reminder asks for your check-in. Why: a plan fits the day it was made, so reminders should not "
    "push it for weeks. A short plan means rest and test again tomorrow.\n"
    f"- **Back to normal after {NORMAL_DAYS} low days.** With pain of {NORMAL_MAX_PAIN} or less on "
    f'{NORMAL_DAYS} days in a row, the app says: "{BACK_TO_NORMAL_WORDS}" The reminders stop. Why: '
    "by then the daily plan has done its job, and regular exercise is what helps keep back pain "
    "from coming back.\n"
    f"- **What helps at pain {p.REHAB_MAX_PAIN + 1} or {p.PAIN_MAX}.** The guide says rest and ice. "
    "The app adds: keep moving gently (not bed rest), ask a pharmacist about pain relief, and call a "
    "GP or the urgent care number if you cannot cope, cannot sleep, or it is not easing after a few "
    "days. Why: that is what NICE and the NHS advise.\n"
    f"- **When the diary says to get checked.** If your {RECOVERY_WINDOW_DAYS}-day average pain goes up "
    f"by {CLINICALLY_IMPORTANT_CHANGE} points or more, or has not eased after {STALLED_AFTER_DAYS // 7} "
    "weeks while it is still more than mild. Why: back pain that gets worse or does not ease should be "
    f"looked at, and a change under {CLINICALLY_IMPORTANT_CHANGE} points is normal ups and downs.\n"
    "- **No pain number is ever filled in for you.** You tap a number, or skip a movement. Why: a "
    "number you did not give could put a movement in your plan that hurts.\n"
    f"- **A safety question at every check-in.** Why: a new warning sign can appear on any day.\n"
    f"- **For people aged {MIN_AGE} and over.** Why: that is who the NICE guideline covers.",
)

section(
    "Today's session",
    "Today's session walks you through one of the day's sessions of your plan, one movement at a time: "
    "the drawing, how many to do in that movement's own unit, the steps, what you should feel and when "
    "to stop. It asks about warning signs and your pain first, times your rests in the browser, lets you "
    "stop any movement that hurts, and saves what you did to your diary as one check-in. "
    "Its own rules, not the coach's:\n\n"
    f"- **{session_rules.REST_SECONDS} seconds of rest** between sets and movements, which you can skip. "
    "Why: the guide gives no rest time; this is enough to breathe and get back into position.\n"
    f"- **Sessions at least {session_rules.SESSION_GAP.seconds // 3600} hours apart**, none started after "
    f"{session_rules.LATEST_START:%H:%M}. Why: the guide asks for {p.SESSIONS_PER_DAY} a day; spread out, "
    "each one finds your back rested.\n"
    "- **A movement that hurts past the plan's limits is dropped for the rest of the session**, with the "
    "reason, and higher pain than at your assessment means a smaller dose. Why: the same limits that "
    "chose the plan.\n"
    f"- **A harder version is only offered**, at pain {session_rules.HARDER_MAX_PAIN} or less after "
    f"{session_rules.HARDER_AFTER_SESSIONS} sessions in a row where the movement did not raise your pain. "
    "Why: harder should be your choice, and only once the easier one is easy.",
)

section(
    "This copy of the app",
    f"This copy is the open-source {name}, as its makers publish it."
    if config.name == PROJECT_NAME
    else f"This copy is offered by **{name}**, who set it up and looks after it. It is built on "
    "open-source software.",
)

PRIVACY = {
    "local": (
        "Your check-ins are saved in a database file on the computer that runs this app (in its "
        "`data/` folder). Nothing is sent anywhere else. They stay until you delete them."
    ),
    "session": (
        "Nothing is saved on the server. Your diary lives only in this browser tab and is gone when "
        "you close the tab or stay away for a while. Export it from My progress to keep it."
    ),
    "account": (
        "Your check-ins are saved in this service's database, linked to the account you signed in "
        "with, so only you can see them. They stay until you delete them."
    ),
    "demo": (
        "You are looking at made-up demo data. It lives only in this browser tab and is never saved. "
        "Reset the demo in the sidebar to go back to your own diary."
    ),
}
try:
    diary = current_diary()
except StoreUnavailable:
    diary = None  # the frame already says so; the privacy text follows the configured mode
mode = diary.mode if diary is not None else config.storage_mode
section(
    "Your privacy",
    PRIVACY[mode],
    "To delete everything, open **My progress** and use **Delete all my data**: it removes every "
    "check-in of your diary at once. The app uses no analytics, no tracking and no outside fonts or "
    "scripts: nothing you do here leaves this server.",
)
st.markdown("\n\n".join(parts))
