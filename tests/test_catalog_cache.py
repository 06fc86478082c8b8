"""The catalogue cache: a second start parses no YAML, and nothing stale or damaged is ever used."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys

import pytest

from smassist.cli import main
from smassist.core.catalog_cache import _MAGIC, CACHE_FILE, CatalogCache, code_stamp
from smassist.core.catalog_sources import load_user_catalog
from smassist.core.paths import decision_trees_dir, templates_dir, user_cache_dir, user_protocols_dir
from smassist.core.profile import Profile, save_profile

BUNDLED = decision_trees_dir() / "protocols"
ASK = ["ask", "befriend", "--protocol", "kopwerk", "--role", "staff", "--format", "json",
       "--answer", "staff_with=pupil", "--answer", "staff_account=private", "--answer", "staff_urgent=nee"]
A6 = "Het is medewerkers niet toegestaan om ‘vrienden’ te worden met leerlingen op sociale media."


def _summary(catalog) -> tuple:
    return (sorted(catalog.protocols), sorted(catalog.trees), [str(p) for p in catalog.problems],
            catalog.protocols["kopwerk"].ruling("befriend", "staff_pupil_private").answer)


def _user_copy(name: str = "kopwerk", new_id: str = "eigen") -> os.PathLike:
    """A bundled protocol under an id of the user's own (a bundled id in the user folder is not used)."""
    user_protocols_dir().mkdir(parents=True, exist_ok=True)
    path = user_protocols_dir() / f"{new_id}.yaml"
    path.write_text((BUNDLED / f"{name}.yaml").read_text(encoding="utf-8").replace(f"id: {name}\n", f"id: {new_id}\n", 1), encoding="utf-8")
    return path


def test_a_second_run_answers_the_same_without_importing_yaml():
    code = f"import sys\nfrom smassist.cli import main\nmain({ASK!r})\nprint('yaml' in sys.modules, file=sys.stderr)"
    first, second = (subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True) for _ in range(2))
    assert first.stderr.strip() == "True", "the first run parses the data"
    assert second.stderr.strip() == "False", "the second run is served from the cache"
    assert second.stdout == first.stdout and '"verdict": "not_allowed"' in first.stdout


def test_the_cache_is_private_to_the_user():
    load_user_catalog()
    path = user_cache_dir() / CACHE_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_protocol_added_to_the_user_or_profile_folder_is_seen_at_the_next_start(tmp_path):
    assert "eigen" not in load_user_catalog().protocols
    user_protocols_dir().mkdir(parents=True)
    text = (BUNDLED / "kopwerk.yaml").read_text(encoding="utf-8").replace("id: kopwerk\n", "id: eigen\n", 1)
    (user_protocols_dir() / "eigen.yaml").write_text(text, encoding="utf-8")
    assert "eigen" in load_user_catalog().protocols
    shared = tmp_path / "schijf"
    shared.mkdir()
    (shared / "school.yaml").write_text(text.replace("id: eigen\n", "id: school\n", 1), encoding="utf-8")
    save_profile(Profile(protocol_folder=str(shared)))
    assert {"eigen", "school"} <= set(load_user_catalog().protocols)
    (shared / "school.yaml").unlink()
    assert "school" not in load_user_catalog().protocols


def test_a_change_of_the_same_size_and_time_is_still_seen(capsys):
    path = _user_copy()
    assert load_user_catalog().problems == []
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert A6 in text
    path.write_text(text.replace(A6, A6.replace("niet toegestaan", "n1et toegestaan")), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    catalog = load_user_catalog()
    assert "n1et" in catalog.protocols["eigen"].articles["A.6"].text
    assert any("de tekst van artikel A.6 is veranderd" in p.message for p in catalog.problems), \
        "the citation checks ran again on the new text"
    assert main(["validate"]) == 1
    assert "artikel A.6 is veranderd" in capsys.readouterr().out


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "other smassist"])
def test_a_damaged_cache_is_rebuilt_silently(damage):
    fresh = _summary(load_user_catalog())
    path = user_cache_dir() / CACHE_FILE
    blob = path.read_bytes()
    if damage == "truncated":
        blob = blob[: len(blob) // 2]
    elif damage == "flipped":
        blob = blob[:-100] + bytes([blob[-100] ^ 0x55]) + blob[-99:]
    elif damage == "garbage":
        blob = os.urandom(4000)
    elif damage == "empty":
        blob = b""
    else:
        blob = blob.replace(code_stamp().encode(), b"0" * 64, 1)
    path.write_bytes(blob)
    assert _summary(load_user_catalog()) == fresh
    assert CatalogCache(path).files, "a valid cache was written again"


class _Trap:
    def __reduce__(self):
        return (os.mkdir, (str(user_cache_dir() / "trap-ran"),))


def test_a_cache_that_fails_its_checksum_is_never_unpickled():
    load_user_catalog()
    path = user_cache_dir() / CACHE_FILE
    payload = pickle.dumps(({"x": _Trap()}, {}))
    path.write_bytes(_MAGIC + code_stamp().encode() + b"\n" + b"0" * 64 + b"\n" + payload)
    assert _summary(load_user_catalog())[0] == sorted(p.stem for p in BUNDLED.glob("*.yaml"))
    assert not (user_cache_dir() / "trap-ran").exists()


def test_validate_renders_again_when_a_template_changes(tmp_path, monkeypatch, capsys):
    templates = shutil.copytree(templates_dir(), tmp_path / "templates")
    monkeypatch.setattr("smassist.core.catalog_sources.templates_dir", lambda: templates)
    assert main(["validate"]) == 0
    capsys.readouterr()
    (templates / "incident_letter.md.j2").write_text("# Brief\n\n{{ data.bestaat_niet }}\n", encoding="utf-8")
    from smassist.core.documents.environment import environment

    environment.cache_clear()  # a new `smassist validate` process compiles the templates afresh
    assert main(["validate"]) == 1
    assert "incident_letter" in capsys.readouterr().out
