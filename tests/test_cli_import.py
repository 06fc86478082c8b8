"""`smassist import`, `review`, `protocol add/export` as an ICT coordinator uses them."""

import json
from itertools import takewhile
from pathlib import Path

import pytest
import yaml

from smassist.cli import main

SEED = Path(__file__).parent / "data" / "seeds" / "001_beab779261fe3bec.txt"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path))
    return tmp_path


def _import(*extra):
    return main(["import", str(SEED), "--id", "onzeschool", *extra])


def test_import_writes_a_concept_and_prints_a_summary(home, capsys):
    assert _import() == 0
    out = capsys.readouterr()
    path = home / "data" / "protocols" / "onzeschool.yaml"
    data = yaml.safe_load(path.read_text())
    assert data["status"] == "concept"
    from smassist.core.catalog import load_catalog
    from smassist.core.paths import decision_trees_dir

    outcomes = sum(len(t.outcomes()) for t in load_catalog(decision_trees_dir()).trees.values())
    assert "30 gevonden" in out.out and f"{outcomes} opgesteld" in out.out and "smassist review onzeschool" in out.out
    assert len([r for o in data["rulings"].values() for r in o.values()]) == outcomes
    assert out.err == ""  # no terminal, nobody to show progress to: nothing but what matters
    assert all((folder.stat().st_mode & 0o777) == 0o700 for folder in (home / "data", path.parent))


