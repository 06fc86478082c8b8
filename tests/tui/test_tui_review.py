"""The review screen for an imported protocol, reached from the protocol list; the concept mark on answers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smassist.core.catalog import load_catalog, protocol_files
from smassist.core.importing.pipeline import import_document, to_yaml, write_atomic
from smassist.core.paths import decision_trees_dir, templates_dir
from smassist.tui.app import make_app
from tests.tui.conftest import answer_questions, choose_role_and_protocol, on_screen, open_topic, wait_for

SEED = Path(__file__).parent.parent / "data" / "seeds" / "001_beab779261fe3bec.txt"


@pytest.fixture
def draft_catalog(tmp_path, monkeypatch):
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path / "home"))
    bundled = load_catalog(decision_trees_dir())
    sources = [p for p in bundled.protocols.values() if p.id != "togtemaar"]
    result = import_document(SEED, "onzeschool", list(bundled.trees.values()), sources)
    path = tmp_path / "onzeschool.yaml"
    write_atomic(path, to_yaml(result.data))
    catalog = load_catalog(decision_trees_dir(), templates_dir(), protocols=[*protocol_files(decision_trees_dir()), path])
    assert catalog.problems == []
    return catalog, path


async def test_review_from_the_protocol_list_saves_each_decision(draft_catalog):
    catalog, path = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
        ids = [p.id for p in app.screen.protocols]
        await pilot.press(*(["down"] * ids.index("onzeschool")), "n")
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen")
        screen = app.screen
        progress = screen.query_one("#progress")
        total = screen.review.progress()[1]
        assert progress.content.plain == f"0 van {total} nagekeken"
        first = screen.current
        await pilot.press("a")
        await wait_for(pilot, lambda: progress.content.plain == f"1 van {total} nagekeken", "the first decision")
        saved = yaml.safe_load(path.read_text())
        assert saved["rulings"][first[0]][first[1]]["review"]["state"] == "reviewed"
        assert screen.current != first
        await pilot.press("escape")
        await wait_for(pilot, lambda: not on_screen(app, "ReviewScreen"), "back from the review")


async def test_an_answer_under_a_concept_says_so(draft_catalog):
    catalog, _ = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_role_and_protocol(pilot, 0, "onzeschool")
        await open_topic(pilot, "befriend")
        await answer_questions(pilot, {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})
        mark = app.screen.query_one("#concept")
        assert "Concept – nog niet nagekeken" in str(mark.content)


async def test_editing_keeps_typed_text_until_saved_or_escaped_twice(draft_catalog):
    catalog, path = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        from smassist.tui.screens.review import ReviewScreen

        protocol = catalog.protocols["onzeschool"]
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        app.push_screen(ReviewScreen(protocol))
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen")
        screen = app.screen
        first = screen.current
        await pilot.press("b")
        await wait_for(pilot, lambda: on_screen(app, "EditRulingScreen"), "the edit dialog")
        editor = app.screen.query_one("#answer")
        editor.focus()
        editor.text = "Nee, dat mag niet."
        await pilot.press("escape")
        await pilot.pause()
        assert on_screen(app, "EditRulingScreen") and editor.text == "Nee, dat mag niet."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "back on the review")
        saved = yaml.safe_load(path.read_text())["rulings"][first[0]][first[1]]
        assert saved["answer"] == "Nee, dat mag niet." and saved["review"]["state"] == "reviewed"
        from smassist.core.protocol_file import read_protocol

        assert read_protocol(path)[1] == []  # the edited file is still a valid protocol
