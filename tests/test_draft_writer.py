"""Drafts are written off the UI loop (DraftWriter) and keep every guarantee of a direct save."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import threading
import time

import smassist.core.walk_draft as walk_draft
from smassist.core.walk import Walk
from smassist.core.walk_draft import DraftWriter, draft_path, load_draft
from tests.conftest import MINI


def details_walk(catalog) -> Walk:
    walk = Walk(catalog.tree("walk"), catalog.protocol("alpha"), "staff")
    walk.answer("c")
    return walk


def typed(text: str) -> dict:
    return {"details": {"what": text}}


def on_disk() -> str | None:
    return json.loads(draft_path().read_text(encoding="utf-8"))["pending"]["details"]["what"] if draft_path().exists() else None


def test_save_returns_before_the_disk_and_the_newest_draft_is_written(mini_catalog, monkeypatch):
    gate, written, threads = threading.Event(), [], []
    real = walk_draft._write

    def slow_disk(text):
        threads.append(threading.current_thread())
        gate.wait(10)
        written.append(json.loads(text)["pending"]["details"]["what"])
        return real(text)

    monkeypatch.setattr(walk_draft, "_write", slow_disk)
    writer, walk = DraftWriter(), details_walk(mini_catalog)
    for text in ("E", "Ee", "Een", "Een b"):
        assert writer.save(walk, typed(text)) is True  # returns while the disk is still busy
    assert writer.flush(0.05) is False, "the first write is still waiting for the disk"
    gate.set()
    assert writer.flush(10)
    assert written[-1] == "Een b" and on_disk() == "Een b"
    assert len(written) < 4, "drafts queued behind a slow write are skipped, only the newest is written"
    assert threading.main_thread() not in threads


def test_a_cleared_draft_never_comes_back(mini_catalog):
    writer, walk = DraftWriter(), details_walk(mini_catalog)
    for round_ in range(40):
        writer.save(walk, typed(f"tekst {round_}"))
        writer.clear()
        assert writer.flush(10)
        assert not draft_path().exists(), f"round {round_}: a write landed after the clear"


def test_a_failing_disk_is_reported_once_until_it_works_again(mini_catalog, monkeypatch):
    errors, real = [], walk_draft._write
    broken = {"now": True}

    def disk(text):
        if broken["now"]:
            raise OSError(28, "No space left on device")
        return real(text)

    monkeypatch.setattr(walk_draft, "_write", disk)
    writer, walk = DraftWriter(on_error=errors.append), details_walk(mini_catalog)
    for text in ("a", "ab", "abc"):
        writer.save(walk, typed(text))
        writer.flush(10)
    assert [e.errno for e in errors] == [28]
    broken["now"] = False
    writer.save(walk, typed("abcd"))
    writer.flush(10)
    assert on_disk() == "abcd"
    broken["now"] = True
    writer.save(walk, typed("abcde"))
    writer.flush(10)
    assert len(errors) == 2 and on_disk() == "abcd", "the last good draft stays"


def test_a_killed_writer_leaves_a_whole_draft(mini_catalog):
    child = textwrap.dedent(f"""
        import sys
        from smassist.core.catalog import load_catalog
        from smassist.core.walk import Walk
        from smassist.core.walk_draft import DraftWriter
        from pathlib import Path
        catalog = load_catalog(Path({str(MINI)!r}))
        walk = Walk(catalog.tree("walk"), catalog.protocol("alpha"), "staff")
        walk.answer("c")
        writer = DraftWriter()
        writer.save(walk, {{"details": {{"what": "eerste"}}}})
        writer.flush()
        print("saved", flush=True)
        i = 0
        while True:
            i += 1
            writer.save(walk, {{"details": {{"what": "x" * (i % 5000)}}}})
    """)
    process = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "saved"
    deadline = time.monotonic() + 10
    while "eerste" in draft_path().read_text(encoding="utf-8") and time.monotonic() < deadline:
        pass  # wait until later drafts are being written, then kill in the middle of whatever it is doing
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    draft = load_draft(mini_catalog)
    assert draft is not None, "a killed app leaves the previous or the new draft, never half a file"
    assert draft.walk.to_dict() == details_walk(mini_catalog).to_dict()
