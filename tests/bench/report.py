"""The README's performance table from a benchmark's JSON file, so the figures are pasted, not typed.

Usage: `python -m tests.bench --json bench.json`, then `python -m tests.bench.report bench.json`.
Prints the Markdown table of every page (ratios to the minimal app; ✗ marks a miss) and the lines
of absolute figures under it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.bench.agent_client import RATIO
from tests.bench.bench_pages import row_name
from tests.bench.bench_render import FIVE_YEARS, rendered_name

MISS = " ✗"
NOT_MEASURED = "\N{EN DASH}"
FIVE_YEARS_LABEL = f"{FIVE_YEARS} (Chromium, local mode)"
# (column heading, the end of the result's name) in the README's order, from the names the
# benchmarks give their results.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("rerun p50, 1 user", row_name("", 1, "rerun p50")),
    ("rerun p95, 1 user", row_name("", 1, "rerun p95")),
    ("new session, 1 user", row_name("", 1, "new session p50")),
    ("rerun p50, 60 users", row_name("", 60, "rerun p50")),
    ("rerun p95, 60 users", row_name("", 60, "rerun p95")),
    ("new session, 60 users", row_name("", 60, "new session p50")),
    ("rendered, cold", rendered_name("", "cold")),
    ("rendered, warm", rendered_name("", "warm")),
)


def _cell(result: Mapping[str, Any] | None) -> str:
    if result is None:
        return NOT_MEASURED
    return f"{result['value']:.2f}" + (MISS if result["within_target"] is False else "")


def page_table(results: Sequence[Mapping[str, Any]]) -> str:
    """One row per page measured against the minimal app, in the order the benchmark ran them."""
    by_name = {str(result["name"]): result for result in results}
    first_column = COLUMNS[0][1]
    titles = [
        name.removesuffix(first_column)
        for name in by_name
        if name.endswith(first_column) and not name.startswith("Minimal app")
    ]
    if any(f"{FIVE_YEARS}{ending}" in by_name for _, ending in COLUMNS):
        titles.append(FIVE_YEARS)
    lines = [
        "| Page | " + " | ".join(heading for heading, _ in COLUMNS) + " |",
        "|---" * (len(COLUMNS) + 1) + "|",
    ]
    for title in titles:
        label = FIVE_YEARS_LABEL if title == FIVE_YEARS else title
        cells = [_cell(by_name.get(title + ending)) for _, ending in COLUMNS]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.report", description=__doc__)
    parser.add_argument("json_file", type=Path, help="a file written by `python -m tests.bench --json`")
    args = parser.parse_args(argv)
    document = json.loads(args.json_file.read_text(encoding="utf-8"))
    print(f"Measured {document['when']} on {document['machine']}, Python {document['python']}.\n")
    print(page_table(document["results"]))
    print()
    for result in document["results"]:
        if result["unit"] != RATIO:
            target = "" if result["target"] is None else f" (target {result['target']:g})"
            print(f"- {result['name']}: {result['value']:.4g} {result['unit']}{target}")


if __name__ == "__main__":
    main()
