"""Charts and tables in the form Streamlit sends them, prepared once instead of on every run.

Building an Altair chart validates its spec against the Vega-Lite schema, and a DataFrame is
converted to Arrow each time it is shown: on a Learn page whose chart and tables never change,
that was most of the run (docs/performance.md). What these return is shared by every session, so
it is never changed in place: Streamlit copies a spec before it changes it (Streamlit 1.67: its one
change in place, a legend title of null set to " ", gives the same spec every time) and only reads
a table.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

from ui.streamlit_internals import to_arrow_bytes


def ready_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec, validated, with its datasets already in Arrow.

    `st.vega_lite_chart` converts every dataset given as rows to Arrow on every run; datasets given
    as Arrow bytes are sent as they are.
    """
    spec: dict[str, Any] = chart.to_dict()
    return with_arrow_datasets(spec)


def with_arrow_datasets(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with its datasets in the Arrow form Streamlit sends, converted by Streamlit itself."""
    datasets = spec.get("datasets", {})
    return spec | {"datasets": {name: to_arrow_bytes(rows) for name, rows in datasets.items()}}


def ready_table(frame: pd.DataFrame) -> pa.Table:
    """The table in Arrow, with pandas' note of its index, so `st.table` shows it as it shows the frame."""
    return pa.Table.from_pandas(frame)
