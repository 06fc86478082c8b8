"""`smassist validate` and `smassist scenarios`: check the data files and the protocols' example cases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smassist.cli import UserError, _catalog, _path_kind


def cmd_validate(args: argparse.Namespace) -> int:
    from smassist.core.catalog import load_catalog
    from smassist.core.paths import decision_trees_dir, templates_dir
    from smassist.core.problems import count_problems

    if args.path is None:
        from smassist.core.catalog_sources import load_user_catalog

        catalog = load_user_catalog(render_documents=True)
    else:
        path = Path(args.path)
        kind = _path_kind(path)
        if kind == "missing":
            raise UserError(f"'{path}' bestaat niet")
        if kind == "other":
            raise UserError(f"'{path}' is geen bestand of map")
        if kind == "file":
            catalog = load_catalog(decision_trees_dir(), templates_dir(), protocols=[path], render_documents=True)
        elif (path / "protocols").is_dir():
            catalog = load_catalog(path, templates_dir(), render_documents=True)
        else:
            catalog = load_catalog(decision_trees_dir(), templates_dir(), protocols=sorted(path.glob("*.yaml")),
                                   render_documents=True)
    from smassist.core.content_reports import content_reports

    mentions, skipped_lines, readability = content_reports(catalog)
    problems = catalog.problems + mentions
    for problem in problems:
        print(problem)
    for skipped in dict.fromkeys(skipped_lines):  # a question reached by several routes reads the same for each
        print(skipped)
    for protocol in catalog.protocols.values():  # an imported protocol under review: warnings, not errors
        line = review_warning(protocol)
        if line:
            print(line)
    for warning in readability:  # texts for pupils and parents: a warning, not an error
        print(warning)
    if problems:
        print(f"{count_problems(len(problems))} gevonden.", file=sys.stderr)
        return 1
    rulings = sum(len(r) for p in catalog.protocols.values() for r in p.rulings.values())
    print(f"in orde: {len(catalog.trees)} beslisbomen, {len(catalog.protocols)} protocollen, {rulings} uitspraken")
    return 0


# what is left to review, in the words of the review list ('na te kijken: verschil')
_TODO_WORDS = {"changed": "met een verschil", "open": "zonder basis"}


def review_warning(protocol) -> str | None:
    """One line per protocol under review for a coordinator: its name, how much is left and why, and how to review it."""
    rulings = [r for ruled in protocol.rulings.values() for r in ruled.values()]
    left = [r.review.state for r in rulings if r.unreviewed]
    if not left:
        return None
    why = ", ".join(f"{left.count(state)} {words}" for state, words in _TODO_WORDS.items() if state in left)
    return (f"{protocol.path}: waarschuwing: in het concept-protocol van {protocol.organisation} {'is' if len(left) == 1 else 'zijn'} {len(left)} van de "
            f"{len(rulings)} uitspraken nog na te kijken ({why}); kijk ze na met: smassist review {protocol.id}")


def cmd_scenarios(args: argparse.Namespace) -> int:
    from smassist.core.paths import decision_trees_dir
    from smassist.core.scenarios import run_folder

    catalog = _catalog(args)
    folder = Path(args.path) if args.path else decision_trees_dir() / "scenarios"
    if _path_kind(folder) != "dir":
        raise UserError(f"map '{folder}' bestaat niet")
    outcomes, problems = run_folder(folder, catalog)
    for problem in problems:
        print(problem)
    failed = [o for o in outcomes if o.failure]
    for outcome in outcomes if args.verbose else failed:
        print(outcome)
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed or problems or not outcomes else 0


def register(sub) -> None:
    p = sub.add_parser("scenarios", help="controleer de voorbeeldgevallen (scenario's) van de protocollen")
    p.add_argument("path", nargs="?", help="map met scenariobestanden (standaard: de meegeleverde)")
    p.add_argument("-v", "--verbose", action="store_true", help="toon ook de geslaagde gevallen")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("validate", help="controleer beslisbomen en protocollen")
    p.add_argument("path", nargs="?", help="een map of protocolbestand (standaard: de meegeleverde gegevens)")
    p.set_defaults(func=cmd_validate)
