"""The command line speaks Dutch: argparse's own texts, help lines, errors, Dutch words as input."""

from __future__ import annotations

import argparse
import re

import pytest

from smassist.cli import build_parser, main

# What argparse prints in English; none of it may reach a Dutch user.
ENGLISH = re.compile(
    r"usage:|positional arguments|optional arguments|\boptions:|show this help|show program's|"
    r"\berror:|invalid choice|choose from|the following arguments are required|unrecognized arguments|"
    r"expected one argument|invalid \w+ value|ambiguous option|not allowed with argument"
)


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


PARSERS = [path for path, _ in _parsers(build_parser())]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("path", PARSERS, ids=lambda p: " ".join(p) or "smassist")
def test_every_help_is_dutch(capsys, path):
    code, out, err = run(capsys, *path, "--help")
    assert code == 0
    assert out.startswith("gebruik: smassist")
    assert not ENGLISH.search(out), ENGLISH.search(out).group(0)
    assert "toon deze hulp en stop" in out


def test_every_argument_and_subcommand_has_a_dutch_help_line():
    bare = []
    for path, parser in _parsers(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                bare += [f"{' '.join(path)} {c.dest}" for c in action._choices_actions if not c.help]
            elif not action.help:
                bare.append(f"{' '.join(path)} {'/'.join(action.option_strings) or action.dest}")
    assert bare == []


@pytest.mark.parametrize("argv", [
    ("frobnicate",),
    ("ask", "photo"),
    ("ask", "photo", "--protocol", "togtemaar", "--role", "directeur"),
    ("trees", "--role"),
    ("trees", "--onzin"),
    ("ask", "photo", "--protocol", "togtemaar", "--format", "xml"),
    ("incidents", "show", "abc"),
    ("compare", "photo"),
])
def test_usage_errors_are_one_dutch_line_and_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1, err
    assert not ENGLISH.search(err), err
    assert "--help" in err


def test_a_wrong_role_names_the_dutch_roles(capsys):
    code, _, err = run(capsys, "trees", "--role", "directeur")
    assert code == 2 and "medewerker, leerling of ouder" in err


@pytest.mark.parametrize("word,role", [
    ("leerling", "pupil"), ("medewerker", "staff"), ("ouder", "parent"), ("verzorger", "parent"),
    ("ouder/verzorger", "parent"), ("ouder-verzorger", "parent"), ("Leerling", "pupil"), ("staff", "staff"),
])
def test_dutch_role_names_work(capsys, word, role):
    code, out, _ = run(capsys, "trees", "--role", word)
    code_id, out_id, _ = run(capsys, "trees", "--role", role)
    assert code == code_id == 0 and out == out_id


ASK = ("ask", "befriend", "--protocol", "buitengewoon", "--role", "staff")


@pytest.mark.parametrize("answers", [
    ("staff_with=leerling", "staff_account=privé", "staff_urgent=nee"),
    ("staff_with=Een leerling", "staff_account=prive", "staff_urgent=Nee"),
    ("staff_with=pupil", "staff_account=Met mijn privé-account", "staff_urgent=nee"),
])
def test_answers_accept_the_dutch_option_text(capsys, answers):
    by_id = run(capsys, *ASK, "--format", "json", *[a for x in ("staff_with=pupil", "staff_account=private",
                                                                  "staff_urgent=nee") for a in ("--answer", x)])
    by_text = run(capsys, *ASK, "--format", "json", *[a for x in answers for a in ("--answer", x)])
    assert by_id[0] == by_text[0] == 0
    assert by_text[1] == by_id[1]


def test_an_answer_that_fits_two_options_says_so(capsys):
    code, _, err = run(capsys, *ASK, "--answer", "staff_with=pupil", "--answer", "staff_account=met")
    assert code == 1 and "kan meer betekenen" in err and "work (" in err and "private (" in err


def test_ask_without_answers_lists_the_questions_with_ids(capsys):
    code, out, _ = run(capsys, "ask", "befriend", "--protocol", "togtemaar")
    assert code == 0
    assert "staff_account: Met welk account wil je dat doen?" in out
    assert re.search(r"staff_account=private +Met mijn privé-account", out)
    assert "Vragen voor leerling (--role pupil):" in out
    code, out, _ = run(capsys, "ask", "befriend", "--protocol", "togtemaar", "--role", "leerling")
    assert "Vragen voor medewerker" not in out and "pupil_account=" in out


def test_an_unknown_article_suggests_a_command_that_exists(capsys):
    code, _, err = run(capsys, "article", "togtemaar", "X")
    assert code == 1
    command = re.search(r"'smassist ([^']+)'", err).group(1).split()
    assert run(capsys, *command)[0] == 0


def test_render_lists_every_missing_value_at_once(capsys):
    code, _, err = run(capsys, "render", "consent_photo", "--protocol", "togtemaar")
    assert code == 1 and err.count("\n") == 1
    for key in ("school_name", "school_leader", "purpose", "accounts", "recipient"):
        assert key in err


def test_render_data_errors_name_file_and_line(capsys, tmp_path):
    data = tmp_path / "gegevens.yaml"
    data.write_text("purpose: sportdag\naccounts: [Instagram]\nage: veertig\n", encoding="utf-8")
    code, _, err = run(capsys, "render", "consent_photo", "--protocol", "togtemaar", "--data", str(data))
    assert code == 1 and f"{data}:3: 'age'" in err
    data.write_text("purpose: sportdag\nonzin: 1\n", encoding="utf-8")
    code, _, err = run(capsys, "render", "consent_photo", "--protocol", "togtemaar", "--data", str(data))
    assert code == 1 and f"{data}:2: onbekende sleutel 'onzin'" in err
