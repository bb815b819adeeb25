"""Once per server process: load the heavy libraries, then freeze the heap they built.

Streamlit runs a full garbage collection after every script run (`runner.postScriptGC`). With
pandas, Altair, SQLAlchemy and Alembic loaded, walking their millions of long-lived objects made
that collection cost more than the page itself (see docs/performance.md). `gc.freeze()` moves
everything alive at start-up into a permanent generation, so each collection only walks what a
run created. Importing this module is what does it: Python runs a module once per process.
"""

import gc

import altair  # noqa: F401
import fpdf  # noqa: F401
import icalendar  # noqa: F401
import pandas  # noqa: F401
import sqlalchemy  # noqa: F401

import rehab_core.analytics
import rehab_core.charts
import rehab_core.database
import rehab_core.diary_files
import rehab_core.learn
import rehab_core.plan_pdf
import rehab_core.reminders
import rehab_core.spine
import rehab_core.store  # noqa: F401

gc.collect()
gc.freeze()
