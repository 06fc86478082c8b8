"""The command line: `smassist` starts the app; subcommands answer without a screen.

Exit codes: 0 success, 1 a user or data error (one line saying why), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smassist.core.problems import DataError, count_problems
from smassist.core.roles import ROLES, role_id


def _catalog(args: argparse.Namespace):
    from smassist.core.catalog_sources import load_user_catalog

    return load_user_catalog()


def _catalog_with(protocol_id: str):
    """The catalogue for a command about one protocol: the others are left unread, unless it is not there
    (then all are read, so the error names every protocol there is)."""
    from smassist.core.catalog_sources import load_user_catalog

    catalog = load_user_catalog(only={protocol_id})
    return catalog if protocol_id in catalog.protocols else load_user_catalog()


def _profile_values() -> dict[str, str]:
    """The school profile's values; a broken profile is reported, not fatal."""
    from smassist.core.problems import DataError
    from smassist.core.profile import load_profile

    try:
        return load_profile().values()
    except DataError as exc:
        print(f"let op: schoolprofiel niet gebruikt: {exc.problems[0]}", file=sys.stderr)
        return {}


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit code 1."""


ROLE_HELP = "medewerker, leerling of ouder (of staff, pupil, parent)"


def role_arg(text: str) -> str:
    """argparse type for --role: a role id or its Dutch name."""
    found = role_id(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"onbekende rol '{text}'; kies uit {ROLE_HELP}")
    return found


def cmd_protocols(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    values = _profile_values()
    rows = [(p.id, p.organisation, str(len(p.articles)), p.heading(p.title, values)
             + (" (concept – {} van {} nagekeken)".format(*p.review_progress()) if p.is_draft else ""))
            for p in catalog.protocols.values()]
    _table(("id", "organisatie", "artikelen", "titel"), rows)
    return _warn_problems(catalog)


def cmd_trees(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    trees = catalog.trees_for(args.role) if args.role else list(catalog.trees.values())
    if args.words:
        from smassist.core.topic_search import load_topic_words, search_topics

        trees = search_topics(trees, " ".join(args.words), load_topic_words(catalog.root))
        if not trees:
            raise UserError(f"geen onderwerp gevonden voor '{' '.join(args.words)}'; zie alle onderwerpen met 'smassist trees'")
    rows = [(t.id, t.title, ", ".join(ROLES[r] for r in t.roles)) for t in trees]
    _table(("id", "onderwerp", "voor"), rows)
    return _warn_problems(catalog)


def cmd_article(args: argparse.Namespace) -> int:
    catalog = _catalog_with(args.protocol)
    protocol = _lookup(catalog.protocol, args.protocol)
    article = protocol.articles.get(args.article)
    if article is None:
        close = [a for a in protocol.articles if a.lower().startswith(args.article.lower().split(".")[0])]
        hint = f"; bedoel je {', '.join(close[:6])}?" if close else f"; zie de artikelen met 'smassist articles {protocol.id}'"
        raise UserError(f"artikel '{args.article}' bestaat niet in protocol {protocol.id}{hint}")
    values = _profile_values()
    print(f"{protocol.heading(protocol.title, values)} — {protocol.organisation}")
    print(f"{article.reference} · {protocol.heading(article.section, values)}")
    print()
    print(protocol.fill(article.text, values))
    print()
    print(f"(tekst-hash {article.hash})")
    return 0


def cmd_articles(args: argparse.Namespace) -> int:
    catalog = _catalog_with(args.protocol)
    protocol = _lookup(catalog.protocol, args.protocol)
    rows = [(a.id, a.reference, protocol.heading(a.section, _profile_values())) for a in protocol.articles.values()]
    _table(("artikel", "aanduiding", "onderdeel"), rows)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from smassist.core.answer_export import result_json, result_text
    from smassist.core.walk import Walk, WalkError

    catalog = _catalog_with(args.protocol)
    tree = _lookup(catalog.tree, args.tree)
    protocol = _lookup(catalog.protocol, args.protocol)
    broken = catalog.problems_in(tree.path, protocol.path)
    if broken:
        raise UserError(f"de gegevens kloppen niet: {broken[0]} (zie 'smassist validate')")
    if not args.answer and args.format == "text":
        from smassist.cli_questions import print_questions

        return print_questions(tree, args.role)
    role = args.role or (tree.roles[0] if len(tree.roles) == 1 else None)
    if role is None:
        raise UserError(f"voor wie is de vraag? Geef --role ({ROLE_HELP})")
    try:
        walk = Walk(tree, protocol, role)
    except WalkError as exc:
        raise UserError(str(exc)) from None
    _apply_answers(walk, args.answer or [])
    walk.fast_forward()
    on_path = {step.node.id for step in walk.path}
    for node_id in sorted((set(walk.answers) | set(walk.inputs)) - on_path):
        print(f"let op: het antwoord voor '{node_id}' is niet gebruikt (die vraag ligt niet op deze route)", file=sys.stderr)
    if not walk.finished:
        return _report_next_question(walk, args.format)
    result = walk.result()
    values = _profile_values()
    if args.format == "json":
        import json

        print(json.dumps(result_json(result, values), ensure_ascii=False, indent=2))
    else:
        print(result_text(result, values), end="")
    return 0


def _apply_answers(walk, answers: list[str]) -> None:
    from smassist.core.option_match import match_options

    tree = walk.tree
    for item in answers:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise UserError(f"'{item}' is geen antwoord; schrijf VRAAG=ANTWOORD, bijvoorbeeld staff_with=pupil")
        node_id, _, field_id = key.partition(".")
        node = tree.nodes.get(node_id)
        if node is None:
            raise UserError(f"vraag '{node_id}' bestaat niet in '{tree.id}'; vragen: {', '.join(tree.nodes)}")
        if node.kind == "input":
            if not field_id or field_id not in {f.id for f in node.fields}:
                raise UserError(f"'{node_id}' vraagt gegevens; schrijf {node_id}.VELD=WAARDE met VELD een van: {', '.join(f.id for f in node.fields)}")
            walk.inputs.setdefault(node_id, {f.id: "" for f in node.fields})[field_id] = value
            continue
        options = node.options_for(walk.role)
        found = match_options(options, value)
        if len(found) != 1:
            listed = "; ".join(f"{o.id} ({o.text})" for o in (found or options))
            what = "kan meer betekenen" if found else "is geen antwoord"
            raise UserError(f"'{value}' {what} op '{node_id}'; kies uit: {listed}")
        walk.answers[node_id] = found[0].id


def _report_next_question(walk, fmt: str) -> int:
    node = walk.current
    if fmt == "json":
        import json

        print(json.dumps({
            "status": "incomplete",
            "next": {
                "node": node.id,
                "question": walk.question_text(),
                "options": [{"id": o.id, "text": o.text} for o in walk.options()],
                "fields": [{"id": f.id, "label": f.label, "required": f.required} for f in node.fields],
            },
        }, ensure_ascii=False, indent=2))
    if node.kind == "input":
        choices = ", ".join(f"{node.id}.{f.id}=…" for f in node.fields)
    else:
        choices = "; ".join(f"{node.id}={o.id} ({o.text})" for o in walk.options())
    print(f"smassist: nog niet compleet. Volgende vraag '{node.id}': {walk.question_text()} Geef --answer {choices}", file=sys.stderr)
    return 1


def cmd_app(args: argparse.Namespace) -> int:
    from smassist.tui.app import run_app

    quiz_set = None
    if getattr(args, "quiz_set", None):
        from smassist.cli_serve import check_quiz_set

        quiz_set = check_quiz_set(args.quiz_set)
    return run_app(presenter=getattr(args, "presenter", False), quiz_set=quiz_set)


def _path_kind(path: Path) -> str:
    """'file', 'dir', 'missing' or 'other'; a path the system refuses (too long, no access) is a UserError."""
    from smassist.core.problems import DataError
    from smassist.core.user_files import kind_of

    try:
        return kind_of(path)
    except DataError as exc:
        raise UserError(str(exc.problems[0])) from None


def write_output(path: Path, data: str | bytes, force: bool) -> Path:
    """Write a file the user asked for (-o), readable by them only; an existing file only with --force.

    One rule for every command that writes a file (render, incident export).
    """
    from smassist.core.private_files import write_private
    from smassist.core.user_files import os_reason

    kind = _path_kind(path)
    if kind == "dir":
        raise UserError(f"'{path}' is een map; geef een bestandsnaam")
    if _path_kind(path.parent) != "dir":
        raise UserError(f"map '{path.parent}' bestaat niet")
    if kind != "missing" and not force:
        raise UserError(f"'{path}' bestaat al; kies een andere naam of geef --force")
    try:
        return write_private(path, data, replace=force)
    except FileExistsError:
        raise UserError(f"'{path}' bestaat al; kies een andere naam of geef --force") from None
    except OSError as exc:
        raise UserError(f"kan '{path}' niet schrijven: {os_reason(exc)}") from None


def _lookup(find, key: str):
    try:
        return find(key)
    except LookupError as exc:
        raise UserError(str(exc)) from None


def _warn_problems(catalog) -> int:
    if catalog.problems:
        print(f"let op: {count_problems(len(catalog.problems))} in de gegevens; zie 'smassist validate'", file=sys.stderr)
    return 0


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    for row in (header, *rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())


# Where each subcommand is built: "smassist.cli" for the ones below, else the feature module
# whose register(subparsers) adds it. `smassist ask …` then builds (and imports) only what
# `ask` needs; a command missing here still works, through the full parser.
COMMANDS: dict[str, str] = {
    **dict.fromkeys(("protocols", "trees", "article", "articles", "ask"), "smassist.cli"),
    **dict.fromkeys(("scenarios", "validate"), "smassist.cli_checks"),
    **dict.fromkeys(("coverage", "compare", "diagram"), "smassist.cli_content"),
    "incidents": "smassist.cli_incidents",
    **dict.fromkeys(("render", "documents", "profile"), "smassist.cli_documents"),
    "serve": "smassist.cli_serve",
    **dict.fromkeys(("import", "protocol"), "smassist.cli_import"),
    "review": "smassist.cli_review",
}
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(m for m in COMMANDS.values() if m != "smassist.cli"))

_TOP_FLAGS = ("--presenter",)
_TOP_VALUED = ("--quiz-set",)


def command_in(argv: list[str]) -> str | None:
    """The subcommand argv names, "" for none, or None when only the full parser can tell.

    Only exact top-level options are read past (argparse would also take
    abbreviations and help, which the full parser handles).
    """
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in _TOP_FLAGS or token.split("=", 1)[0] in _TOP_VALUED and "=" in token:
            index += 1
        elif token in _TOP_VALUED:
            index += 2
        elif token.startswith("-"):
            return None
        else:
            return token if token in COMMANDS else None
    return ""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (command given) the top level with only that command's module built.

    Help and errors come out the same for the command run; `smassist --help` and
    an unknown command use the whole parser, so they list every command.
    """
    from smassist.cli_nl import DutchParser, install

    install()
    parser = DutchParser(
        prog="smassist",
        description="Beslishulp voor het social-mediaprotocol van je school. Zonder opdracht start de app.",
    )
    parser.add_argument("--version", action="version", version=f"smassist {__import__('smassist').__version__}",
                        help="toon het versienummer en stop")
    parser.add_argument("--presenter", action="store_true",
                        help="start met het presentatiethema (groot contrast, voor een projector)")
    parser.add_argument("--quiz-set", metavar="BESTAND",
                        help="een vaste reeks quizgevallen voor deze sessie (zie docs/training.md)")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    modules = COMMAND_MODULES if command is None else (COMMANDS.get(command),) if command else ()
    if command is None or COMMANDS.get(command) == "smassist.cli":
        _register_core(sub)
    import importlib

    for name in modules:
        if name and name != "smassist.cli":
            importlib.import_module(name).register(sub)
    return parser


