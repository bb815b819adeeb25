"""rehab_core is the pure core: every module of it imports, and works, where Streamlit is not installed."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import rehab_core

PROJECT_DIR = Path(__file__).resolve().parents[1]
# Runs in a fresh interpreter in which any import of streamlit fails, as if it were not installed.
PROBE = """
import importlib, sys
class NoStreamlit:
    def find_spec(self, name, path=None, target=None):
        if name == "streamlit" or name.startswith("streamlit."):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)")
        return None
sys.meta_path.insert(0, NoStreamlit())
for name in sys.argv[1:]:
    importlib.import_module(name)
import rehab_core
print(rehab_core.recommend(3, {"bird-dog": 1}).phase.value)
"""


def core_modules() -> list[str]:
    found = pkgutil.walk_packages(rehab_core.__path__, prefix="rehab_core.")
    # Alembic's migration scripts run only inside Alembic, which loads them itself.
    return sorted(module.name for module in found if not module.name.startswith("rehab_core.migrations"))


def test_every_rehab_core_module_imports_and_works_without_streamlit() -> None:
    modules = core_modules()
    assert {"rehab_core.protocol", "rehab_core.diary_files", "rehab_core.plan_pdf"} <= set(modules)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], cwd=PROJECT_DIR, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "rehab"


def test_the_probe_would_notice_a_core_module_that_imports_streamlit() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "streamlit"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "blocked by the test" in result.stderr
