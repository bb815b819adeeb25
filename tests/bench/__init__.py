"""Benchmarks, run by `make bench` (`python -m tests.bench`); pytest does not collect them.

Each module `tests/bench/bench_<topic>.py` defines `run() -> list[tuple[str, float, str]]`: one
(name, value, unit) row per measurement, for example ("recommend, pain 9", 3.1, "µs per call").
A module may also define `TARGETS: dict[str, float]`, the largest acceptable value of a row by its
name, in the row's unit; the runner prints it beside the value and flags rows above it.
"""
