"""Meaning never in colour alone: every radio button and checkbox shows its state with a mark."""

from __future__ import annotations

import ast
from pathlib import Path

from smassist.tui.widgets import ChoiceButton, TickBox

SCREENS = Path(__file__).parents[2] / "smassist" / "tui"


def test_screens_build_only_marked_radio_buttons_and_checkboxes():
    plain = []
    for path in sorted(SCREENS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("RadioButton", "Checkbox"):
                plain.append(f"{path.name}:{node.lineno}: {node.func.id}")
    assert plain == []


def test_the_mark_shows_only_when_chosen():
    chosen, other = ChoiceButton("ja", value=True), ChoiceButton("nee", value=False)
    assert chosen.BUTTON_INNER.strip() and not other.BUTTON_INNER.strip()
    ticked, open_box = TickBox("klaar", value=True), TickBox("klaar", value=False)
    assert ticked.BUTTON_INNER.strip() and not open_box.BUTTON_INNER.strip()


def test_one_dutch_date_convention_in_every_form_and_both_accepted():
    import re

    from smassist.core.date_format import DATE_PLACEHOLDER
    from smassist.core.documents.dates import dutch_date
    from smassist.core.incidents.fields import parse_date

    assert DATE_PLACEHOLDER == "dd-mm-jjjj"
    for path in sorted(SCREENS.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"JJJJ-MM-DD|jjjj-mm-dd|YYYY", text), path.name
    assert parse_date("01-12-2026") == parse_date("2026-12-01")
    assert dutch_date("01-12-2026") == dutch_date("2026-12-01") == "1 december 2026"
