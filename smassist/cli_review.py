"""`smassist review`: an ICT coordinator walks the rulings of an imported protocol on the command line."""

from __future__ import annotations

import argparse
import re
import sys

from smassist.cli import UserError, _catalog
from smassist.cli_import import _bundled

STATE_NAMES = {"same": "gelijk overgenomen", "changed": "overgenomen, met een verschil om na te kijken", "open": "open (niet geregeld)", "reviewed": "nagekeken"}


def cmd_review(args: argparse.Namespace) -> int:
    from smassist.core.importing.draft import situation
    from smassist.core.importing.review import ReviewFile, ReviewRefused
    from smassist.core.verdicts import VERDICT_IDS, Verdict

    catalog = _catalog(args)
    protocol = _reviewable(catalog, args.protocol)
    review = ReviewFile(protocol.path)
    added = review.fill_missing(catalog.trees.values())
    if added:
        review.save()
        print(f"{added} nieuwe situatie(s) in de app sinds het inlezen; die staan nu ook klaar om na te kijken.")
    todo = review.todo(everything=args.all)
    if args.search:
        words = args.search.lower().split()
        todo = [(t, o) for t, o in todo if catalog.trees.get(t) and all(w in situation(catalog.trees[t], o).lower() for w in words)]
        if not todo:
            print(f"Geen uitspraak{'' if args.all else ' om na te kijken'} bij een situatie met '{args.search}'"
                  + ("" if args.all else f"; zoek in alle uitspraken met: smassist review {protocol.id} --alle --zoek \"{args.search}\""))
            return 0
    if not todo:
        print(f"Alle uitspraken van het protocol van {protocol.organisation} zijn nagekeken. "
              f"Een uitspraak bekijken of aanpassen: smassist review {protocol.id} --alle")
        return 0
    for number, (tree_id, outcome) in enumerate(todo, 1):
        done, total = review.progress()
        entry = review.ruling(tree_id, outcome)
        print()
        # with --alle the walk is longer than what needed review: say where in it we are as well
        print(f"— {done} van {total} nagekeken" + (f" · uitspraak {number} van {len(todo)}" if args.all or args.search else "") + " —")
        tree = catalog.trees.get(tree_id)
        width = _width()
        _say(f"Situatie: {situation(tree, outcome) if tree else tree_id}", width)
        source = catalog.protocols.get(entry.get("review", {}).get("source") or "")
        state = review.state(tree_id, outcome)
        if state:
            _say(f"Status: {STATE_NAMES.get(state, state)}{review.origin(source)}", width)
        if entry.get("review", {}).get("note"):
            _say(f"Let op: {entry['review']['note']}", width)
        _say(f"Oordeel: {Verdict(entry['verdict']).display if entry['verdict'] in VERDICT_IDS else entry['verdict']}", width)
        _say(f"Antwoord: {entry['answer']}", width)
        _print_comparisons(review.comparisons(tree_id, outcome, source))
        choice = _ask("[a]ccepteren, [b]ewerken, [n]iet geregeld, [o]verslaan, [s]toppen: ", "abnos")
        if choice == "s":
            break
        if choice == "o":
            continue
        try:
            if choice == "a":
                review.accept(tree_id, outcome)
            elif choice == "n":
                review.not_regulated(tree_id, outcome)
            elif choice == "b":
                _edit(review, tree_id, outcome)
            review.save()
        except ReviewRefused as exc:  # nothing written: the file stays one that validates
            print(f"Niet opgeslagen: {exc}.")
    done, total = review.progress()
    print(f"{done} van {total} nagekeken.")
    if done == total:
        print("Het protocol is nagekeken en heeft nu de status 'vastgesteld'.")
    return 0


