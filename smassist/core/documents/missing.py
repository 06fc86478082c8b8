"""What stops a document being made: a value nobody gave yet (`Missing`) or anything else (`DocumentError`)."""

from __future__ import annotations

from dataclasses import dataclass

from smassist.core.documents.registry import DataField


class DocumentError(Exception):
    """A document cannot be made; the message (Dutch, one line) says why and what to do."""

    def __init__(self, message: str, missing: list[Missing] | None = None, key: str | None = None):
        super().__init__(message)
        self.missing = list(missing or [])
        self.key = key  # the data key at fault, so a caller can name its line in the file


@dataclass(frozen=True)
class Missing:
    """A value a document needs: from the profile (`source == "profile"`) or the data (`"data"`)."""

    document: str
    key: str
    label: str
    source: str
    field: DataField | None = None

    def how(self) -> str:
        if self.source == "profile":
            return f"stel het in met: smassist profile set {self.key} \"...\""
        return f"zet '{self.key}: ...' in het gegevensbestand (--data)"

    def message(self) -> str:
        return f"document '{self.document}' heeft '{self.label}' ({self.key}) nodig; {self.how()}"
