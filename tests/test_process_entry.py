"""The process entry (`smassist`, `python -m smassist`): short commands skip the garbage collector's
walks, everything else (the app above all) keeps it, and the output is the same either way."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from smassist.cli import main

ASK = ["ask", "befriend", "--protocol", "buitengewoon", "--role", "staff", "--answer", "staff_with=pupil",
       "--answer", "staff_account=private", "--answer", "staff_urgent=nee"]


def _collector_during(argv: list[str]) -> tuple[bool, bool]:
    """(collector on while the command ran, anything frozen after) for run() in a new process."""
    code = ("import gc, sys\nimport smassist.cli as cli\n"
            "cli.main = lambda argv: print('ON' if gc.isenabled() else 'OFF') or 0\n"
            f"sys.argv = ['smassist', *{argv!r}]\n"
            "from smassist.__main__ import run\nrun()\nprint('FROZEN' if gc.get_freeze_count() else 'NONE')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    during, after = out.stdout.split()
    return during == "ON", after == "FROZEN"


@pytest.mark.parametrize("command", ["ask", "article", "articles", "protocols", "trees"])
def test_a_short_command_runs_without_the_collector(command):
    assert _collector_during([command]) == (False, True)


@pytest.mark.parametrize("argv", [[], ["--presenter"], ["serve"], ["validate"], ["incidents", "list"], ["import", "x"]])
def test_the_app_and_every_other_command_keep_the_collector(argv):
    assert _collector_during(argv) == (True, False)


def test_main_in_a_process_of_its_own_leaves_the_collector_alone(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path))
    frozen = gc.get_freeze_count()
    assert main(ASK) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_whole_process_prints_what_main_prints(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path))
    assert main(ASK) == 0
    expected = capsys.readouterr().out
    env = {**os.environ, "SMASSIST_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "smassist", *ASK], capture_output=True, text=True, timeout=60, env=env)
    assert (out.returncode, out.stdout) == (0, expected)
    wrong = subprocess.run([sys.executable, "-m", "smassist", "ask", "befriend", "--protocol", "bestaatniet"],
                           capture_output=True, text=True, timeout=60, env=env)
    assert wrong.returncode == 1 and wrong.stderr.startswith("smassist: onbekend protocol 'bestaatniet'")
    usage = subprocess.run([sys.executable, "-m", "smassist", "ask"], capture_output=True, text=True, timeout=60, env=env)
    assert usage.returncode == 2
