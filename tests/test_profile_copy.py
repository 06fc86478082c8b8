"""A returning user's profile is read without YAML, and still exactly as the file says now."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from smassist.core.paths import user_cache_dir
from smassist.core.problems import DataError
from smassist.core.profile import Profile, load_profile, profile_path, save_profile
from smassist.core.profile_copy import copy_path


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _load_in_a_new_process(home) -> tuple[str, bool]:
    code = ("import sys\nfrom smassist.core.profile import load_profile\n"
            "print(repr(load_profile().values()))\nprint('yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "SMASSIST_HOME": str(home)})
    assert out.returncode == 0, out.stderr
    values, imported = out.stdout.splitlines()
    return values, imported == "True"


def _edit_keeping_size_and_mtime(old: str, new: str) -> None:
    path = profile_path()
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old.encode()) == len(new.encode()) and old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_saved_profile_is_read_without_importing_yaml(home):
    save_profile(Profile(school_name="De Regenboog", school_leader="A. Jansen"))
    values, imported_yaml = _load_in_a_new_process(home)
    assert values == repr({"school_name": "De Regenboog", "school_leader": "A. Jansen"})
    assert not imported_yaml


def test_the_copy_is_private_beside_the_profile_not_in_the_cache_folder(home):
    path = save_profile(Profile(school_name="De Regenboog", privacy_officer="M. de Vries"))
    copy = copy_path(path)
    assert copy.parent == path.parent and user_cache_dir() not in copy.parents
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert "M. de Vries" in copy.read_text(encoding="ascii")


def test_a_hand_edit_with_the_same_size_and_mtime_is_read(home):
    save_profile(Profile(school_name="De Regenboog"))
    load_profile()
    _edit_keeping_size_and_mtime("De Regenboog", "De Zonnebloe")
    assert load_profile().school_name == "De Zonnebloe"
    values, imported_yaml = _load_in_a_new_process(home)
    assert values == repr({"school_name": "De Zonnebloe"}) and not imported_yaml  # the copy was renewed


def test_a_broken_hand_edit_gives_the_dutch_error_and_removes_the_copy(home):
    path = save_profile(Profile(school_name="De Regenboog", school_leader="A. Jansen"))
    path.write_text("school_name: De Regenboog\nschool_leidr: A. Jansen\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_profile()
    assert str(error.value.problems[0]).startswith(f"{path}:2: onbekende sleutel 'school_leidr'")
    assert not copy_path(path).exists()  # the old staff name does not outlive the user's edit
    path.write_text("school_name: De Regenboog\nschool_leader: B. Jansen\n", encoding="utf-8")
    assert load_profile().school_leader == "B. Jansen"


def test_yaml_that_is_no_text_is_still_refused_after_a_good_read(home):
    path = save_profile(Profile(school_name="De Regenboog"))
    load_profile()
    path.write_text("school_name: 2026-01-01\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_profile()


@pytest.mark.parametrize("damage", [
    lambda text: text.replace("De Regenboog", "De Regenbooo"),  # a changed value: the checksum
    lambda text: text[: len(text) // 2],
    lambda text: "",
    lambda text: text.replace("school_name\t", "bogus_key\t"),
    lambda text: text + "\xff",
])
def test_a_damaged_copy_is_not_used_but_rebuilt(home, damage):
    path = save_profile(Profile(school_name="De Regenboog"))
    copy = copy_path(path)
    copy.write_bytes(damage(copy.read_text(encoding="ascii")).encode("latin-1"))
    assert load_profile() == Profile(school_name="De Regenboog")
    values, imported_yaml = _load_in_a_new_process(home)
    assert values == repr({"school_name": "De Regenboog"}) and not imported_yaml


def test_any_text_comes_back_exactly(home):
    odd = "Mw. Çelik \\t\t\"quoted\" # not a comment\nsecond line: yes ✓ \U0001f600"
    save_profile(Profile(school_name=odd, board="Stichting: Boog"))
    assert load_profile().school_name == odd  # from the copy
    copy_path(profile_path()).unlink()
    assert load_profile().school_name == odd  # from the YAML
    values, _ = _load_in_a_new_process(home)
    assert values == repr({"school_name": odd, "board": "Stichting: Boog"})


def test_removing_the_profile_removes_the_copy(home):
    path = save_profile(Profile(school_name="De Regenboog"))
    path.unlink()
    assert load_profile() == Profile()
    assert not copy_path(path).exists()