def _edit(review, tree_id: str, outcome: str) -> None:
    """A new verdict, and what it needs (conditions, steps), answer and explanation; Enter keeps what is there."""
    from smassist.core.importing.review import ReviewRefused, missing_for

    entry = review.ruling(tree_id, outcome)
    verdict = _ask_verdict(entry["verdict"])
    conditions = steps = None
    for attempt in range(2):  # what the verdict needs is asked again once, then the edit is refused
        if verdict == "allowed_if":
            conditions = _ask_lines("Voorwaarden", "Voorwaarde", review.conditions(tree_id, outcome))
        elif verdict == "steps":
            steps = _ask_lines("Stappen", "Stap", review.steps(tree_id, outcome))
        missing = missing_for(verdict, conditions or review.conditions(tree_id, outcome), steps or review.steps(tree_id, outcome))
        if missing is None:
            break
        if attempt:
            raise ReviewRefused(missing)
        print(f"Nodig: {missing}.")
    answer = _input("Nieuw antwoord (Enter = ongewijzigd): ") or entry["answer"]
    explanation = _input("Nieuwe toelichting (Enter = ongewijzigd): ") or entry["explanation"]
    review.edit(tree_id, outcome, verdict, answer, explanation, conditions, steps)


def _ask_lines(what: str, one: str, current: list[str]) -> list[str] | None:
    """Lines typed one by one until an empty one; None (keep what is there) when the first is empty."""
    if current:
        print(f"{what} nu:")
        for number, text in enumerate(current, 1):
            print(f"  {number}. {text}")
    keep = "; Enter = ongewijzigd" if current else ""
    lines: list[str] = []
    while True:
        value = _input(f"{one} {len(lines) + 1} (lege regel = klaar{keep if not lines else ''}): ")
        if not value:
            return lines or None
        lines.append(value)


def _reviewable(catalog, protocol_id: str):
    """A protocol of this user's to review; a bundled one has been reviewed already (and its file is not theirs)."""
    protocol = catalog.protocols.get(protocol_id)
    if protocol is not None and not _bundled(protocol):
        return protocol
    drafts = sorted(p.id for p in catalog.protocols.values() if p.is_draft and not _bundled(p))
    reason = (f"het protocol van {protocol.organisation} is meegeleverd en al nagekeken" if protocol is not None
              else f"er is geen protocol '{protocol_id}'")
    hint = (f"na te kijken: {', '.join(drafts)}" if drafts
            else "er is geen ingelezen concept om na te kijken; lees het protocol van je school in met 'smassist import BESTAND --id NAAM'")
    raise UserError(f"{reason}; {hint}")


_STYLE = {"-": "\x1b[9;31m", "+": "\x1b[4;32m"}  # removed: struck through, red; added: underlined, green


def _print_comparisons(comparisons) -> None:
    """Each cited article, and where it was carried from a known protocol, that article above it with the
    changed words marked: [-…-] and {+…+} always (readable without colour), coloured on a terminal too."""
    import os

    from smassist.core.importing.review import compared_with

    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    width = _width()
    if any(c.diff is not None and not c.identical for c in comparisons):
        _say(f"  [-…-] staat alleen in {compared_with(comparisons)}, {{+…+}} alleen in dit protocol.", width)
    for item in comparisons:
        if item.diff is None:
            _say(f"  Artikel {item.article}:", width)
            _print_runs([(item.text, "", False)], width, colour)
        elif item.identical:
            _say(f"  Artikel {item.article} (woordelijk gelijk aan artikel {item.source_article} van {item.source}):", width)
            _print_runs([(item.text, "", False)], width, colour)
        else:
            _say(f"  Vorige versie, artikel {item.source_article}:" if item.previous
                 else f"  Bekend protocol, {item.source} artikel {item.source_article}:", width)
            _print_runs([(run.text, "-" if run.changed else "", run.glued) for run in item.diff.old], width, colour)
            _say(f"  Dit protocol, artikel {item.article}:", width)
            _print_runs([(run.text, "+" if run.changed else "", run.glued) for run in item.diff.new], width, colour)


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _say(text: str, width: int) -> None:
    """Each line of a text wrapped between words at the terminal's width, what follows a wrap two spaces in."""
    import textwrap

    for line in text.splitlines() or [""]:
        indent = " " * (len(line) - len(line.lstrip()) + 2)
        print(textwrap.fill(line, width - 1, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False))


