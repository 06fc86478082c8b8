"""The school profile: saved privately, read strictly, used for a model protocol's school name."""

from __future__ import annotations

import stat

import pytest

from smassist.core.problems import DataError
from smassist.core.profile import Profile, load_profile, profile_path, save_profile, set_value
from tests.test_cli import smassist


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_no_profile_is_an_empty_profile():
    assert load_profile() == Profile()


def test_saved_profile_comes_back_and_only_the_user_can_read_it():
    profile = set_value(Profile(), "school_name", " De Regenboog ")
    set_value(profile, "privacy_officer", "M. de Vries, fg@example.org")
    path = save_profile(profile)
    assert load_profile() == profile
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_typo_in_the_profile_names_file_and_line():
    path = profile_path()
    path.parent.mkdir(parents=True)
    path.write_text("school_name: De Regenboog\nschool_leidr: A. Jansen\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_profile()
    assert str(error.value.problems[0]).startswith(f"{path}:2: onbekende sleutel 'school_leidr'")
    assert "bedoel je 'school_leader'" in str(error.value)


def test_the_school_name_replaces_the_model_protocols_placeholder(home):
    save_profile(set_value(Profile(), "school_name", "De Regenboog"))
    env_out = smassist("article", "kopwerk", "D.1", env={"SMASSIST_HOME": str(home)})
    assert "verbonden zijn aan De Regenboog." in env_out.stdout
