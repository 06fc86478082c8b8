"""Dutch dates for documents: "22 november 2026"."""

from __future__ import annotations

import datetime as _dt
import re

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def dutch_date(value) -> str:
    """A date as Dutch text; a string that is no recognisable date is returned as it was typed."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    text = str(value).strip()
    parsed = parse_date(text)
    return dutch_date(parsed) if parsed else text


def parse_date(text: str) -> _dt.date | None:
    """2026-11-22 or 22-11-2026 (also with / or .); None when it is not one of those."""
    for pattern, order in ((_ISO, (1, 2, 3)), (_DUTCH_NUMERIC, (3, 2, 1))):
        match = pattern.match(text.strip())
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return _dt.date(year, month, day)
            except ValueError:
                return None
    return None
