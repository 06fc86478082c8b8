"""Snapshots of the start, question and answer screens at 80×24 and 100×30 (small stable data in tests/tui/data/snap).

Update after an intended change of the screens with: .venv/bin/pytest tests/tui --snapshot-update
and look at the new SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest

from smassist.core.preferences import Preferences, save_preferences
from smassist.tui.app import make_app


@pytest.fixture
def snap_app(snap_catalog):
    save_preferences(Preferences(role="staff", protocol="voorbeeld", theme="textual-dark"))
    return make_app(catalog=snap_catalog, animate=False)


def test_start_screen(snap_compare, snap_app):
    assert snap_compare(snap_app, terminal_size=(80, 24))


def test_question_screen(snap_compare, snap_app):
    # Topic 1, answer "Ja": the second question with its breadcrumb and "why" text.
    assert snap_compare(snap_app, press=["1", "1"], terminal_size=(80, 24))


def test_answer_screen(snap_compare, snap_app):
    # "Ja", then "Nee": not allowed, with two cited articles.
    assert snap_compare(snap_app, press=["1", "1", "2"], terminal_size=(80, 24))


def test_start_screen_100x30(snap_compare, snap_app):
    assert snap_compare(snap_app, terminal_size=(100, 30))


def test_question_screen_100x30(snap_compare, snap_app):
    assert snap_compare(snap_app, press=["1", "1"], terminal_size=(100, 30))


def test_answer_screen_100x30(snap_compare, snap_app):
    assert snap_compare(snap_app, press=["1", "1", "2"], terminal_size=(100, 30))


def test_start_screen_without_colour(snap_compare, snap_catalog, monkeypatch):
    # NO_COLOR: the chosen role is told apart by its mark (●), not by a shade.
    monkeypatch.setenv("NO_COLOR", "1")
    save_preferences(Preferences(role="staff", protocol="voorbeeld", theme="textual-dark"))
    assert snap_compare(make_app(catalog=snap_catalog, animate=False), terminal_size=(80, 24))

