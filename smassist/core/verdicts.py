"""The closed vocabulary of verdicts, with the Dutch word and symbol a reader sees.

A verdict always carries a word and a symbol, never colour alone.
"""

from __future__ import annotations

from enum import Enum


class Verdict(str, Enum):
    ALLOWED = "allowed"
    ALLOWED_IF = "allowed_if"
    DISCOURAGED = "discouraged"
    NOT_ALLOWED = "not_allowed"
    NOT_REGULATED = "not_regulated"
    STEPS = "steps"

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def symbol(self) -> str:
        return _LABELS[self][1]

    @property
    def display(self) -> str:
        return f"{self.label} {self.symbol}"


_LABELS = {
    Verdict.ALLOWED: ("Toegestaan", "✓"),
    Verdict.ALLOWED_IF: ("Toegestaan, mits", "◐"),
    Verdict.DISCOURAGED: ("Afgeraden", "⚠"),
    Verdict.NOT_ALLOWED: ("Niet toegestaan", "✗"),
    Verdict.NOT_REGULATED: ("Niet geregeld in dit protocol", "?"),
    Verdict.STEPS: ("Stappenplan", "→"),
}

VERDICT_IDS = tuple(v.value for v in Verdict)
