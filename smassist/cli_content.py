"""Subcommands for people who maintain the content: coverage and comparing schools."""

from __future__ import annotations

import argparse
import json
import sys

from smassist.core.roles import ROLES
from smassist.cli import ROLE_HELP, UserError, _apply_answers, _catalog, _lookup, _table, role_arg


def cmd_coverage(args: argparse.Namespace) -> int:
    from smassist.core.coverage import cited_articles, uncited

    catalog = _catalog(args)
    protocol = _lookup(catalog.protocol, args.protocol)
    gaps = uncited(protocol)
    cited = len(cited_articles(protocol))
    rows = [(a.id, "ja" if a.normative else "nee", a.reference + (f" (bewust: {a.uncited})" if a.uncited else "")) for a in gaps]
    print(f"{protocol.organisation}: {cited} van {len(protocol.articles)} artikelen geciteerd; niet geciteerd:")
    _table(("artikel", "normatief", "aanduiding"), rows)
    normative_gaps = uncited(protocol, normative_only=True)
    if normative_gaps:
        print(f"{len(normative_gaps)} normatieve artikelen zonder uitspraak: {', '.join(a.id for a in normative_gaps)}")
        return 1
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from smassist.core.compare import comparable, compare, differs, left_out_line
    from smassist.core.walk import Walk

    catalog = _catalog(args)
    tree = _lookup(catalog.tree, args.tree)
    if args.role not in tree.roles:
        raise UserError(f"de beslisboom '{tree.id}' is niet voor de rol {ROLES[args.role]}")
    protocols, left_out = comparable(catalog, tree)
    if not protocols:
        raise UserError(f"de gegevens kloppen niet: {left_out[0][1]} (zie 'smassist validate')")
    probe = Walk(tree, protocols[0], args.role)
    _apply_answers(probe, args.answer or [])
    rows = compare(tree, protocols, args.role, probe.answers)
    if left_out:
        print(f"let op: {left_out_line(left_out)}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps([
            {
                "protocol": row.protocol.id,
                "concept": row.protocol.is_draft,
                "verdict": row.result.ruling.verdict.value if row.result else None,
                "articles": [c.article.id for c in row.result.citations] if row.result else [],
                "answer": row.protocol.fill(row.result.ruling.answer) if row.result else None,
                "next_question": row.missing,
            }
            for row in rows
        ], ensure_ascii=False, indent=2))
    else:
        table = []
        for row in rows:
            if row.result:
                name = row.protocol.id + (" (concept – nog niet nagekeken)" if row.protocol.is_draft else "")
                table.append((name, row.result.ruling.verdict.display, ", ".join(c.article.id for c in row.result.citations)))
            else:
                table.append((row.protocol.id, f"(nog een antwoord nodig op '{row.missing}')", ""))
        _table(("protocol", "oordeel", "artikelen"), table)
        if differs(rows):
            print("De protocollen verschillen hier.")
    return 1 if left_out or any(row.result is None for row in rows) else 0


def cmd_diagram(args: argparse.Namespace) -> int:
    from smassist.core.diagram import dot, mermaid

    catalog = _catalog(args)
    tree = _lookup(catalog.tree, args.tree)
    protocol = _lookup(catalog.protocol, args.protocol) if args.protocol else None
    if args.role and args.role not in tree.roles:
        raise UserError(f"de beslisboom '{tree.id}' is niet voor de rol {ROLES[args.role]}")
    render = mermaid if args.format == "mermaid" else dot
    print(render(tree, protocol, args.role), end="")
    return 0


def register(sub) -> None:
    p = sub.add_parser("coverage", help="toon de artikelen van een protocol die geen uitspraak citeert")
    p.add_argument("protocol", metavar="PROTOCOL", help="protocol-id (zie 'smassist protocols')")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("compare", help="vergelijk één situatie in alle protocollen")
    p.add_argument("tree", metavar="BESLISBOOM", help="beslisboom-id (zie 'smassist trees')")
    p.add_argument("--role", required=True, type=role_arg, metavar="ROL", help=f"voor wie de vraag is: {ROLE_HELP}")
    p.add_argument("--answer", action="append", metavar="VRAAG=ANTWOORD", help="een antwoord (id of tekst); mag vaker")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (standaard) of json")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("diagram", help="een beslisboom als diagram (Mermaid of Graphviz) voor dia's en hand-outs")
    p.add_argument("tree", metavar="BESLISBOOM", help="beslisboom-id (zie 'smassist trees')")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid", help="mermaid (standaard) of dot (Graphviz)")
    p.add_argument("--protocol", help="toon bij elke uitkomst het oordeel van dit protocol")
    p.add_argument("--role", type=role_arg, metavar="ROL", help=f"alleen de antwoorden voor deze rol: {ROLE_HELP}")
    p.set_defaults(func=cmd_diagram)
