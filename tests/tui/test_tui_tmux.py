"""End to end: the installed `smassist` in a real terminal (tmux), from start to a cited answer."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from smassist.core.walk import Walk

EXECUTABLE = Path(sys.executable).parent / "smassist"

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it with apt-get)"),
    pytest.mark.skipif(not EXECUTABLE.exists(), reason=f"smassist is not installed next to {sys.executable}"),
]


class Terminal:
    def __init__(self, command: str, width: int = 80, height: int = 24):
        self.name = f"smassist-test-{uuid.uuid4().hex[:8]}"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command],
                       check=True)

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return out.stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Poll the screen until text shows (the condition, not a fixed sleep)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear; the screen shows:\n{screen}")
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def test_installed_app_gives_a_cited_answer_in_a_real_terminal(tmp_path, catalog):
    # What the core says for: medewerker, Edu-Ley (first in the list), befriend, first option each time.
    protocol = catalog.protocol("edu-ley")
    walk = Walk(catalog.tree("befriend"), protocol, "staff")
    while not walk.finished:
        walk.answer(walk.options()[0].id)
    expected = walk.result()
    citation = expected.citations[0]

    terminal = Terminal(f"env SMASSIST_HOME={tmp_path} TERM=xterm-256color {EXECUTABLE}")
    try:
        terminal.wait_for("Ik ben")
        terminal.keys("Enter")  # medewerker
        terminal.wait_for("Welk protocol gebruikt je school?")
        terminal.keys("Enter")  # Edu-Ley, first alphabetically
        terminal.wait_for("Onderwerpen voor medewerker")
        index = [t.id for t in catalog.trees_for("staff")].index("befriend")
        terminal.keys(*(["Down"] * index), "Enter")  # the topic "befriend"
        for step in expected.path:
            terminal.wait_for(step.node.text_for_role("staff")[:40])
            terminal.keys("1")
        screen = terminal.wait_for(expected.ruling.verdict.display)
        assert "Wat het protocol zegt" in screen
        terminal.keys("Tab")  # focus the first citation: it scrolls into view
        screen = terminal.wait_for(citation.article.reference)
        first_words = " ".join(citation.text().split()[:5])
        assert first_words in " ".join(screen.split())
    finally:
        terminal.close()
