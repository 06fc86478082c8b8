"""The core never imports the user interface, and the command line stays light."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "smassist.core.catalog", "smassist.core.walk", "smassist.core.answer_export",
    "smassist.core.protocol_file", "smassist.core.tree_file", "smassist.core.paths",
    "smassist.core.walk_draft",
]


def loaded_after(statement: str) -> set[str]:
    code = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_core_does_not_import_textual():
    modules = loaded_after("\n".join(f"import {m}" for m in CORE_MODULES))
    assert "smassist.core.walk" in modules
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


def test_cli_subcommands_do_not_import_textual():
    modules = loaded_after("from smassist.cli import main\nmain(['validate'])")
    assert "smassist.core.catalog" in modules
    assert "textual" not in modules