def _print_runs(runs: list[tuple[str, str, bool]], width: int, colour: bool) -> None:
    """Wrap words at the terminal's width, four spaces in, a marked run shown as [-…-] or {+…+};
    punctuation glued to a word stays on its line."""
    words: list[list[tuple[str, str]]] = []  # each word as (text, mark) pieces
    for text, mark, glued in runs:
        parts = text.split()
        if mark and parts:
            parts[0] = ("[-" if mark == "-" else "{+") + parts[0]
            parts[-1] += "-]" if mark == "-" else "+}"
        for number, part in enumerate(parts):
            if number == 0 and glued and words:
                words[-1].append((part, mark))
            else:
                words.append([(part, mark)])
    line: list[str] = []
    used = 0
    for word in words:
        size = sum(len(text) for text, _ in word)
        if line and used + 1 + size > width - 4:
            print("    " + " ".join(line))
            line, used = [], 0
        used += size + (1 if line else 0)
        line.append("".join(f"{_STYLE[mark]}{text}\x1b[0m" if colour and mark else text for text, mark in word))
    if line:
        print("    " + " ".join(line))


def _input(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        return ""


def _ask(prompt: str, choices: str) -> str:
    while True:
        try:
            value = input(prompt).strip().lower()[:1]
        except EOFError:
            return "s"
        if value in choices:
            return value
        print(f"Kies een van: {', '.join(choices)}")


# what a reviewer may type besides a number or the label itself
_VERDICT_WORDS = {"mag": "allowed", "ja": "allowed", "mits": "allowed_if", "mag mits": "allowed_if", "mag niet": "not_allowed",
                  "nee": "not_allowed", "niet geregeld": "not_regulated", "stappen": "steps"}


def verdict_choice(value: str) -> str | None:
    """The verdict a reviewer typed: its number, its Dutch label (or a short form such as 'mag niet'), or its id."""
    from smassist.core.verdicts import VERDICT_IDS, Verdict

    words = " ".join(re.sub(r"[^\w\s]", " ", value.lower()).split())
    if words.isdigit() and 1 <= int(words) <= len(Verdict):
        return list(Verdict)[int(words) - 1].value
    labels = {" ".join(re.sub(r"[^\w\s]", " ", v.label.lower()).split()): v.value for v in Verdict}
    return labels.get(words) or _VERDICT_WORDS.get(words) or (value.strip() if value.strip() in VERDICT_IDS else None)


def _ask_verdict(current: str) -> str:
    from smassist.core.verdicts import Verdict

    choices = " / ".join(f"{number}\u00a0{v.label}" for number, v in enumerate(Verdict, 1))  # a number stays with its label
    now = Verdict(current).label if current in Verdict._value2member_map_ else current
    _say(f"Oordeel: {choices}", _width())  # the choices above the prompt: wrapped between words like every line
    while True:
        try:
            value = input(f"Oordeel (Enter = ongewijzigd: {now}): ").strip()
        except EOFError:
            return current
        if not value:
            return current
        chosen = verdict_choice(value)
        if chosen:
            return chosen
        print(f"Onbekend oordeel '{value}'; typ een nummer of een van: {choices}")


def register(sub) -> None:
    p = sub.add_parser("review", help="kijk de uitspraken van een geïmporteerd protocol na, één voor één")
    p.add_argument("protocol", metavar="PROTOCOL", help="protocol-id")
    p.add_argument("--alle", dest="all", action="store_true",
                   help="loop alle uitspraken langs, ook die gelijk zijn overgenomen of al nagekeken, om er een te bekijken of aan te passen")
    p.add_argument("--zoek", dest="search", metavar="WOORDEN",
                   help="alleen de uitspraken bij een situatie met deze woorden, bijvoorbeeld --zoek \"vrienden privé\"")
    p.set_defaults(func=cmd_review)
