"""`smassist validate` reuses what it read before only while the files are unchanged, and finds the same."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smassist.core.readability import SETTINGS_FILE, cached_settings, load_settings
from smassist.core.skip_checks import mentions


def test_a_second_validate_reads_no_yaml(tmp_path):
    code = "import sys\nfrom smassist.cli import main\ncode = main(['validate'])\nprint('YAML', 'yaml' in sys.modules, code)"
    for _ in range(2):  # the first run fills the caches
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "SMASSIST_HOME": str(tmp_path)})
    assert "in orde:" in out.stdout, out.stderr
    assert out.stdout.rstrip().endswith("YAML False 0")


def test_a_readability_setting_changed_in_place_is_read_again(tmp_path):
    root = tmp_path / "data"
    (root / "language").mkdir(parents=True)
    path = root / SETTINGS_FILE
    path.write_text("minimum:\n  pupil: 55\nmin_words: 12\n", encoding="utf-8")
    assert cached_settings(root).minimum == {"pupil": 55.0}
    info = path.stat()
    path.write_text("minimum:\n  pupil: 99\nmin_words: 12\n", encoding="utf-8")  # same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same modification time
    assert cached_settings(root).minimum == {"pupil": 99.0} == load_settings(root).minimum
    path.unlink()
    assert cached_settings(root) == load_settings(root)  # no file: the defaults, not the cached values


@pytest.mark.parametrize(("text", "keyword"), [
    ("in je vrije tijd", "vrije tijd"), ("vrije tijden", "vrije tijd"), ("de vrije tijd.", "Vrije Tijd"),
    ("e-mail", "mail"), ("mailen", "mail"), ("privé-account", "privé"), ("privéaccount", "privé"),
    ("les_1", "les"), ("les²", "les"), ("lesuur of les", "les"), ("", "les"), ("les", ""),
])
def test_a_keyword_is_mentioned_only_as_a_whole_word_as_before(text, keyword):
    pattern = r"(?<!\w)" + re.escape(keyword.lower()) + r"(?!\w)"
    assert mentions(text, keyword) is (re.search(pattern, text) is not None)


def test_validate_of_the_bundled_data_still_finds_the_same(capsys):
    from tests.test_cli_dutch import run

    code, out, _ = run(capsys, "validate")
    again = run(capsys, "validate")
    assert code == 0 and again == (0, out, "")
    assert "in orde: 10 beslisbomen, 5 protocollen" in out


def test_content_reports_are_reused_only_while_their_files_are_unchanged(tmp_path, capsys):
    import shutil

    from smassist.core.paths import decision_trees_dir
    from tests.test_cli_dutch import run

    data = tmp_path / "data"
    shutil.copytree(decision_trees_dir(), data)
    first = run(capsys, "validate", str(data))
    assert first[0] == 0 and "Flesch-Douma" not in first[1]
    assert run(capsys, "validate", str(data)) == first
    settings = data / SETTINGS_FILE
    info = settings.stat()
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("pupil: 55", "pupil: 99"), encoding="utf-8")  # same size
    os.utime(settings, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same modification time
    code, out, _ = run(capsys, "validate", str(data))
    assert code == 0 and "voor leerlingen (Flesch-Douma" in out
    settings.write_text(text, encoding="utf-8")
    assert run(capsys, "validate", str(data)) == first
    tree = data / "photo.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace(
        "summary: Mag ik deze foto,", "summary: Mag ik met een werkaccount deze foto,"), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(data))
    assert code == 0 and any(line.startswith(f"{tree}:") and "'werkaccount'" in line for line in out.splitlines())


def test_a_second_validate_does_not_walk_the_trees_again(tmp_path):
    code = ("import sys\nfrom smassist.cli import main\ncode = main(['validate'])\n"
            "print('WALKED', 'smassist.core.skip_checks' in sys.modules, code)")
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "SMASSIST_HOME": str(tmp_path)})
    assert out.stdout.rstrip().endswith("WALKED False 0"), out.stdout[-500:] + out.stderr
