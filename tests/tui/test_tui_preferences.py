"""Remembered choices (smassist.core.preferences): private, strict, and free of the UI."""

from __future__ import annotations

import stat
import subprocess
import sys

import pytest

from smassist.core.preferences import Preferences, load_preferences, preferences_path, save_preferences
from smassist.core.problems import DataError


def test_nothing_remembered_at_first():
    assert load_preferences() == Preferences()


def test_choices_come_back_and_only_the_user_can_read_them():
    path = save_preferences(Preferences(role="parent", protocol="togtemaar", theme="ansi-dark"))
    assert path == preferences_path()
    assert load_preferences() == Preferences(role="parent", protocol="togtemaar", theme="ansi-dark")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", "geen geldige JSON"),
    ("[1, 2]", "JSON-object"),
    ('{"rol": "staff"}', "onbekende sleutel 'rol'"),
    ('{"role": 3}', "'role' moet een tekst zijn"),
])
def test_a_broken_file_names_the_file(text, message):
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_preferences()
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_preferences_do_not_import_textual():
    code = "import smassist.core.preferences, sys; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
