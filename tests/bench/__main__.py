"""Runs every tests/bench/bench_*.py module and prints a table; `--json PATH` also writes the results."""

from __future__ import annotations

import argparse
import importlib
import json
import math
import pkgutil
import platform
import sys
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

BENCH_DIR = Path(__file__).resolve().parent
PREFIX = "bench_"


@dataclass(frozen=True)
class Result:
    module: str
    name: str
    value: float
    unit: str
    target: float | None

    @property
    def within_target(self) -> bool | None:
        return None if self.target is None else self.value <= self.target


def module_names() -> list[str]:
    """The benchmark modules beside this file, by topic name, in alphabetical order."""
    return sorted(
        info.name.removeprefix(PREFIX)
        for info in pkgutil.iter_modules([str(BENCH_DIR)])
        if info.name.startswith(PREFIX)
    )


def results_of(topic: str, module: ModuleType) -> list[Result]:
    """Call the module's run() and check what it returns, so a malformed row fails loudly."""
    targets: Mapping[str, float] = getattr(module, "TARGETS", {})
    rows = module.run()
    results: list[Result] = []
    for row in rows:
        if not (isinstance(row, tuple) and len(row) == 3):
            raise TypeError(f"{PREFIX}{topic}.run() must return (name, value, unit) tuples, got {row!r}")
        name, value, unit = row
        if not isinstance(name, str) or not isinstance(unit, str) or not isinstance(value, int | float):
            raise TypeError(f"{PREFIX}{topic}.run(): row {row!r} must be (str, float, str)")
        results.append(Result(topic, name, float(value), unit, targets.get(name)))
    return results


def format_value(value: float) -> str:
    if value == 0 or not math.isfinite(value):
        return str(value)
    digits = max(0, 2 - math.floor(math.log10(abs(value))))
    return f"{value:,.{digits}f}"


def table(results: Sequence[Result]) -> str:
    header = ("benchmark", "name", "value", "unit", "target", "status")
    rows = [
        (
            result.module,
            result.name,
            format_value(result.value),
            result.unit,
            "" if result.target is None else f"<= {format_value(result.target)}",
            {None: "", True: "ok", False: "OVER TARGET"}[result.within_target],
        )
        for result in results
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    right_aligned = {2}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if column in right_aligned else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(header), line(["-" * width for width in widths]), *map(line, rows)])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark module (e.g. 'protocol' or 'bench_protocol'); repeatable",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results to this JSON file")
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 2 when a result misses its target"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmark modules and exit")
    args = parser.parse_args(argv)

    available = module_names()
    if args.list:
        print("\n".join(available))
        return 0
    wanted = available
    if args.only:
        asked = [name.removeprefix(PREFIX).removesuffix(".py") for name in args.only]
        unknown = [name for name in asked if name not in available]
        if unknown:
            parser.error(f"no benchmark named {', '.join(unknown)}; there are: {', '.join(available)}")
        wanted = [name for name in available if name in asked]

    results: list[Result] = []
    failed: list[str] = []
    for topic in wanted:
        print(f"running {PREFIX}{topic} ...", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"{__package__ or 'tests.bench'}.{PREFIX}{topic}")
            results.extend(results_of(topic, module))
        except Exception:  # one broken benchmark must not hide the others' results
            traceback.print_exc()
            failed.append(topic)

    print(table(results))
    if failed:
        print(f"\nfailed: {', '.join(PREFIX + topic for topic in failed)}", file=sys.stderr)
    if args.json is not None:
        document = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "results": [asdict(result) | {"within_target": result.within_target} for result in results],
            "failed": [PREFIX + topic for topic in failed],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if failed:
        return 1
    if args.strict and any(result.within_target is False for result in results):
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
