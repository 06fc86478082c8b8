"""Subcommands for ICT coordinators: import a school's protocol, add and export protocol files (review: cli_review)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from smassist.cli import UserError, _catalog, _lookup, _path_kind, write_output

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise UserError(f"'{value}' is geen geldige protocol-id; gebruik kleine letters, cijfers en '-', bijvoorbeeld 'onzeschool'")
    return value


def _bundled(protocol) -> bool:
    from smassist.core.paths import is_bundled

    return protocol is not None and is_bundled(protocol.path)


def _not_bundled(protocol) -> None:
    """A protocol that comes with smassist is never replaced by a file of the user's: a teacher would lose it."""
    if _bundled(protocol):
        raise UserError(f"'{protocol.id}' is de id van het meegeleverde protocol van {protocol.organisation}; "
                        "kies een andere --id, bijvoorbeeld de naam van je school")


def cmd_import(args: argparse.Namespace) -> int:
    from smassist.core.importing.pipeline import import_document, to_yaml, write_atomic
    from smassist.core.importing.read import ImportProblem
    from smassist.core.paths import user_protocols_dir

    protocol_id = _check_id(args.id)
    target = Path(args.output) if args.output else user_protocols_dir() / f"{protocol_id}.yaml"
    if args.output and target.stem != protocol_id:
        raise UserError(f"de bestandsnaam moet {protocol_id}.yaml zijn (gelijk aan --id)")
    catalog = _catalog(args)
    existing = catalog.protocols.get(protocol_id)
    _not_bundled(existing)
    if args.update and args.update != protocol_id:
        raise UserError(f"--update {args.update} hoort bij --id {args.update}; geef dezelfde id")
    if (target.exists() or existing is not None) and not (args.force or args.update):
        raise UserError(f"protocol '{protocol_id}' bestaat al; gebruik --update {protocol_id} voor een nieuwe versie of --force om het te vervangen")
    if args.update and existing is None:
        raise UserError(f"er is geen protocol '{protocol_id}' om bij te werken; laat --update weg")
    sources = [existing] if args.update else [p for p in catalog.protocols.values() if p.id != protocol_id and not p.is_draft]
    path = Path(args.path)

    # Progress is one line on a terminal, rewritten per step and wiped when done, so an error stays the
    # one line it is; without a terminal (a script, a log) there is nobody to show it to.
    live = sys.stderr.isatty()

    def progress(step: str) -> None:
        if live:
            print(f"\r\033[K… {step}", end="", file=sys.stderr, flush=True)

    try:
        result = import_document(path, protocol_id, list(catalog.trees.values()), sources,
                                 organisation=args.organisation or (existing.organisation if args.update else None),
                                 school_name=args.school_name, progress=progress)
    except ImportProblem as exc:
        raise UserError(str(exc)) from None
    finally:
        if live:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    if args.update:
        from smassist.core.importing.update import keep_reviews, impact_report

        keep_reviews(result, existing)
        report = impact_report(result, existing)
    write_atomic(target, to_yaml(result.data))
    _summary(result, target, args.school_name or args.organisation)
    if args.update:
        print()
        print(report)
    return 0


def _summary(result, target: Path, given: str | None = None) -> None:
    """What was found and drafted, and what is left to do; given: the name typed with --school-name or --organisation."""
    articles = result.article_counts()
    rulings = result.ruling_counts()
    total = len(result.rulings)
    print(f"Concept-protocol geschreven: {target}")
    placeholder = result.data.get("placeholders", {}).get("[naam school]") or result.data.get("placeholders", {}).get("[Naam school]")
    if placeholder:
        shown = placeholder["default"]
        print(f"Modelprotocol: waar de tekst [naam school] zegt, toont smassist '{shown}' of de schoolnaam uit het schoolprofiel"
              + ("" if shown.lower() != "de school" else "; lees opnieuw in met --school-name \"NAAM\" --force voor de naam van je school"))
    elif result.school:
        print(f"Schoolnaam herkend: {result.school}")
    print(f"Artikelen: {len(result.segmented.articles)} gevonden — {articles['gelijk']} woordelijk gelijk aan een bekend protocol, "
          f"{articles['anders']} anders, {articles['nieuw']} nieuw")
    print(f"Uitspraken: {total} opgesteld — {rulings['same']} gelijk overgenomen, {rulings['changed']} met een verschil, "
          f"{rulings['open']} open, {rulings['reviewed']} al nagekeken")
    new = [article_id for article_id, match in result.matches.items() if match.state == "nieuw"]
    if new:
        # a ruling carried 'same' rests on text a known protocol has; these it never weighed
        print(f"Nieuwe artikelen, die geen bekend protocol heeft: {', '.join(new)}. Een gelijk overgenomen "
              "uitspraak houdt daar geen rekening mee: lees na bij welke situaties ze horen.")
    _profile_hint(given or result.school)
    left = rulings["changed"] + rulings["open"]
    if left:
        print(f"Nog na te kijken: {left}. Start: smassist review {result.protocol_id}")


