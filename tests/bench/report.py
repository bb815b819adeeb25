"""The README's performance table from a benchmark's JSON file, so the figures are pasted, not typed.

Usage: `python -m tests.bench --json bench.json`, then `python -m tests.bench.report bench.json`.
Prints the Markdown table of every page (ratios to the minimal app; ✗ marks a miss) and the lines
of absolute figures under it. Each column's heading says how many samples its ratios rest on
("n = 20 / 40": each page's, then the minimal app's), and a cell whose count differs says its own.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.bench.agent_client import RATIO, SAMPLES, samples_name
from tests.bench.bench_pages import AGAINST_FRAME, row_name
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

# Issue 27's target 2: each page under load against the frame floor of the same run.
FRAME_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (heading, ending + AGAINST_FRAME[0]) for heading, ending in COLUMNS[3:6]
)

SAMPLES_NOTE = "n = the samples behind each ratio: the page's, then the minimal app's."


def _cell(result: Mapping[str, Any] | None) -> str:
    if result is None:
        return NOT_MEASURED
    return f"{result['value']:.2f}" + (MISS if result["within_target"] is False else "")


def samples_of(by_name: Mapping[str, Mapping[str, Any]], name: str) -> tuple[int, int] | None:
    """How many samples the result `name` rests on (its own, the minimal app's), if the run says."""
    ours, floor = by_name.get(samples_name(name)), by_name.get(samples_name(name, of_floor=True))
    if ours is None or floor is None:
        return None
    return int(ours["value"]), int(floor["value"])


def _samples_text(samples: tuple[int, int]) -> str:
    return f"n = {samples[0]} / {samples[1]}"


def page_table(results: Sequence[Mapping[str, Any]], columns: tuple[tuple[str, str], ...] = COLUMNS) -> str:
    """One row per page measured against the minimal app (or, with FRAME_COLUMNS, against the frame
    floor), in the order the benchmark ran them."""
    by_name = {str(result["name"]): result for result in results}
    first_column = columns[0][1]
    titles = [
        name.removesuffix(first_column)
        for name in by_name
        if name.endswith(first_column) and not name.startswith("Minimal app")
    ]
    if any(f"{FIVE_YEARS}{ending}" in by_name for _, ending in columns):
        titles.append(FIVE_YEARS)
    lines = [
        "| Page | " + " | ".join(heading for heading, _ in columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    usual: list[tuple[int, int] | None] = []
    for _, ending in columns:
        counted = Counter(
            found for title in titles if (found := samples_of(by_name, title + ending)) is not None
        )
        usual.append(counted.most_common(1)[0][0] if counted else None)
    lines[0] = (
        "| Page | "
        + " | ".join(
            heading + ("" if samples is None else f" ({_samples_text(samples)})")
            for (heading, _), samples in zip(columns, usual, strict=True)
        )
        + " |"
    )
    for title in titles:
        label = FIVE_YEARS_LABEL if title == FIVE_YEARS else title
        cells = []
        for (_, ending), common in zip(columns, usual, strict=True):
            cell = _cell(by_name.get(title + ending))
            samples = samples_of(by_name, title + ending)
            if samples is not None and samples != common:
                cell += f" ({_samples_text(samples)})"
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.report", description=__doc__)
    parser.add_argument("json_file", type=Path, help="a file written by `python -m tests.bench --json`")
    args = parser.parse_args(argv)
    document = json.loads(args.json_file.read_text(encoding="utf-8"))
    print(f"Measured {document['when']} on {document['machine']}, Python {document['python']}.\n")
    print(page_table(document["results"]))
    print(f"\n{SAMPLES_NOTE}\n")
    print("Under load, each page against the frame floor of the same run (issue 27, target 2):\n")
    print(page_table(document["results"], FRAME_COLUMNS))
    print(f"\n{SAMPLES_NOTE.replace('minimal app', 'frame floor')}\n")
    tabled = tuple(ending for _, ending in FRAME_COLUMNS)
    for result in document["results"]:
        if result["unit"] not in (RATIO, SAMPLES) and not str(result["name"]).endswith(tabled):
            target = "" if result["target"] is None else f" (target {result['target']:g})"
            print(f"- {result['name']}: {result['value']:.4g} {result['unit']}{target}")


if __name__ == "__main__":
    main()
