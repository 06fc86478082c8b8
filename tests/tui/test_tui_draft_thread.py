"""Typing into the incident facts form never waits for the disk: drafts are written off the UI loop."""

from __future__ import annotations

import threading

import smassist.core.walk_draft as walk_draft
from smassist.core.walk_draft import load_draft
from tests.tui.conftest import wait_for
from tests.tui.test_tui_walk_draft import open_facts_form


async def test_the_facts_typed_are_written_by_the_draft_thread(app_factory, catalog, monkeypatch):
    writers, real = [], walk_draft._write
    monkeypatch.setattr(walk_draft, "_write", lambda text: (writers.append(threading.current_thread()), real(text))[1])
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_facts_form(pilot)
        await pilot.press(*"01-02-2026")

        def on_disk():
            draft = load_draft(catalog)
            return draft is not None and draft.pending.get("facts", {}).get("date") == "01-02-2026"

        await wait_for(pilot, on_disk, "the typed date on disk")
    assert writers and threading.main_thread() not in writers
