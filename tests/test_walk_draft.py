"""The walk in progress on disk (smassist.core.walk_draft): round trip, privacy, bad files, what is drafted."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timezone

from smassist.core.paths import user_data_dir
from smassist.core.walk import Walk
from smassist.core.walk_draft import DRAFT_FILE, Draft, clear_draft, draft_path, drafts, load_draft, save_draft

TYPED = {"when": "01-02-2026", "what": "Een bericht in de groepsapp\nmet een foto", "note": "nog niet af"}
MOMENT = datetime(2026, 3, 1, 13, 32, tzinfo=timezone.utc)


def details_walk(catalog, role: str = "staff") -> Walk:
    """The mini tree, at its form (an input node)."""
    walk = Walk(catalog.tree("walk"), catalog.protocol("alpha"), role)
    walk.answer("c")
    return walk


def aside_files() -> list:
    return sorted(p.name for p in user_data_dir().iterdir() if p.name != DRAFT_FILE)


def test_round_trip_keeps_the_walk_and_what_is_being_typed(mini_catalog):
    walk = details_walk(mini_catalog)
    path = save_draft(walk, {"details": TYPED}, now=MOMENT)
    assert path == draft_path() == user_data_dir() / "onderweg.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"format", "version", "saved_at", "walk", "pending"}
    assert data["walk"] == walk.to_dict()

    draft = load_draft(mini_catalog)
    assert isinstance(draft, Draft)
    restored, pending = draft  # unpacks as (walk, pending)
    assert restored.to_dict() == walk.to_dict()
    assert restored.current.id == "details"
    assert pending == {"details": TYPED}
    assert draft.saved_at == MOMENT


def test_a_filled_and_finished_walk_round_trips(mini_catalog):
    walk = details_walk(mini_catalog)
    walk.fill({"when": "01-02-2026", "what": "Een bericht", "note": ""})
    walk.back()  # the cursor is kept too: the user is back on the form
    save_draft(walk, {"details": {"when": "01-02-2026", "what": "Een bericht, aangevuld", "note": ""}})
    restored, pending = load_draft(mini_catalog)
    assert restored.inputs == walk.inputs and restored.cursor == walk.cursor == 1
    assert pending["details"]["what"] == "Een bericht, aangevuld"


def test_the_file_is_private_even_with_umask_0(mini_catalog):
    old = os.umask(0)
    try:
        path = save_draft(details_walk(mini_catalog), {"details": TYPED})
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [DRAFT_FILE]  # no temporary file left behind


def test_clear_removes_the_draft(mini_catalog):
    assert clear_draft() is False  # nothing to clear is fine
    save_draft(details_walk(mini_catalog), {"details": TYPED})
    assert clear_draft() is True
    assert not draft_path().exists()
    assert load_draft(mini_catalog) is None


def test_no_file_means_no_draft(mini_catalog):
    notices: list[str] = []
    assert load_draft(mini_catalog, notices) is None
    assert notices == []


def test_a_tree_without_a_form_is_not_drafted(catalog):
    photo = Walk(catalog.tree("photo"), catalog.protocol("buitengewoon"), "staff")
    assert not any(node.kind == "input" for node in photo.tree.nodes.values())
    photo.answer(photo.options()[0].id)
    assert drafts(photo) is False
    assert save_draft(photo, {}) is None
    assert not draft_path().exists()


def test_a_role_that_never_reaches_the_form_is_not_drafted(catalog):
    staff = Walk(catalog.tree("incident"), catalog.protocol("buitengewoon"), "staff")
    pupil = Walk(catalog.tree("incident"), catalog.protocol("buitengewoon"), "pupil")
    assert drafts(staff) is True
    assert drafts(pupil) is False  # pupils are asked questions only: nothing personal is typed


def test_another_walk_never_touches_an_existing_draft(catalog, mini_catalog):
    save_draft(details_walk(mini_catalog), {"details": TYPED})
    photo = Walk(catalog.tree("photo"), catalog.protocol("buitengewoon"), "staff")
    save_draft(photo, {})
    assert load_draft(mini_catalog).pending == {"details": TYPED}


def test_an_empty_walk_removes_the_draft(mini_catalog):
    save_draft(details_walk(mini_catalog), {"details": TYPED})
    fresh = Walk(mini_catalog.tree("walk"), mini_catalog.protocol("alpha"), "staff")
    assert save_draft(fresh, {"details": {"when": " ", "what": "", "note": ""}}) is None
    assert not draft_path().exists()


def _assert_kept_aside(catalog, content: bytes, kind: str) -> None:
    path = draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    notices: list[str] = []
    assert load_draft(catalog, notices, now=MOMENT) is None
    assert not path.exists()
    [aside] = aside_files()
    assert aside == f"onderweg.{kind}-20260301T133200Z.json"
    assert (path.parent / aside).read_bytes() == content, "the file set aside must be exactly what was there"
    [notice] = notices
    assert aside in notice and str(path.parent) in notice
    assert "groepsapp" not in notice  # never a typed value in a message


def test_a_broken_file_is_kept_aside(mini_catalog):
    _assert_kept_aside(mini_catalog, b'{"format": "smassist-onderweg", "version": 1, "walk": {"tree": "walk", '
                                     b'"pending": "groepsapp', "beschadigd")


def test_a_file_of_another_version_is_kept_aside(mini_catalog):
    save_draft(details_walk(mini_catalog), {"details": TYPED})
    data = json.loads(draft_path().read_text(encoding="utf-8"))
    data["version"] = 99
    _assert_kept_aside(mini_catalog, json.dumps(data).encode(), "onbekend")


def test_a_draft_of_a_tree_that_is_gone_is_kept_aside(catalog, mini_catalog):
    save_draft(details_walk(mini_catalog), {"details": TYPED})
    content = draft_path().read_bytes()
    _assert_kept_aside(catalog, content, "ongeldig")  # the bundled data has no tree 'walk'


def test_a_draft_naming_a_field_that_is_gone_is_kept_aside(mini_catalog):
    save_draft(details_walk(mini_catalog), {"details": {"groepsapp": "x"}})
    _assert_kept_aside(mini_catalog, draft_path().read_bytes(), "ongeldig")


def test_moving_aside_never_overwrites_an_earlier_one(mini_catalog):
    for _ in range(2):
        draft_path().parent.mkdir(parents=True, exist_ok=True)
        draft_path().write_text("kapot", encoding="utf-8")
        assert load_draft(mini_catalog, now=MOMENT) is None
    assert aside_files() == ["onderweg.beschadigd-20260301T133200Z-2.json", "onderweg.beschadigd-20260301T133200Z.json"]