def _register_core(sub) -> None:
    sub.add_parser("protocols", help="toon de protocollen").set_defaults(func=cmd_protocols)

    p = sub.add_parser("trees", help="toon de onderwerpen (beslisbomen)")
    p.add_argument("words", nargs="*", metavar="ZOEKWOORD", help="zoek met je eigen woorden, bijvoorbeeld mobiel of juf")
    p.add_argument("--role", type=role_arg, metavar="ROL", help=f"alleen de onderwerpen voor deze rol: {ROLE_HELP}")
    p.set_defaults(func=cmd_trees)

    p = sub.add_parser("article", help="toon één artikel letterlijk")
    p.add_argument("protocol", metavar="PROTOCOL", help="protocol-id, bijvoorbeeld buitengewoon")
    p.add_argument("article", metavar="ARTIKEL", help="artikelnummer, bijvoorbeeld 9C.6")
    p.set_defaults(func=cmd_article)

    p = sub.add_parser("articles", help="toon alle artikelnummers van een protocol")
    p.add_argument("protocol", metavar="PROTOCOL", help="protocol-id, bijvoorbeeld togtemaar (zie 'smassist protocols')")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("ask", help="loop een beslisboom door zonder scherm")
    p.add_argument("tree", metavar="BESLISBOOM", help="beslisboom-id, bijvoorbeeld befriend (zie 'smassist trees')")
    p.add_argument("--protocol", required=True, help="protocol-id (zie 'smassist protocols')")
    p.add_argument("--role", type=role_arg, metavar="ROL", help=f"voor wie de vraag is: {ROLE_HELP}")
    p.add_argument("--answer", action="append", metavar="VRAAG=ANTWOORD",
                   help="een antwoord (id of tekst van het antwoord); mag vaker. Zonder antwoorden: toon de vragen")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (standaard) of json")
    p.set_defaults(func=cmd_ask)


def _one_line_problem(exc: Exception) -> str:
    from smassist.core.user_files import os_reason, shown

    if isinstance(exc, DataError):
        return str(exc.problems[0])
    where = f"{shown(Path(exc.filename))}: " if getattr(exc, "filename", None) else ""
    return f"{where}{os_reason(exc)}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(command_in(argv))
    args = parser.parse_args(argv)
    func = getattr(args, "func", cmd_app)
    try:
        return func(args)
    except UserError as exc:
        print(f"smassist: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. `head`) stopped early: not an error worth a traceback
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, DataError) as exc:
        # the last net under every command: a file the system refuses is one line, never a traceback
        print(f"smassist: {_one_line_problem(exc)}", file=sys.stderr)
        return 1
