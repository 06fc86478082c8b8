"""Nothing written is silently lost: no file is replaced without --force, every folder the app makes is 0700."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from smassist.cli import main
from smassist.core.catalog_sources import load_user_catalog
from smassist.core.preferences import Preferences, save_preferences
from smassist.core.profile import Profile, save_profile
from smassist.core.walk import Walk
from smassist.core.walk_draft import save_draft


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def school():
    save_profile(Profile(school_name="De Regenboog", school_leader="A. Jansen", function="docent"))


def test_render_refuses_to_replace_a_file_without_force(capsys, school, tmp_path):
    target = tmp_path / "formulier.md"
    target.write_text("mijn eigen aantekeningen\n", encoding="utf-8")
    code, out, err = cli(capsys, "render", "incident_form", "--protocol", "quadraam", "-o", str(target))
    assert code == 1 and out == ""
    assert err == f"smassist: '{target}' bestaat al; kies een andere naam of geef --force\n"
    assert target.read_text(encoding="utf-8") == "mijn eigen aantekeningen\n"

    code, out, _ = cli(capsys, "render", "incident_form", "--protocol", "quadraam", "-o", str(target), "--force")
    assert code == 0 and out == f"opgeslagen: {target}\n"
    assert "mijn eigen aantekeningen" not in target.read_text(encoding="utf-8")


def test_render_into_a_folder_refuses_to_replace_todays_file(capsys, school, tmp_path):
    folder = tmp_path / "uit"
    assert cli(capsys, "render", "incident_form", "--protocol", "quadraam", "-o", f"{folder}/")[0] == 0
    [made] = folder.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    code, _, err = cli(capsys, "render", "incident_form", "--protocol", "quadraam", "-o", str(folder))
    assert code == 1 and "bestaat al" in err and "--force" in err


def modes(root: Path, *parts: str) -> dict[str, int]:
    return {part: stat.S_IMODE((root / part).stat().st_mode) for part in parts}


def write_every_state_file(catalog) -> None:
    save_profile(Profile(school_name="De Regenboog"))
    save_preferences(Preferences(role="staff"))
    walk = Walk(catalog.tree("incident"), catalog.protocol("buitengewoon"), "staff")
    save_draft(walk, {"facts": {"date": "01-02-2026", "platform": "", "what_happened": "x", "evidence": ""}})


@pytest.fixture
def umask_000():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_folders_made_under_a_fresh_home_are_private_whatever_the_umask(catalog, tmp_path, monkeypatch, umask_000):
    monkeypatch.delenv("SMASSIST_HOME")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    write_every_state_file(catalog)
    load_user_catalog()  # writes the catalogue cache
    assert modes(tmp_path, ".local", ".local/share", ".local/share/smassist", ".config", ".config/smassist",
                 ".cache", ".cache/smassist") == {
        ".local": 0o700, ".local/share": 0o700, ".local/share/smassist": 0o700,
        ".config": 0o700, ".config/smassist": 0o700, ".cache": 0o700, ".cache/smassist": 0o700}


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_folders_made_under_smassist_home_are_private_whatever_the_umask(catalog, tmp_path, monkeypatch, umask_000):
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path / "stick" / "smassist"))
    write_every_state_file(catalog)
    assert modes(tmp_path, "stick", "stick/smassist", "stick/smassist/config", "stick/smassist/data") == {
        "stick": 0o700, "stick/smassist": 0o700, "stick/smassist/config": 0o700, "stick/smassist/data": 0o700}


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_an_existing_folder_the_app_did_not_make_keeps_its_mode(catalog, tmp_path, monkeypatch, umask_000):
    shared = tmp_path / "gedeeld"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("SMASSIST_HOME", str(shared / "smassist"))
    write_every_state_file(catalog)
    assert modes(tmp_path, "gedeeld", "gedeeld/smassist") == {"gedeeld": 0o755, "gedeeld/smassist": 0o700}
