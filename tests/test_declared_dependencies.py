"""Every library the app imports is declared in requirements.txt, so `make run` installs it."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

APP_DIR = Path(__file__).resolve().parents[1]
APP_CODE = [APP_DIR / "app.py", *sorted((APP_DIR / "pages").glob("*.py"))]
APP_CODE += [*sorted((APP_DIR / "ui").glob("*.py")), *sorted((APP_DIR / "rehab_core").rglob("*.py"))]
OWN = {"ui", "rehab_core", "pages", "tests"}


def imported_top_level(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    lines = (APP_DIR / "requirements.txt").read_text().splitlines()
    return {
        normalised(re.split(r"[\[=<>~ ]", line.strip())[0])
        for line in lines
        if line.strip() and not line.startswith("#")
    }


def test_every_library_the_app_imports_is_declared_in_requirements() -> None:
    distributions = packages_distributions()
    modules = (
        set().union(*(imported_top_level(path) for path in APP_CODE)) - OWN - set(sys.stdlib_module_names)
    )
    missing = {
        module: distributions.get(module, ["?"])
        for module in sorted(modules)
        if not declared() & {normalised(name) for name in distributions.get(module, [module])}
    }
    assert not missing, f"imported but not in requirements.txt: {missing}"
