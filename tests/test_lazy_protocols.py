"""Protocols from the catalogue cache: articles and rulings unpickled on first use, never a different answer."""

from __future__ import annotations

import pickle

import pytest

from smassist.cli import main
from smassist.core import protocol_parts
from smassist.core.catalog import load_catalog
from smassist.core.catalog_cache import _MAGIC, CACHE_FILE, code_stamp
from smassist.core.catalog_sources import load_user_catalog
from smassist.core.checked_pickle import read_checked, write_checked
from smassist.core.paths import decision_trees_dir, templates_dir, user_cache_dir, user_protocols_dir
from smassist.core.record import asdict, replace

BUNDLED = decision_trees_dir() / "protocols"
A6 = "Het is medewerkers niet toegestaan om ‘vrienden’ te worden met leerlingen op sociale media."


@pytest.fixture
def unpacked(monkeypatch) -> list[str]:
    """The names of the protocol files whose articles and rulings were unpickled, in order."""
    seen: list[str] = []
    load = protocol_parts.LazyParts.load

    def counting(self, path):
        seen.append(path.name)
        return load(self, path)

    monkeypatch.setattr(protocol_parts.LazyParts, "load", counting)
    return seen


def _user_copy(new_id: str = "eigen", name: str = "kopwerk"):
    user_protocols_dir().mkdir(parents=True, exist_ok=True)
    path = user_protocols_dir() / f"{new_id}.yaml"
    path.write_text((BUNDLED / f"{name}.yaml").read_text(encoding="utf-8").replace(f"id: {name}\n", f"id: {new_id}\n", 1), encoding="utf-8")
    return path


def test_a_warm_start_lists_the_protocols_and_unpickles_only_the_one_used(unpacked):
    load_user_catalog()  # builds the cache
    catalog = load_user_catalog()
    listed = sorted((p.organisation, p.title, p.id, p.is_draft) for p in catalog.protocols.values())
    assert sorted(row[2] for row in listed) == sorted(p.stem for p in BUNDLED.glob("*.yaml"))
    assert all(row[0] and row[1] for row in listed)
    assert catalog.problems == []
    assert unpacked == [], "listing the protocols and their checks unpickled no articles or rulings"
    ruling = catalog.protocol("kopwerk").ruling("befriend", "staff_pupil_private")
    assert ruling.cites and catalog.protocol("kopwerk").articles[next(iter(ruling.cites))].text
    assert unpacked == ["kopwerk.yaml"]


def test_every_protocol_from_the_cache_is_the_protocol_read_from_its_file():
    _user_copy()
    load_user_catalog()
    warm = load_user_catalog()
    cold = load_catalog(decision_trees_dir(), templates_dir(), protocols=sorted([*BUNDLED.glob("*.yaml"), user_protocols_dir() / "eigen.yaml"]))
    assert sorted(warm.protocols) == sorted(cold.protocols)
    for protocol_id, protocol in cold.protocols.items():
        lazy = load_user_catalog().protocols[protocol_id]
        assert repr(lazy) == repr(protocol)
        lazy = load_user_catalog().protocols[protocol_id]
        assert asdict(lazy) == asdict(protocol)
        lazy = load_user_catalog().protocols[protocol_id]
        assert replace(lazy, title="x") == replace(protocol, title="x")
        assert warm.protocols[protocol_id] == protocol
        assert pickle.loads(pickle.dumps(load_user_catalog().protocols[protocol_id])) == protocol


@pytest.mark.parametrize("command", [["validate"], ["scenarios"], ["protocols"], ["articles", "togtemaar"],
                                     ["compare", "befriend", "--role", "staff", "--answer", "staff_with=pupil"]])
def test_a_command_answers_the_same_from_a_warm_cache(command, capsys):
    _user_copy()
    first = main(command), capsys.readouterr()
    second = main(command), capsys.readouterr()
    assert first[1].out and second == first


def _damage_parts(protocol_file: str, blob: bytes) -> None:
    """Replace one protocol's pickled articles and rulings in a cache that still passes every check."""
    path = user_cache_dir() / CACHE_FILE
    files, checks = read_checked(path, _MAGIC, code_stamp())
    key = str(BUNDLED / protocol_file)
    entry = files[key]
    protocol, problems, usable = pickle.loads(entry[4])
    protocol.__dict__["_parts"] = protocol_parts.LazyParts(blob)
    files[key] = (*entry[:4], pickle.dumps((protocol, problems, usable)), *entry[5:])
    assert write_checked(path, _MAGIC, code_stamp(), (files, checks))


@pytest.mark.parametrize("damage", [b"garbage", pickle.dumps(({}, None)), pickle.dumps("x"),
                                    pickle.dumps(({}, {}, {}))[:-3]])
def test_damaged_protocol_parts_in_the_cache_are_read_from_the_file_and_the_cache_rebuilt(damage, unpacked):
    fresh = load_user_catalog().protocols["kopwerk"]
    _damage_parts("kopwerk.yaml", damage)
    catalog = load_user_catalog()
    assert (user_cache_dir() / CACHE_FILE).exists()
    protocol = catalog.protocols["kopwerk"]
    assert protocol.articles == fresh.articles and protocol.rulings == fresh.rulings
    assert protocol == fresh
    assert not (user_cache_dir() / CACHE_FILE).exists(), "the damaged cache is dropped"
    assert load_user_catalog().protocols["kopwerk"] == fresh
    assert (user_cache_dir() / CACHE_FILE).exists(), "and written anew"
    unpacked.clear()
    assert load_user_catalog().protocols["kopwerk"].articles == fresh.articles
    assert unpacked == ["kopwerk.yaml"] and (user_cache_dir() / CACHE_FILE).exists(), "the new cache is sound"


def test_a_user_protocol_added_changed_or_removed_after_the_cache_was_built_is_seen():
    load_user_catalog()
    assert "eigen" not in load_user_catalog().protocols
    path = _user_copy()
    catalog = load_user_catalog()
    assert catalog.protocols["eigen"].articles["A.6"].text == load_user_catalog().protocols["kopwerk"].articles["A.6"].text
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(A6, A6.replace("niet toegestaan", "nooit toegestaan"))
                        .replace("organisation: ", "organisation: Onze school, was ", 1), encoding="utf-8")
    catalog = load_user_catalog()
    eigen = catalog.protocols["eigen"]
    assert eigen.organisation.startswith("Onze school, was ")
    assert "nooit toegestaan" in eigen.articles["A.6"].text
    assert any(p.file == path and "de tekst van artikel A.6 is veranderd" in p.message for p in catalog.problems)
    path.unlink()
    catalog = load_user_catalog()
    assert "eigen" not in catalog.protocols and not any(p.file == path for p in catalog.problems)


def test_validate_reports_a_protocol_broken_after_the_cache_was_built(capsys):
    path = _user_copy()
    assert main(["validate"]) == 0  # the cache now holds every protocol and its checks
    assert main(["validate"]) == 0
    capsys.readouterr()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(A6, A6.replace("niet toegestaan", "nooit toegestaan")), encoding="utf-8")
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert f"{path}" in out and "de tekst van artikel A.6 is veranderd" in out
    path.write_text("id: eigen\ntitle: [\n", encoding="utf-8")
    assert main(["validate"]) == 1
    assert f"{path}" in capsys.readouterr().out
