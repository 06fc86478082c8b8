"""Snapshots of every other screen a user reaches, at 80×24 and 100×30, and of the screens with
selectable controls under NO_COLOR (small stable data: tests/tui/data/snap and tests/data/incident,
a fixed clock for the incident register, so nothing of today shows).

Each screen must keep its key hints in the footer and break words only between words at both sizes.
Update after an intended change with: .venv/bin/pytest tests/tui -k snapshot --snapshot-update
and look at the new SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

import datetime
import time
import types
from pathlib import Path

import pytest

from smassist.core.incidents.create import create_incident
from smassist.core.incidents.store import Store
from smassist.core.preferences import Preferences, save_preferences
from smassist.tui.app import make_app
from smassist.tui.screens import incident_common
from tests.incident_helpers import FixedClock, finished_walk, incident_catalog
from tests.tui.conftest import answer_view, footer_keys, on_screen, wait_for

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((100, 30), id="100x30")]


class _Day(datetime.date):
    @classmethod
    def today(cls):
        return cls(2026, 3, 1)


@pytest.fixture(autouse=True)
def same_everywhere(monkeypatch):
    """What the screens show of the machine (the documents folder, today's date) is the same on every one."""
    monkeypatch.setattr("smassist.core.paths.user_documents_dir", lambda: Path("/home/juf/smassist/documenten"))
    monkeypatch.setattr("smassist.tui.screens.document.user_documents_dir",
                        lambda: Path("/home/juf/smassist/documenten"))
    frozen = types.ModuleType("datetime")
    frozen.__dict__.update(vars(datetime))
    frozen.date = _Day
    monkeypatch.setattr("smassist.core.documents._dt", frozen)
    monkeypatch.setattr("smassist.core.documents.context._dt", frozen)


@pytest.fixture
def snap_app(snap_catalog):
    save_preferences(Preferences(role="staff", protocol="voorbeeld", theme="textual-dark"))
    return make_app(catalog=snap_catalog, animate=False)


@pytest.fixture
def local_utc(monkeypatch):
    """Times the screens show in local time are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def incident_app(local_utc):
    """Makes the app over the small incident data with one saved incident, its register on a fixed clock."""
    def make():
        catalog = incident_catalog()
        save_preferences(Preferences(role="staff", protocol="school", theme="textual-dark"))
        store = Store(clock=FixedClock())
        create_incident(finished_walk(catalog), store=store)
        app = make_app(catalog=catalog, animate=False)
        setattr(app, incident_common._STORE, store)
        return app
    return make


def screen_is(name: str):
    async def reached(pilot) -> None:
        await wait_for(pilot, lambda: on_screen(pilot.app, name), name)
        await pilot.pause()
    return reached


def after(keys: list[str], name: str):
    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: on_screen(pilot.app, "StartScreen"), "the start screen")
        await pilot.press(*keys)
        await screen_is(name)(pilot)
    return run_before


# -- the screens over the snapshot protocol ------------------------------------

SCREENS = {
    "help": (["f1"], "HelpScreen"),
    "settings": (["f2"], "SettingsScreen"),
    "training": (["f5"], "TrainingScreen"),
    "document": (["1", "1", "2", "d"], "DocumentScreen"),
    "compare": (["1", "1", "2", "v"], "CompareScreen"),
    "protocol": (["f4"], "ProtocolScreen"),
    "side_by_side": (["1", "1", "2", "v", "n"], "CompareAllScreen"),
    "quiz": (["f5", "2"], "QuizSetupScreen"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, snap_app, screen, size):
    keys, name = SCREENS[screen]
    assert snap_compare(snap_app, run_before=after(keys, name), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_choose_protocol(snap_compare, snap_catalog, size):
    # A first start: the role is chosen, the protocol dialog asks which protocol the school uses.
    app = make_app(catalog=snap_catalog, animate=False)
    assert snap_compare(app, run_before=after(["enter"], "ChooseProtocolScreen"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_tree_map(snap_compare, snap_app, size):
    assert snap_compare(snap_app, run_before=after(["f5", "3", "enter"], "TreeMapScreen"), terminal_size=size)


# -- the incident screens -------------------------------------------------------

INCIDENT_SCREENS = {
    "facts": (["1", "1"], "QuestionScreen"),
    "list": (["f6"], "IncidentListScreen"),
    "form": (["f6", "enter"], "IncidentFormScreen"),
    "steps": (["f6", "s"], "IncidentChecklistScreen"),
    "export": (["f6", "e"], "IncidentExportScreen"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(INCIDENT_SCREENS))
def test_incident_screen(snap_compare, incident_app, screen, size):
    keys, name = INCIDENT_SCREENS[screen]
    assert snap_compare(incident_app(), run_before=after(keys, name), terminal_size=size)


# -- selectable controls without colour -----------------------------------------

def test_document_without_colour(snap_compare, snap_catalog, monkeypatch):
    # The radio buttons (who the request is for, the format) and the tick box keep their marks.
    monkeypatch.setenv("NO_COLOR", "1")
    save_preferences(Preferences(role="staff", protocol="voorbeeld", theme="textual-dark"))
    keys, name = SCREENS["document"]

    async def run_before(pilot) -> None:
        await after(keys, name)(pilot)
        pilot.app.screen.query_one("#format-choice").focus()
        await pilot.pause()

    app = make_app(catalog=snap_catalog, animate=False)
    assert snap_compare(app, run_before=run_before, terminal_size=(100, 30))


def test_settings_without_colour(snap_compare, snap_catalog, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    save_preferences(Preferences(role="staff", protocol="voorbeeld", theme="textual-dark"))
    keys, name = SCREENS["settings"]
    app = make_app(catalog=snap_catalog, animate=False)
    assert snap_compare(app, run_before=after(keys, name), terminal_size=(80, 24))


def test_export_without_colour(snap_compare, incident_app, monkeypatch):
    # The "met de hand" ticks keep their mark; the format under the cursor is more than a grey shade.
    monkeypatch.setenv("NO_COLOR", "1")
    keys, name = INCIDENT_SCREENS["export"]

    async def run_before(pilot) -> None:
        await after(keys, name)(pilot)
        pilot.app.screen.query_one("OptionList").focus()
        await pilot.pause()

    assert snap_compare(incident_app(), run_before=run_before, terminal_size=(80, 24))


async def test_the_busiest_answer_keeps_every_key_hint_at_80_columns(catalog):
    # An incident answer that also offers a document: every hint of the footer, Help too, is on screen.
    from tests.tui.test_tui_incidents import reach_incident_answer

    save_preferences(Preferences(theme="textual-dark"))
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_incident_answer(pilot)
        answer = answer_view(app)
        assert answer.check_action("start_incident", ()) and answer.check_action("document", ())
        await wait_for(pilot, lambda: any(key.key == "i" for key in footer_keys(app)), "the answer's keys")
        await pilot.pause()
        keys = footer_keys(app)
        shown = {key.key for key in keys}
        assert {"escape", "f1", "i", "k", "v", "d", "o"} <= shown
        assert all(key.width and key.right <= 80 for key in keys), [(key.key, key.x, key.width) for key in keys]
        assert all(a.right < b.x for a, b in zip(keys, keys[1:])), "no key drawn over another"


@pytest.fixture
def concept_catalog(tmp_path):
    """The snapshot protocol next to an imported copy still under review (one answer changed, one open)."""
    import yaml

    from smassist.core.catalog import load_catalog
    from tests.tui.conftest import SNAP

    source = SNAP / "protocols" / "voorbeeld.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    from smassist.core.models import text_hash

    data.update(id="onzeschool", organisation="Onze school", status="concept")
    # this school's article 1.2 has another age limit: the review sets it beside the example's article
    article = next(a for a in data["articles"] if a["id"] == "1.2")
    article["text"] = article["text"].replace("onder de 16 jaar, van zijn ouders", "onder de 18 jaar, van zijn ouders of verzorgers")
    rulings = data["rulings"]["share"]
    for entry in rulings.values():
        if "1.2" in entry["cites"]:
            entry["cites"]["1.2"] = text_hash(article["text"])
    rulings["no_consent"]["review"] = {"state": "changed", "source": "voorbeeld", "source_articles": {"1.2": "1.2", "2.1": "2.1"},
                                       "note": "artikel 1.2 wijkt af van artikel 1.2 van het voorbeeld"}
    rulings["general"]["review"] = {"state": "open"}
    path = tmp_path / "onzeschool.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    catalog = load_catalog(SNAP, protocols=[source, path])
    assert catalog.problems == []
    return catalog


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, concept_catalog, size):
    # The protocol dialog on a first start, the imported concept highlighted, n: review it; o skips the
    # open ruling to the changed one, whose article stands beside the example's (stacked at 80 columns).
    async def run_before(pilot) -> None:
        await after(["enter"], "ChooseProtocolScreen")(pilot)
        ids = [p.id for p in pilot.app.screen.protocols]
        await pilot.press(*(["down"] * ids.index("onzeschool")), "n")
        await screen_is("ReviewScreen")(pilot)
        await pilot.press("o")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    app = make_app(catalog=concept_catalog, animate=False)
    assert snap_compare(app, run_before=run_before, terminal_size=size)
