"""Every bad input a school's files or a curious pupil can produce: one clear Dutch line, exit 1, never a hang.

One test per class of input that once ended in a traceback or a hang (issue
10). Most run the real entry point in-process (`smassist.cli.main`); inputs that
used to hang (a FIFO, /dev/zero, a 2 GiB file) run as a subprocess with a
timeout, so a regression fails instead of blocking the suite.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from smassist.cli import main
from smassist.core.problems import DataError, Problem
from tests.test_cli import smassist

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
DEEP = 500


def cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str, *expected: str) -> str:
    """stderr is exactly one line, no traceback, holding every expected piece."""
    assert "Traceback" not in err and "Error:" not in err, err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    for piece in expected:
        assert piece in err, (piece, err)
    assert "<unicode string>" not in err
    return err


@pytest.fixture
def school(isolated_home):
    """A profile that lets consent_photo render, so the data file is what is judged."""
    config = isolated_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "profile.yaml").write_text(
        "school_name: De Regenboog\nschool_leader: A. Jansen\nfunction: docent\n", encoding="utf-8")
    return config / "profile.yaml"


def render_data(capsys, data: Path, *more: str):
    return cli(capsys, "render", "consent_photo", "--protocol", "quadraam", "--data", str(data), *more)


# -- YAML aliases ("billion laughs") ---------------------------------------------------------


def test_aliases_in_the_profile_are_refused_naming_file_and_line(capsys, school):
    school.write_text("school_name: &naam De Regenboog\nboard: *naam\n", encoding="utf-8")
    code, _, err = cli(capsys, "profile", "show")
    assert code == 1
    one_line(err, f"{school}:1:", "ankers (&) en verwijzingen (*)")


def test_a_billion_laughs_data_file_is_refused_at_once(capsys, school, tmp_path):
    data = tmp_path / "gegevens.yaml"
    data.write_text(LAUGHS + "purpose: x\n", encoding="utf-8")
    code, _, err = render_data(capsys, data)
    assert code == 1
    one_line(err, f"{data}:1:", "ankers")


def test_a_billion_laughs_protocol_is_an_error_not_a_hang(capsys, tmp_path):
    protocol = tmp_path / "lachen.yaml"
    protocol.write_text(LAUGHS, encoding="utf-8")
    code, out, _ = cli(capsys, "validate", str(protocol))
    assert code == 1
    assert re.search(rf"^{re.escape(str(protocol))}:\d+: YAML-fout: de verwijzingen \(\*\) maken het bestand te groot",
                     out, re.MULTILINE), out


@pytest.mark.parametrize("text", [
    "a: &a {b: c}\n? *a\n: d\n",  # an alias as a mapping key
    "a: &a [1, *a]\n",  # an alias inside its own anchor
])
def test_aliases_that_no_protocol_needs_are_refused_even_where_aliases_are_allowed(capsys, tmp_path, text):
    protocol = tmp_path / "raar.yaml"
    protocol.write_text(text, encoding="utf-8")
    code, out, _ = cli(capsys, "validate", str(protocol))
    assert code == 1
    assert f"{protocol}:" in out and "YAML-fout" in out


def test_walk_and_scenario_files_refuse_aliases(capsys, school, tmp_path):
    walk = tmp_path / "route.yaml"
    walk.write_text("tree: &t photo\nprotocol: quadraam\nrole: staff\nanswers: {}\nsub: *t\n", encoding="utf-8")
    code, _, err = cli(capsys, "render", "consent_photo", "--walk", str(walk))
    assert code == 1
    one_line(err, f"{walk}:1:", "ankers")
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "geval.yaml").write_text("- &x {name: a}\n- *x\n", encoding="utf-8")
    code, out, _ = cli(capsys, "scenarios", str(folder))
    assert code == 1 and f"{folder / 'geval.yaml'}:1: YAML-fout: ankers" in out


# -- deep nesting ----------------------------------------------------------------------------


def test_deep_yaml_is_an_error_in_validate_and_profile(capsys, school, tmp_path):
    deep = "a: " + "[" * DEEP + "]" * DEEP + "\n"
    protocol = tmp_path / "diep.yaml"
    protocol.write_text(deep, encoding="utf-8")
    code, out, _ = cli(capsys, "validate", str(protocol))
    assert code == 1 and f"{protocol}:1: YAML-fout: te diep genest" in out
    school.write_text(deep, encoding="utf-8")
    code, _, err = cli(capsys, "profile", "show")
    assert code == 1
    one_line(err, f"{school}:1:", "te diep genest")


def test_deep_json_is_an_error_in_render_walk_and_data(capsys, school, tmp_path):
    deep = tmp_path / "diep.json"
    deep.write_text('{"tree": ' + "[" * DEEP + "]" * DEEP + "}", encoding="utf-8")
    code, _, err = cli(capsys, "render", "consent_photo", "--walk", str(deep))
    assert code == 1
    one_line(err, f"{deep}:1:", "te diep genest")
    code, _, err = render_data(capsys, deep)
    assert code == 1
    one_line(err, "te diep genest")


# -- encoding and control characters ---------------------------------------------------------


def test_invalid_utf8_names_the_line_not_a_byte(capsys, school, tmp_path):
    data = tmp_path / "gegevens.yaml"
    data.write_bytes(b"purpose: Schoolgids\naccounts: [Website]\npupil_name: Ren\xe9\n")
    code, _, err = render_data(capsys, data)
    assert code == 1
    one_line(err, f"{data}:3:", "UTF-8")
    assert "byte" not in err


def test_a_control_character_is_one_line_naming_file_and_line(capsys, school, tmp_path):
    data = tmp_path / "gegevens.yaml"
    data.write_text("purpose: Schoolgids\naccounts: [Web\x07site]\n", encoding="utf-8")
    code, _, err = render_data(capsys, data)
    assert code == 1
    one_line(err, f"{data}:2:", "stuurteken (U+0007)")


# -- special and huge files ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_as_profile_or_data_is_refused_not_waited_on(tmp_path):
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    os.mkfifo(home / "config" / "profile.yaml")
    out = smassist("profile", "show", env={"SMASSIST_HOME": str(home)})
    assert out.returncode == 1
    one_line(out.stderr, "profile.yaml", "geen gewoon bestand")
    os.mkfifo(tmp_path / "gegevens.yaml")
    out = smassist("render", "incident_form", "--protocol", "quadraam", "--data", str(tmp_path / "gegevens.yaml"),
                   env={"SMASSIST_HOME": str(tmp_path / "leeg")})
    assert out.returncode == 1
    one_line(out.stderr, "gegevens.yaml", "geen gewoon bestand")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_and_a_2_gib_file_are_refused(tmp_path):
    folder = tmp_path / "protocollen"
    folder.mkdir()
    zero = folder / "nul.yaml"
    zero.symlink_to("/dev/zero")
    huge = tmp_path / "groot.json"
    with open(huge, "wb") as handle:
        handle.truncate(2 * 1024 ** 3)  # sparse: costs no disk
    env = {"SMASSIST_HOME": str(tmp_path / "home")}
    out = smassist("validate", str(folder), env=env)
    assert out.returncode == 1 and f"{zero}: dit is geen gewoon bestand" in out.stdout, out.stderr
    assert "Traceback" not in out.stderr
    out = smassist("render", "incident_form", "--protocol", "quadraam", "--walk", str(huge), env=env)
    assert out.returncode == 1
    one_line(out.stderr, "groot.json", "te groot (2,0 GB")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_adding_a_fifo_or_a_folder_as_protocol_says_what_it_is(capsys, tmp_path):
    os.mkfifo(tmp_path / "pijp.yaml")
    code, _, err = cli(capsys, "protocol", "add", str(tmp_path / "pijp.yaml"))
    assert code == 1
    one_line(err, "pijp.yaml: dit is geen gewoon bestand")
    code, _, err = cli(capsys, "protocol", "add", str(tmp_path))
    assert code == 1
    one_line(err, "dit is een map")


def test_a_folder_as_data_file_is_refused(capsys, school, tmp_path):
    code, _, err = render_data(capsys, tmp_path)
    assert code == 1
    one_line(err, "een map")


# -- numbers and paths -----------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("validate", "{long}"),
    ("scenarios", "{long}"),
    ("render", "consent_photo", "--protocol", "quadraam", "--data", "{long}"),
    ("render", "incident_form", "--protocol", "quadraam", "-o", "{long}"),
    ("protocol", "add", "{long}"),
    ("protocol", "export", "quadraam", "-o", "{long}"),
])
def test_a_5000_character_path_is_one_line(capsys, school, tmp_path, args):
    long = str(tmp_path / ("x" * 5000 + ".yaml"))
    code, _, err = cli(capsys, *(a.replace("{long}", long) for a in args))
    assert code == 1
    one_line(err)
    assert len(err) < 400  # the path is shortened in the message, not printed whole


def test_an_incident_number_beyond_any_register_is_not_found(capsys):
    code, _, err = cli(capsys, "incidents", "show", "9" * 20)
    assert code == 1  # a well-formed number that names no incident, like 42 (tests/test_incidents_damage.py)
    one_line(err, "bestaat niet")


def test_an_infinite_cursor_in_a_walk_file_is_an_error(capsys, school, tmp_path):
    walk = tmp_path / "route.yaml"
    walk.write_text("tree: photo\nprotocol: quadraam\nrole: staff\nanswers: {}\ncursor: .inf\n", encoding="utf-8")
    code, _, err = cli(capsys, "render", "consent_photo", "--walk", str(walk))
    assert code == 1
    one_line(err, str(walk), "beschadigd")


# -- messages about --data name the file and the line ------------------------------------------


@pytest.mark.parametrize(("text", "line", "what"), [
    ("purpose: x\naccounts: [y]\nrecipient: [1, 2]\n", 3, "'recipient'"),
    ("purpose: x\naccounts: [y]\nage: twaalf\n", 3, "getal"),
    ("purpose: x\nacounts: [y]\n", 2, "onbekende sleutel 'acounts'"),
    ("purpose: x\naccounts: [y]\narticles: [99.99]\n", 3, "artikel '99.99'"),
    # YAML's own errors, in Dutch
    ("purpose: x\naccounts: [a, b\n", 3, "YAML-fout: in deze […]-lijst: hier hoort een komma of ]"),
    ("purpose: 'x\n", 2, "voordat de tekst is afgesloten"),
    ("purpose: x\naccounts:\n  - y\n z: 1\n", 4, "hier hoort een sleutel"),
])
def test_data_errors_name_file_and_line(capsys, school, tmp_path, text, line, what):
    data = tmp_path / "gegevens.yaml"
    data.write_text(text, encoding="utf-8")
    code, _, err = render_data(capsys, data)
    assert code == 1
    one_line(err, f"{data}:{line}:", what)


def test_a_value_missing_from_the_data_names_the_file(capsys, school, tmp_path):
    data = tmp_path / "gegevens.json"
    data.write_text(json.dumps({"accounts": ["Website"]}), encoding="utf-8")
    code, _, err = render_data(capsys, data)
    assert code == 1
    one_line(err, f"{data}: ", "purpose")


def test_the_bundled_data_loads_with_its_shared_rulings(catalog):
    """The bundled protocols share rulings through YAML anchors: they must stay loadable and valid."""
    assert catalog.problems == []
    assert len(catalog.protocols) >= 5



@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_special_and_huge_files_in_the_users_protocol_folder_never_stop_the_catalog(tmp_path):
    home = tmp_path / "home"
    folder = home / "data" / "protocols"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pijp.yaml")
    (folder / "nul.yaml").symlink_to("/dev/zero")
    with open(folder / "groot.yaml", "wb") as handle:
        handle.truncate(2 * 1024 ** 3)
    out = smassist("protocols", env={"SMASSIST_HOME": str(home)})
    assert out.returncode == 0 and "quadraam" in out.stdout
    assert "Traceback" not in out.stderr
    out = smassist("validate", env={"SMASSIST_HOME": str(home)})
    assert "groot.yaml: het bestand is te groot" in out.stdout


@pytest.mark.parametrize("change", [
    ("        outcome: end_q\n", "        outcome:\n"),  # an option that leads nowhere
    ("        outcome: end_q\n", "        next: second\n"),  # a cycle: second → third → second
])
def test_a_broken_tree_is_reported_not_walked_into_a_traceback(capsys, mini, change):
    tree = mini / "walk.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    code, out, err = cli(capsys, "validate", str(mini))
    assert code == 1 and f"{tree}:" in out
    assert re.fullmatch(r"(1 probleem|[2-9]\d* problemen) gevonden\.\n", one_line(err, " gevonden")), err



@pytest.mark.parametrize("error", [
    OSError(13, "Permission denied", "/media/stick/verslag.pdf"),
    DataError([Problem(Path("x.yaml"), 3, "kapot")]),
])
def test_any_file_error_a_command_lets_through_is_one_line(capsys, monkeypatch, error):
    """The CLI's last net: a file problem no command caught still ends in one Dutch line, exit 1."""
    def broken(args):
        raise error

    monkeypatch.setattr("smassist.cli.cmd_protocols", broken)
    code, _, err = cli(capsys, "protocols")
    assert code == 1
    one_line(err, "verslag.pdf: geen toegang" if isinstance(error, OSError) else "x.yaml:3: kapot")