def _profile_hint(name: str | None) -> None:
    """Documents and the app take the school's name from the profile: say how to set it when it is empty."""
    from smassist.core.problems import DataError
    from smassist.core.profile import load_profile

    try:
        profile = load_profile()
    except DataError:
        return  # a broken profile is reported by 'smassist profile show'
    if profile.school_name:
        return
    # the name given at the import went into this protocol only; a letter or form takes it from the profile
    why = "Brieven en formulieren (documenten) nemen de schoolnaam uit je schoolprofiel, niet uit het protocol"
    if name:
        print(f"{why}, en je schoolprofiel heeft nog geen schoolnaam. Zet '{name}' daar ook in: smassist profile set school_name \"{name}\"")
    else:
        print(f"{why}, en je schoolprofiel heeft nog geen schoolnaam. Zet die erin: smassist profile set school_name \"NAAM\"")


def cmd_protocol_add(args: argparse.Namespace) -> int:
    from smassist.core.catalog import load_catalog
    from smassist.core.importing.pipeline import write_atomic
    from smassist.core.paths import decision_trees_dir, templates_dir, user_protocols_dir
    from smassist.core.problems import count_problems

    path = Path(args.file)
    kind = _path_kind(path)
    if kind != "file":
        raise UserError(f"{path}: " + {"missing": "bestand niet gevonden", "dir": "dit is een map; geef een bestand"}.get(
            kind, "dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of een pijp); geef een gewoon bestand"))
    if path.suffix != ".yaml":
        raise UserError(f"{path}: een protocolbestand eindigt op .yaml; importeer een document met 'smassist import'")
    catalog = load_catalog(decision_trees_dir(), templates_dir(), protocols=[path])
    problems = catalog.problems_in(path)
    if problems or path.stem not in catalog.protocols:
        first = problems[0] if problems else f"{path}: geen bruikbaar protocol"
        raise UserError(f"dit protocol is niet in orde en is niet toegevoegd: {first} ({count_problems(len(problems))}; zie 'smassist validate {path}')")
    protocol = catalog.protocols[path.stem]
    if protocol.is_draft and not args.draft:
        done, total = protocol.review_progress()
        raise UserError(f"dit is een concept ({done} van {total} uitspraken nagekeken); kijk het eerst na met 'smassist review' of voeg het toe met --concept")
    _not_bundled(_catalog(args).protocols.get(protocol.id))
    target = user_protocols_dir() / path.name
    if target.exists() and not args.force:
        raise UserError(f"protocol '{protocol.id}' is al toegevoegd; gebruik --force om het te vervangen")
    write_atomic(target, _user_text(path))
    print(f"Toegevoegd: {protocol.organisation} ({protocol.id}) → {target}")
    return 0


def cmd_protocol_export(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    protocol = _lookup(catalog.protocol, args.protocol)
    target = Path(args.output) if args.output else Path.cwd() / f"{protocol.id}.yaml"
    if _path_kind(target) == "dir":
        target = target / f"{protocol.id}.yaml"
    write_output(target, _user_text(protocol.path), args.force)
    mark = " (concept: nog niet nagekeken)" if protocol.is_draft else ""
    print(f"Geschreven: {target}{mark}")
    return 0


def _user_text(path: Path) -> str:
    from smassist.core.problems import DataError
    from smassist.core.user_files import read_text

    try:
        return read_text(path)
    except DataError as exc:
        raise UserError(str(exc.problems[0])) from None


def register(sub) -> None:
    p = sub.add_parser("import", help="lees het protocol van je school (.txt, .md, .docx, .pdf) in als concept")
    p.add_argument("path", metavar="BESTAND", help="het document met het protocol")
    p.add_argument("--id", required=True, metavar="ID", help="korte naam voor het protocol, bijvoorbeeld onzeschool")
    p.add_argument("--organisation", metavar="NAAM", help="de naam van de school of stichting")
    p.add_argument("--school-name", metavar="NAAM", help="de schoolnaam zoals die in de tekst staat")
    p.add_argument("-o", "--output", metavar="BESTAND", help="schrijf hierheen in plaats van naar je gegevensmap")
    p.add_argument("--force", action="store_true", help="vervang een bestaand protocol met deze id")
    p.add_argument("--update", metavar="ID", help="nieuwe versie van een bestaand protocol: toont wat er verandert")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("protocol", help="voeg een protocolbestand toe of schrijf er een weg")
    actions = p.add_subparsers(dest="action", metavar="ACTIE", required=True)
    q = actions.add_parser("add", help="voeg een protocolbestand (.yaml) toe op deze computer")
    q.add_argument("file", metavar="BESTAND", help="het protocolbestand (.yaml) dat je toevoegt")
    q.add_argument("--concept", dest="draft", action="store_true", help="voeg ook een nog niet nagekeken concept toe")
    q.add_argument("--force", action="store_true", help="vervang een protocol met dezelfde id")
    q.set_defaults(func=cmd_protocol_add)
    q = actions.add_parser("export", help="schrijf een protocol als bestand, om aan collega's te geven")
    q.add_argument("protocol", metavar="PROTOCOL", help="protocol-id")
    q.add_argument("-o", "--output", metavar="BESTAND", help="bestand of map (standaard: ID.yaml hier)")
    q.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    q.set_defaults(func=cmd_protocol_export)