def test_progress_on_a_terminal_is_one_line_rewritten_and_wiped(home, capsys, monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert _import() == 0
    err = capsys.readouterr().err
    assert "\n" not in err  # never a line of its own
    assert "… lezen" in err and "… uitspraken opstellen" in err  # shown while it works
    assert err.endswith("\r\033[K")  # and gone when the summary comes


def test_existing_id_asks_for_update_or_force(home, capsys):
    assert _import() == 0
    before = (home / "data" / "protocols" / "onzeschool.yaml").read_text()
    assert _import() == 1
    assert "--update" in capsys.readouterr().err
    assert (home / "data" / "protocols" / "onzeschool.yaml").read_text() == before
    assert _import("--force") == 0


def test_bad_document_is_one_line_and_leaves_nothing(home, tmp_path, capsys):
    bad = tmp_path / "protocol.docx"
    bad.write_text("geen word")
    assert main(["import", str(bad), "--id", "onzeschool"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("smassist:") and "Word" in err[0]
    assert not (home / "data" / "protocols").exists() or not list((home / "data" / "protocols").iterdir())


def test_answers_under_a_concept_carry_the_mark(home, capsys):
    _import()
    capsys.readouterr()
    args = ["ask", "befriend", "--protocol", "onzeschool", "--role", "staff", "--answer", "staff_with=pupil", "--answer", "staff_account=private", "--answer", "staff_urgent=nee"]
    assert main([*args, "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["concept"] is True and answer["concept_note"] == "concept – nog niet nagekeken"
    assert main(args) == 0
    assert "CONCEPT – NOG NIET NAGEKEKEN" in capsys.readouterr().out


def test_the_summary_names_the_articles_no_known_protocol_has(home, tmp_path, capsys):
    rule = "Het is medewerkers niet toegestaan om 'vrienden' te worden met leerlingen op sociale media."
    own = tmp_path / "eigen.txt"
    own.write_text(SEED.read_text(encoding="utf-8").replace(
        rule, rule + "\n7. Op woensdagmiddag is de gymzaal gesloten voor alle klassen en hun ouders."), encoding="utf-8")
    assert main(["import", str(SEED), "--id", "onzeschool"]) == 0
    assert "Nieuwe artikelen" not in capsys.readouterr().out
    assert main(["import", str(own), "--id", "eigen"]) == 0
    out = capsys.readouterr().out
    assert "Nieuwe artikelen, die geen bekend protocol heeft: A.7." in out


def test_review_saves_each_decision_and_ends_as_vastgesteld(home, capsys, monkeypatch):
    _import()
    path = home / "data" / "protocols" / "onzeschool.yaml"
    total = sum(e["review"]["state"] != "same" for o in yaml.safe_load(path.read_text())["rulings"].values() for e in o.values())
    assert total >= 2
    answers = iter(["a", "n", "s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["review", "onzeschool"]) == 0
    out = capsys.readouterr().out
    assert f"0 van {total} nagekeken" in out and f"2 van {total} nagekeken." in out
    data = yaml.safe_load(path.read_text())
    states = [e["review"]["state"] for o in data["rulings"].values() for e in o.values()]
    assert states.count("reviewed") == 2 and data["status"] == ("concept" if total > 2 else "vastgesteld")
    monkeypatch.setattr("builtins.input", lambda prompt="": "a")
    assert main(["review", "onzeschool"]) == 0
    data = yaml.safe_load(path.read_text())
    assert data["status"] == "vastgesteld"
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    assert "na te kijken" not in capsys.readouterr().out


def test_review_prints_the_known_article_above_the_new_one_with_the_changed_words_marked(home, tmp_path, capsys, monkeypatch):
    rule = "Het is medewerkers niet toegestaan om 'vrienden' te worden met leerlingen op sociale media."
    stricter = tmp_path / "strenger.txt"
    stricter.write_text(SEED.read_text(encoding="utf-8").replace(rule, rule.replace("te worden", "te worden of te volgen")), encoding="utf-8")
    assert main(["import", str(stricter), "--id", "onzeschool"]) == 0
    answers = iter(["s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    capsys.readouterr()
    assert main(["review", "onzeschool"]) == 0
    out = capsys.readouterr().out
    assert "[-…-] staat alleen in het bekende protocol, {+…+} alleen in dit protocol." in out
    lines = out.splitlines()
    known = next(i for i, line in enumerate(lines) if line.startswith("  Bekend protocol, ") and "artikel A." in line)
    assert lines[known + 2].startswith("  Dit protocol, artikel A.5:")
    assert "{+of te volgen+}" in lines[known + 3] and "[-" not in lines[known + 1]
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_validate_warns_about_unreviewed_rulings_without_failing(home, capsys):
    _import()
    capsys.readouterr()
    assert main(["validate", str(home / "data" / "protocols" / "onzeschool.yaml")]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if "waarschuwing" in line]
    # one line for the protocol, in a coordinator's words: no internal outcome ids, no English review states
    assert len(warnings) == 1, warnings
    assert "uitspraken nog na te kijken (" in warnings[0] and " met een verschil" in warnings[0]
    assert warnings[0].endswith("kijk ze na met: smassist review onzeschool")
    words = warnings[0].split("waarschuwing:", 1)[1]
    assert not any(word in words for word in ("changed", "(open", "/", "_"))


def test_protocol_add_refuses_a_concept_and_broken_files(home, tmp_path, capsys):
    out = tmp_path / "elders"
    out.mkdir()
    assert main(["import", str(SEED), "--id", "onzeschool", "-o", str(out / "onzeschool.yaml")]) == 0
    assert main(["protocol", "add", str(out / "onzeschool.yaml")]) == 1
    assert "concept" in capsys.readouterr().err
    broken = out / "kapot.yaml"
    broken.write_text("id: kapot\ntitle: [\n")
    assert main(["protocol", "add", str(broken)]) == 1
    assert "niet in orde" in capsys.readouterr().err
    assert main(["protocol", "add", str(out / "onzeschool.yaml"), "--concept"]) == 0
    assert (home / "data" / "protocols" / "onzeschool.yaml").exists()


def test_protocol_export_writes_the_file(home, tmp_path, capsys):
    target = tmp_path / "uit.yaml"
    assert main(["protocol", "export", "togtemaar", "-o", str(target)]) == 0
    assert yaml.safe_load(target.read_text())["id"] == "togtemaar"
    assert main(["protocol", "export", "togtemaar", "-o", str(target)]) == 1


def test_update_reports_changed_articles_and_keeps_reviews(home, tmp_path, capsys, monkeypatch):
    _import()
    monkeypatch.setattr("builtins.input", lambda prompt="": "a")
    main(["review", "onzeschool"])
    newer = tmp_path / "nieuw.txt"
    newer.write_text(SEED.read_text().replace("contact op met zijn/haar leidinggevende.", "contact op met de directeur."))
    capsys.readouterr()
    assert main(["import", str(newer), "--id", "onzeschool", "--update", "onzeschool"]) == 0
    out = capsys.readouterr().out
    assert "Gewijzigde artikelen (1): B.3" in out
    assert "29 woordelijk gelijk" in out  # the school's own name is no difference between two versions
    data = yaml.safe_load((home / "data" / "protocols" / "onzeschool.yaml").read_text())
    befriend = data["rulings"]["befriend"]["staff_pupil_private"]
    assert befriend["review"]["state"] == "reviewed"  # cites A.5 only: unchanged, keeps its review
    touched = [e for o in data["rulings"].values() for e in o.values() if "B.3" in e["cites"]]
    assert touched and all(e["review"]["state"] == "changed" for e in touched)
    # the review sets the old wording above the new one, the changed words marked
    answers = iter(["s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    capsys.readouterr()
    assert main(["review", "onzeschool"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  [-…-] staat alleen in de vorige versie, {+…+} alleen in dit protocol." in lines
    assert any(line.endswith("(uit de vorige versie van dit protocol)") for line in lines if line.startswith("Status: "))
    old = lines.index("  Vorige versie, artikel B.3:")
    assert "[-zijn/haar leidinggevende-]." in " ".join(lines[old + 1:old + 3])
    new = lines.index("  Dit protocol, artikel B.3:")
    assert "{+de directeur+}." in " ".join(lines[new + 1:new + 3])


def test_lists_and_comparisons_show_the_concept(home, capsys):
    _import()
    capsys.readouterr()
    assert main(["protocols"]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("onzeschool"))
    assert "concept" in line and "nagekeken" in line
    args = ["compare", "befriend", "--role", "staff", "--answer", "staff_with=pupil", "--answer", "staff_account=private", "--answer", "staff_urgent=nee"]
    assert main([*args, "--format", "json"]) == 0
    rows = {row["protocol"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["onzeschool"]["concept"] is True and rows["togtemaar"]["concept"] is False


def test_password_pdf_and_too_many_passages(home, tmp_path, capsys):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("geheim")
    locked = tmp_path / "beveiligd.pdf"
    with locked.open("wb") as stream:
        writer.write(stream)
    assert main(["import", str(locked), "--id", "onzeschool"]) == 1
    assert "wachtwoord" in capsys.readouterr().err
    many = tmp_path / "wetboek.txt"
    chapters = [f"{c}. Hoofdstuk\n\n" + "\n".join(f"{n}. De medewerker doet dit niet en dat wel, punt {n}." for n in range(1, 51))
                for c in range(1, 41)]
    many.write_text("\n\n".join(chapters))
    assert main(["import", str(many), "--id", "onzeschool"]) == 1
    assert "passages" in capsys.readouterr().err


def test_review_adds_situations_that_came_after_the_import(home, capsys, monkeypatch):
    _import()
    path = home / "data" / "protocols" / "onzeschool.yaml"
    data = yaml.safe_load(path.read_text())
    del data["rulings"]["befriend"]["staff_pupil_private"]  # as if the app gained this situation later
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    monkeypatch.setattr("builtins.input", lambda prompt="": "s")
    capsys.readouterr()
    assert main(["review", "onzeschool"]) == 0
    assert "1 nieuwe situatie" in capsys.readouterr().out
    added = yaml.safe_load(path.read_text())["rulings"]["befriend"]["staff_pupil_private"]
    assert added["review"]["state"] == "open" and added["verdict"] == "not_regulated" and list(added["cites"]) == ["B.3"]


@pytest.mark.parametrize("extra", [["--force"], ["--update", "togtemaar"], []])
def test_a_bundled_protocol_is_never_replaced(home, tmp_path, capsys, extra):
    assert main(["import", str(SEED), "--id", "togtemaar", *extra]) == 1
    err = capsys.readouterr().err
    assert "meegeleverde protocol van Togtemaarschool" in err and "kies een andere --id" in err and len(err.splitlines()) == 1
    assert not (home / "data" / "protocols" / "togtemaar.yaml").exists()
    exported = tmp_path / "togtemaar.yaml"
    assert main(["protocol", "export", "togtemaar", "-o", str(exported)]) == 0
    assert main(["protocol", "add", str(exported), "--force"]) == 1
    assert main(["protocols"]) == 0
    assert "Togtemaarschool" in capsys.readouterr().out
    assert not (home / "data" / "protocols" / "togtemaar.yaml").exists()


def test_review_edit_shows_and_takes_the_dutch_verdicts(home, capsys, monkeypatch):
    _import()
    prompts = []
    answers = iter(["b", "dat mag", "mag niet", "Nee, dat mag niet.", "", "s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": prompts.append(prompt) or next(answers))
    assert main(["review", "onzeschool"]) == 0
    out = capsys.readouterr().out
    assert any(p.startswith("Oordeel (") for p in prompts)
    choices = " ".join(out.split())  # the choices stand above the prompt, wrapped at the terminal's width
    assert "Oordeel: 1 Toegestaan / 2 Toegestaan, mits" in choices and "4 Niet toegestaan" in choices
    assert "Onbekend oordeel 'dat mag'" in out and "allowed" not in out
    data = yaml.safe_load((home / "data" / "protocols" / "onzeschool.yaml").read_text())
    edited = [e for o in data["rulings"].values() for e in o.values() if e["review"]["state"] == "reviewed"]
    assert [(e["verdict"], e["answer"]) for e in edited] == [("not_allowed", "Nee, dat mag niet.")]


def test_a_verdict_id_is_still_taken():
    from smassist.cli_review import verdict_choice

    assert [verdict_choice(v) for v in ("allowed_if", "Toegestaan, mits", "2", "8")] == ["allowed_if"] * 3 + [None]


def test_review_names_only_the_concepts_that_can_be_reviewed(home, capsys):
    assert main(["review", "nietbestaand"]) == 1
    err = capsys.readouterr().err
    assert "smassist import" in err and "togtemaar" not in err
    assert main(["review", "togtemaar"]) == 1  # bundled: already reviewed, and its file is not the user's
    assert "meegeleverd" in capsys.readouterr().err
    _import()
    capsys.readouterr()
    assert main(["review", "nietbestaand"]) == 1
    err = capsys.readouterr().err
    assert "na te kijken: onzeschool" in err and "togtemaar" not in err and len(err.splitlines()) == 1


def test_review_alle_walks_the_carried_rulings_too_and_saves_a_changed_one_at_once(home, capsys, monkeypatch):
    _import()
    path = home / "data" / "protocols" / "onzeschool.yaml"
    data = yaml.safe_load(path.read_text())
    entries = [(t, o, e) for t, outs in data["rulings"].items() for o, e in outs.items()]
    total = sum(e["review"]["state"] != "same" for _, _, e in entries)
    first_same = next(i for i, (_, _, e) in enumerate(entries) if e["review"]["state"] == "same" and e["verdict"] != "not_regulated")
    tree, outcome, carried = entries[first_same]
    # skip up to the first carried ruling, then mark it not regulated and stop
    answers = iter(["o"] * first_same + ["n", "s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["review", "onzeschool", "--alle"]) == 0
    out = capsys.readouterr().out
    assert f"0 van {total} nagekeken · uitspraak 1 van {len(entries)}" in out
    assert "Status: gelijk overgenomen" in out
    saved = yaml.safe_load(path.read_text())["rulings"][tree][outcome]
    assert carried["verdict"] != "not_regulated" and saved["verdict"] == "not_regulated"
    assert saved["review"]["state"] == "reviewed"
    # the progress still counts only what the import asked to review
    assert f"0 van {total} nagekeken." in out
    from smassist.core.protocol_file import read_protocol

    protocol, problems = read_protocol(path)
    assert problems == [] and protocol.review_progress() == (0, total)


def test_review_of_a_fully_reviewed_protocol_says_how_to_change_a_ruling(home, capsys, monkeypatch):
    _import()
    monkeypatch.setattr("builtins.input", lambda prompt="": "a")
    assert main(["review", "onzeschool"]) == 0
    capsys.readouterr()
    assert main(["review", "onzeschool"]) == 0
    assert "smassist review onzeschool --alle" in capsys.readouterr().out


def test_review_edit_asks_for_the_steps_a_stappenplan_needs_and_never_saves_one_without(home, capsys, monkeypatch):
    _import()
    path = home / "data" / "protocols" / "onzeschool.yaml"
    before = path.read_text()
    # first: Stappenplan without a step, asked twice, then refused before the answer is asked (nothing written)
    answers = iter(["b", "stappen", "", "", "s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["review", "onzeschool"]) == 0
    out = capsys.readouterr().out
    assert "Nodig: het oordeel 'Stappenplan' heeft minstens één stap nodig" in out
    assert "Niet opgeslagen: het oordeel 'Stappenplan' heeft minstens één stap nodig" in out
    assert path.read_text() == before
    prompts = []
    answers = iter(["b", "stappen", "Bel de ouders", "Meld het bij de directeur", "", "Volg de stappen.", "", "s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": prompts.append(prompt) or next(answers))
    assert main(["review", "onzeschool"]) == 0
    assert any(p.startswith("Stap 1 (lege regel = klaar") for p in prompts)
    edited = [e for o in yaml.safe_load(path.read_text())["rulings"].values() for e in o.values() if e["review"]["state"] == "reviewed"]
    assert [(e["verdict"], [s["text"] for s in e["steps"]]) for e in edited] == [("steps", ["Bel de ouders", "Meld het bij de directeur"])]
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0


MODEL = Path(__file__).parent / "data" / "seeds" / "004_91a0beae3eaf03ea.txt"  # the model text with '[naam school]'


def test_a_model_text_shows_the_school_named_at_the_import_and_the_profile_hint_says_how_to_set_it(home, capsys):
    from smassist.core.catalog_sources import load_user_catalog

    assert main(["import", str(MODEL), "--id", "dewaaier", "--school-name", "De Waaier"]) == 0
    out = capsys.readouterr().out
    assert "toont smassist 'De Waaier'" in out and "Schoolnaam herkend" not in out  # the name is not in the text
    # the name typed at the import is in the protocol; the hint says why the profile needs it as well
    hint = next(line for line in out.splitlines() if "profile set" in line)
    assert "nemen de schoolnaam uit je schoolprofiel, niet uit het protocol" in hint
    assert hint.endswith('Zet \'De Waaier\' daar ook in: smassist profile set school_name "De Waaier"')
    assert "nog geen schoolnaam (voor" not in out
    protocol = load_user_catalog().protocols["dewaaier"]
    # a colleague without a profile sees the school's name, not "de school"
    modelled = next(a.text for a in protocol.articles.values() if "[naam school]" in a.text)
    assert "De Waaier" in protocol.fill(modelled, {}) and "[naam school]" not in protocol.fill(modelled, {})
    assert protocol.organisation == "De Waaier"
    assert main(["profile", "set", "school_name", "De Waaier"]) == 0
    capsys.readouterr()
    assert main(["import", str(MODEL), "--id", "zonder"]) == 0
    out = capsys.readouterr().out
    assert "--school-name" in out and "profile set" not in out  # the profile has a name now
    assert load_user_catalog().protocols["zonder"].organisation == "Protocol Sociale Media"  # no '[naam school]' left in it


def test_review_zoek_finds_the_rulings_of_one_situation(home, capsys, monkeypatch):
    _import()
    monkeypatch.setattr("builtins.input", lambda prompt="": "o")  # skip each one: every match is shown
    assert main(["review", "onzeschool", "--alle", "--zoek", "VRIENDEN leraar"]) == 0
    out = capsys.readouterr().out
    # a situation wrapped over lines: what follows a wrap is two spaces in
    situations = [" ".join(takewhile(lambda line: line.startswith("  "), block.split("\n")[1:])) + block.split("\n")[0]
                  for block in out.split("\nSituatie:")[1:]]
    assert len(situations) >= 2 and all("vrienden" in line.lower() and "leraar" in line for line in situations)
    assert " · uitspraak 1 van " in out
    assert main(["review", "onzeschool", "--zoek", "bestaatnietxyz"]) == 0
    assert "smassist review onzeschool --alle --zoek" in capsys.readouterr().out


def test_review_says_in_one_line_when_the_file_cannot_be_saved(home, capsys, monkeypatch):
    import errno

    _import()
    path = home / "data" / "protocols" / "onzeschool.yaml"
    before = path.read_text()

    def read_only(target, text):  # a read-only shared drive (chmod does not stop root)
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr("smassist.core.importing.review.write_atomic", read_only)
    answers = iter(["a", "s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["review", "onzeschool"]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("Niet opgeslagen:")] == [
        f"Niet opgeslagen: {path} kan niet worden opgeslagen (Permission denied); controleer of je in die map mag schrijven."]
    assert path.read_text() == before


def test_review_wraps_every_line_between_words_at_the_terminal_width(home, capsys, monkeypatch):
    assert _import() == 0
    monkeypatch.setenv("COLUMNS", "60")
    answers = iter(["b", "", "", "", "s"])  # edit: keep the verdict, answer and explanation; then stop
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    capsys.readouterr()
    assert main(["review", "onzeschool", "--alle"]) == 0
    out = capsys.readouterr().out
    assert all(len(line) <= 60 for line in out.splitlines()), max(out.splitlines(), key=len)
    data = yaml.safe_load((home / "data" / "protocols" / "onzeschool.yaml").read_text())
    tree, ruled = next(iter(data["rulings"].items()))
    entry = next(iter(ruled.values()))
    # every word whole: read word by word, the output holds the answer and its situation as they are
    words = " ".join(out.split())
    assert " ".join(entry["answer"].split()) in words
    assert "Oordeel: 1 Toegestaan / 2 Toegestaan, mits" in words and "5 Niet geregeld in dit protocol" in words
