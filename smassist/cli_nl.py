"""argparse in Dutch.

argparse takes every text of its own ("usage:", "options", its error lines)
through gettext. We give it a Dutch catalogue instead of forking it: a
`gettext.NullTranslations` whose lookups come from the table below, bound to
the two names argparse imported from gettext. Strings of several Python
versions are listed, so a newer argparse stays Dutch where its wording is known
and falls back to its own text where it is not (the CLI test catches that).
"""

from __future__ import annotations

import argparse
import gettext
import os
import sys

DUTCH: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: %(message)s\n",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "one of the arguments %s is required": "geef een van deze argumenten: %s",
    "expected one argument": "hier hoort één waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze %(value)r; kies uit %(choices)s",
    "invalid choice: %(value)s (choose from %(choices)s)": "ongeldige keuze '%(value)s'; kies uit %(choices)s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde %(value)r (verwacht: %(type)s)",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "not allowed with argument %s": "gaat niet samen met %s",
    "ignored explicit argument %r": "waarde %r hoort hier niet bij",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r; kies uit %(choices)s",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "argument \"-\" with mode %r": "'-' kan niet met modus %r",
    "cannot have multiple subparser arguments": "maar één keer opdrachten per parser",
}

DUTCH_PLURAL: dict[str, tuple[str, str]] = {
    "expected %s argument": ("hier hoort %s waarde bij", "hier horen %s waarden bij"),
    "conflicting option string: %s": ("optie dubbel gedefinieerd: %s", "opties dubbel gedefinieerd: %s"),
}


class DutchCatalog(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return DUTCH.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = DUTCH_PLURAL.get(singular)
        if forms is None:
            return singular if n == 1 else plural
        return forms[0] if n == 1 else forms[1]


def install() -> None:
    """Make argparse speak Dutch; call before any parser is built (group titles are set then)."""
    catalog = DutchCatalog()
    argparse._ = catalog.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalog.ngettext  # type: ignore[attr-defined]


def terminal_columns() -> int:
    """What shutil.get_terminal_size gives argparse ($COLUMNS, the terminal, else 80), without importing
    shutil (and with it bz2, lzma, zlib) on every command; argparse builds a formatter for every parser."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class DutchFormatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


class DutchParser(argparse.ArgumentParser):
    """One Dutch line for a usage error, pointing at the help; exit 2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", DutchFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message}. Zie '{self.prog} --help'.\n")
