"""The README's Quick start works on the laptops schools have, Windows included."""

from pathlib import Path

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_quick_start_has_windows_lines_and_names_the_terminals():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "py -m venv .venv" in quick and ".venv\\Scripts\\smassist" in quick
    assert "pipx install ." in quick
    assert "Windows Terminal" in quick and "80×24" in quick
