"""A subcommand builds and imports only its own part of the command line, and says the same as the whole."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys

import pytest

from smassist import cli
from smassist.cli_nl import DutchParser


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_command_table_names_the_module_that_builds_each_command():
    registered: dict[str, str] = {}
    for module in ("smassist.cli", *cli.COMMAND_MODULES):
        sub = DutchParser(prog="smassist").add_subparsers(dest="command")
        if module == "smassist.cli":
            cli._register_core(sub)
        else:
            importlib.import_module(module).register(sub)
        registered.update(dict.fromkeys(sub.choices, module))
    assert registered == cli.COMMANDS
    assert list(_choices(cli.build_parser())) == list(cli.COMMANDS)


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_a_command_built_alone_has_the_same_help_as_in_the_whole_parser(command):
    whole = _choices(cli.build_parser())[command]
    alone = _choices(cli.build_parser(command))
    assert list(alone) == [c for c, m in cli.COMMANDS.items() if m == cli.COMMANDS[command]]
    assert alone[command].format_help() == whole.format_help()


@pytest.mark.parametrize(("argv", "command"), [
    (["ask", "befriend", "--protocol", "x"], "ask"),
    (["--presenter", "validate"], "validate"),
    (["--quiz-set", "ask", "trees"], "trees"),  # the value of --quiz-set is not the command
    (["--quiz-set=set.yaml", "render", "-h"], "render"),
    (["--presenter"], ""),
    ([], ""),
    (["--help"], None),  # help lists every command: the whole parser
    (["--pres", "ask"], None),  # an abbreviation: argparse decides, on the whole parser
    (["frobnicate"], None),  # an unknown command lists every command
])
def test_the_command_is_read_from_argv_before_parsing(argv, command):
    assert cli.command_in(argv) == command


@pytest.mark.parametrize("with_profile", [False, True])
def test_ask_imports_no_other_command_module_nor_what_they_need(tmp_path, with_profile):
    if with_profile:  # a hand-written one: read from YAML once, then from its copy (core/profile_copy.py)
        (tmp_path / "config").mkdir(mode=0o700)
        (tmp_path / "config" / "profile.yaml").write_text("school_name: De Regenboog\n", encoding="utf-8")
    code = ("import sys\nfrom smassist.cli import main\n"
            "main(['ask', 'befriend', '--protocol', 'buitengewoon', '--role', 'staff',"
            " '--answer', 'staff_with=pupil', '--answer', 'staff_account=private', '--answer', 'staff_urgent=nee'])\n"
            "print('MODULES', ' '.join(sys.modules))")
    for _ in range(2):  # the first run builds the catalogue cache (and reads YAML for it)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "SMASSIST_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert "NIET TOEGESTAAN" in out.stdout
    modules = set(out.stdout.rsplit("MODULES", 1)[1].split())
    others = {m for m in modules if m.startswith("smassist.cli_") and m != "smassist.cli_nl"}
    assert others == set()
    # each costs milliseconds at every start; json only for --format json, typing only for type checkers;
    # dataclasses (with inspect, ast, dis) not for the models: smassist.core.record
    assert modules & {"subprocess", "shutil", "difflib", "yaml", "jinja2", "fpdf", "typing", "json", "textual",
                      "dataclasses", "inspect"} == set()


def test_a_command_about_one_protocol_reads_only_that_one_and_gets_the_same(tmp_path, monkeypatch, capsys):
    from smassist.core.catalog_sources import load_user_catalog
    from smassist.core.paths import decision_trees_dir, user_protocols_dir

    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path))
    # the school's own protocol, a stale file with a bundled id (not used) and a broken file beside them
    own = user_protocols_dir()
    own.mkdir(parents=True)
    text = (decision_trees_dir() / "protocols" / "kopwerk.yaml").read_text(encoding="utf-8")
    (own / "eigen.yaml").write_text(text.replace("Stichting Kopwerk", "Onze Eigen School", 1).replace("id: kopwerk", "id: eigen", 1), encoding="utf-8")
    (own / "kopwerk.yaml").write_text(text.replace("Stichting Kopwerk", "Onze Eigen School", 1), encoding="utf-8")
    (own / "kapot.yaml").write_text("id: [\n", encoding="utf-8")
    full = load_user_catalog()  # also fills the cache
    for protocol_id in ("eigen", "kopwerk", "togtemaar"):
        one = load_user_catalog(only={protocol_id})
        assert set(one.protocols) == {protocol_id}
        assert one.protocols[protocol_id] == full.protocols[protocol_id]
        assert one.trees == full.trees
        path = full.protocols[protocol_id].path
        assert one.problems_in(path) == full.problems_in(path)
    assert load_user_catalog(only={"eigen"}).protocols["eigen"].organisation == "Onze Eigen School"
    assert load_user_catalog(only={"kopwerk"}).protocols["kopwerk"].organisation == "Stichting Kopwerk"
    assert cli.main(["ask", "befriend", "--protocol", "bestaatniet"]) == 1
    assert "kies uit: buitengewoon, edu-ley, eigen, kopwerk, quadraam, togtemaar" in capsys.readouterr().err
