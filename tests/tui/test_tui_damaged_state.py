"""A damaged state file never stops the app: it is moved aside (kept), the user is told once, the app starts.

The state files are the ones the app writes for itself: the interrupted walk
(`onderweg.json`) and the remembered choices (`preferences.json`). Each case
starts the real app with Pilot over one damaged file, then starts it again to
see that the notice does not come back.
"""

from __future__ import annotations

import json
import os

import pytest

from smassist.core.preferences import preferences_path
from smassist.core.walk import Walk
from smassist.core.walk_draft import draft_path, save_draft
from tests.tui.conftest import draft_banner, on_screen, wait_for

DEEP = 500


def draft_with(catalog, change) -> None:
    """A real draft on disk, then one field of its JSON changed as a damaged disk or a curious pupil would."""
    walk = Walk(catalog.tree("incident"), catalog.protocol("buitengewoon"), "staff")
    save_draft(walk, {"facts": {"date": "01-02-2026", "platform": "Instagram", "what_happened": "x", "evidence": ""}})
    text = draft_path().read_text(encoding="utf-8")
    draft_path().write_text(change(text), encoding="utf-8")


def write_bytes(path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def fifo(path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


DAMAGED = {
    "draft: infinite cursor": ("draft", lambda cat: draft_with(cat, lambda t: t.replace('"cursor":0', '"cursor":1e999'))),
    "draft: cursor of a wrong type": ("draft", lambda cat: draft_with(cat, lambda t: t.replace('"cursor":0', '"cursor":{}'))),
    "draft: nested 500 deep": ("draft", lambda cat: write_bytes(draft_path(), b"[" * DEEP + b"]" * DEEP)),
    "draft: invalid UTF-8": ("draft", lambda cat: write_bytes(draft_path(), b'{"format": "\xff"}')),
    "draft: a FIFO": ("draft", lambda cat: fifo(draft_path())),
    "preferences: nested 500 deep": ("prefs", lambda cat: write_bytes(
        preferences_path(), b'{"role": ' + b"[" * DEEP + b"]" * DEEP + b"}")),
    "preferences: wrong types": ("prefs", lambda cat: write_bytes(
        preferences_path(), json.dumps({"role": ["staff"], "theme": 3}).encode())),
    "preferences: infinite number": ("prefs", lambda cat: write_bytes(preferences_path(), b'{"protocol": 1e999}')),
    "preferences: a folder": ("prefs", lambda cat: preferences_path().mkdir(parents=True)),
}


@pytest.mark.parametrize("case", DAMAGED)
async def test_the_app_starts_over_a_damaged_state_file_and_keeps_it(app_factory, catalog, case):
    kind, damage = DAMAGED[case]
    if "FIFO" in case and not hasattr(os, "mkfifo"):
        pytest.skip("FIFOs are a POSIX thing")
    damage(catalog)
    path = draft_path() if kind == "draft" else preferences_path()
    before = sorted(p.name for p in path.parent.iterdir())

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await wait_for(pilot, lambda: app._notifications, "the notice")
        [notice] = [n.message for n in app._notifications]
        assert "bewaard als" in notice
        assert draft_banner(app) is None

    assert not os.path.lexists(path)
    after = sorted(p.name for p in path.parent.iterdir())
    assert len(after) == len(before)  # moved, not deleted
    [aside] = [name for name in set(after) - set(before) if name.startswith(f"{path.stem}.")]
    assert aside in notice

    again = app_factory()
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(again, "StartScreen"), "the start screen")
        await pilot.pause()
        assert not again._notifications  # told once
