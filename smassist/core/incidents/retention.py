"""Retention: "older than 12m" and the moment before which incidents are purged.

Age is measured from an incident's last change, so an incident someone is still
working on is never purged from under them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from smassist.core.incidents.errors import ValidationError

_AGE = re.compile(r"^\s*(\d{1,4})\s*([dwmjy])\s*$", re.IGNORECASE)
UNITS = {"d": "dagen", "w": "weken", "m": "maanden", "j": "jaren", "y": "jaren"}


@dataclass(frozen=True)
class Age:
    amount: int
    unit: str  # d, w, m or j

    def __str__(self) -> str:
        return f"{self.amount} {UNITS[self.unit]}"

    def cutoff(self, now: datetime) -> datetime:
        """The moment `amount` units before now (calendar months and years: 31 March − 1m = 28/29 Feb)."""
        if self.unit == "d":
            return now - timedelta(days=self.amount)
        if self.unit == "w":
            return now - timedelta(weeks=self.amount)
        months = self.amount * (12 if self.unit == "j" else 1)
        year, month = divmod(now.year * 12 + (now.month - 1) - months, 12)
        month += 1
        day = min(now.day, calendar.monthrange(year, month)[1])
        return now.replace(year=year, month=month, day=day)


def parse_age(text: str) -> Age:
    """'12m' (months), '2j' or '2y' (years), '6w' (weeks), '90d' (days)."""
    match = _AGE.match(text)
    if not match or int(match.group(1)) == 0:
        raise ValidationError("geef een leeftijd als 12m (maanden), 2j (jaren), 6w (weken) of 90d (dagen), groter dan 0")
    unit = match.group(2).lower()
    return Age(int(match.group(1)), "j" if unit == "y" else unit)
