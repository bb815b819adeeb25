"""Each use of Streamlit's internals, checked on the installed version: if one breaks, its test says which."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
import streamlit
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from ui import streamlit_internals
from ui.streamlit_internals import client_peer_address, legacy_router_ran_this_page, to_arrow_bytes

UPGRADE_HINT = f"on Streamlit {streamlit.__version__}: see ui/streamlit_internals.py"


def test_the_legacy_router_switch_is_still_a_flag_the_page_guard_can_read_and_clear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert isinstance(getattr(PagesManager, "uses_pages_directory", None), bool | None), (
        f"PagesManager.uses_pages_directory is gone or changed {UPGRADE_HINT}"
    )
    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    assert legacy_router_ran_this_page()
    streamlit_internals.turn_off_legacy_router()
    assert not legacy_router_ran_this_page()
    assert PagesManager.uses_pages_directory is False


def test_the_client_context_still_gives_the_peer_address_or_none() -> None:
    assert callable(streamlit_internals._get_client_context), f"_get_client_context is gone {UPGRADE_HINT}"
    assert client_peer_address() is None, "outside a session there is no peer"
    # Inside a script run (AppTest has a client context whose peer is no text): still no crash.
    app = AppTest.from_string(
        "import streamlit as st\nfrom ui.streamlit_internals import client_peer_address\n"
        "st.text(repr(client_peer_address()))\n"
    )
    app.run()
    assert not app.exception, f"client_peer_address raised {UPGRADE_HINT}"
    assert app.text[0].value == "None", "AppTest's stand-in peer is not an address"


def test_the_arrow_converter_still_returns_arrow_that_holds_every_row() -> None:
    rows = [{"date": "2026-03-01", "pain": 4}, {"date": "2026-03-02", "pain": 3}]
    data = to_arrow_bytes(rows)
    assert isinstance(data, bytes), f"convert_anything_to_arrow_bytes changed {UPGRADE_HINT}"
    table = pa.ipc.open_stream(data).read_all()
    assert table.num_rows == 2 and set(table.column_names) >= {"date", "pain"}


def test_a_copied_page_is_the_same_page_and_runs_once_for_each_run_that_picks_it(tmp_path: Path) -> None:
    # app.py builds its st.Page objects once per process and hands each run copies (ui/router.py):
    # st.navigation marks the page it picks as runnable and Page.run clears the mark, so two
    # sessions sharing one Page object could clear each other's. Each run's copy must still be
    # the same page to st.navigation and run.
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.py").write_text("import streamlit as st\nst.text('page one ran')\n")
    script = tmp_path / "main.py"
    script.write_text(
        "import streamlit as st\n"
        "from ui.streamlit_internals import copy_page\n"
        "@st.cache_resource\n"
        "def built():\n"
        "    return st.Page('pages/one.py', title='One', url_path='one', default=True)\n"
        "page = st.navigation([copy_page(built())])\n"
        "assert page is not built() and page.title == 'One', 'st.navigation picked the original'\n"
        "page.run()\n"
    )
    app = AppTest.from_file(str(script))
    for _ in range(3):
        app.run()
        assert not app.exception, f"a copied st.Page no longer runs {UPGRADE_HINT}"
        assert [text.value for text in app.text] == ["page one ran"], UPGRADE_HINT
