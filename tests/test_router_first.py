"""The router runs before anything heavy: the app's own navigation is on screen as soon as it can be.

On a freshly started server Streamlit's legacy pages/ router would list the raw file names of
pages/ (ui/entrypoint.py keeps them hidden; tests/browser/test_every_page.py watches for them).
The app's navigation then waits for app.py's st.navigation, so app.py calls it before the heavy
imports, and every page hands over to app.py before its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
PAGES = sorted((PROJECT_DIR / "pages").glob("*.py"))
HEAVY = ("ui.startup", "ui.frame", "rehab_core", "pandas", "altair", "sqlalchemy")


def statements(path: Path) -> list[ast.stmt]:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return body[1:] if body and isinstance(body[0], ast.Expr) else body  # past the docstring


def imported(statement: ast.stmt) -> list[str]:
    if isinstance(statement, ast.Import):
        return [alias.name for alias in statement.names]
    if isinstance(statement, ast.ImportFrom):
        return [statement.module or ""]
    return []


def test_app_py_calls_st_navigation_before_any_heavy_import() -> None:
    body = statements(PROJECT_DIR / "app.py")
    router = next(index for index, statement in enumerate(body) if "st.navigation(" in ast.unparse(statement))
    for statement in body[:router]:
        for module in imported(statement):
            assert not module.startswith(HEAVY), f"app.py imports {module} before st.navigation"
    assert any(module.startswith(HEAVY) for statement in body[router:] for module in imported(statement))


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_every_page_hands_over_to_app_py_before_its_own_imports(page: Path) -> None:
    first, second = statements(page)[:2]
    assert ast.unparse(first) == "from ui.entrypoint import ensure_entrypoint", page.name
    assert ast.unparse(second) == "ensure_entrypoint()", page.name


def test_the_entrypoint_module_itself_imports_nothing_heavy() -> None:
    for statement in statements(PROJECT_DIR / "ui" / "entrypoint.py"):
        for module in imported(statement):
            assert not module.startswith(HEAVY), module