def word_file(path: Path, xml: bytes) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
    return path


W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def test_a_word_file_with_a_zip_bomb_or_an_odd_list_level_is_one_line(capsys, tmp_path):
    bomb = word_file(tmp_path / "bom.docx", W + b" " * (64 * 1024 * 1024) + b"</w:body></w:document>")
    code, _, err = cli(capsys, "import", str(bomb), "--id", "bom", "-o", str(tmp_path / "bom.yaml"))
    assert code == 1
    assert err.splitlines()[-1].endswith("te groot voor een protocol; kies het juiste bestand")
    level = word_file(tmp_path / "niveau.docx", W + b'<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/>'
                      b"</w:numPr></w:pPr><w:r><w:t>Artikel 1</w:t></w:r></w:p></w:body></w:document>")
    code, _, err = cli(capsys, "import", str(level), "--id", "niveau", "-o", str(tmp_path / "niveau.yaml"))
    assert code == 1 and "Traceback" not in err
    assert [line for line in err.splitlines() if not line.startswith("… ")][0].startswith("smassist: ")


@pytest.mark.parametrize("damage", ["deep", "fifo", "list"])
def test_a_damaged_document_draft_is_kept_aside_and_told_once(damage):
    from smassist.core.documents.drafts import draft_file, load_document_draft

    path = draft_file("consent_photo")
    path.parent.mkdir(parents=True)
    if damage == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are a POSIX thing")
        os.mkfifo(path)
    else:
        path.write_text("[" * 5000 + "]" * 5000 if damage == "deep" else '["Sanne"]', encoding="utf-8")
    notices: list[str] = []
    assert load_document_draft("consent_photo", notices) == {}
    [aside] = [p for p in path.parent.iterdir() if p.name.startswith("consent_photo.beschadigd-")]
    assert len(notices) == 1 and aside.name in notices[0]
    assert not os.path.lexists(path)
    again: list[str] = []
    assert load_document_draft("consent_photo", again) == {} and again == []


def test_a_word_file_whose_compressed_text_is_damaged_is_one_line(capsys, tmp_path):
    """Found by bench/fuzz.py: zlib's own error escaped the Word reader."""
    damaged = Path(__file__).parent / "data" / "bad_input" / "zlib-fout.docx"
    code, _, err = cli(capsys, "import", str(damaged), "--id", "kapot", "-o", str(tmp_path / "kapot.yaml"))
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[-1].endswith("dit is geen geldig Word-bestand (.docx); open het in Word en sla het "
                                         "opnieuw op als .docx")
