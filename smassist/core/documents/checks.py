"""Validation: every document a ruling offers renders, with a sample profile and sample data.

Called from `ruling_checks` for each ruling's `documents: [...]`. A template
bug does not depend on a ruling's wording, so rulings of the same shape
(tree, with or without steps and conditions) are rendered once per protocol.
"""

from __future__ import annotations

from pathlib import Path

from smassist.core.documents.missing import DocumentError
from smassist.core.documents.registry import DOCUMENTS, sample_data

SAMPLE_PROFILE = {
    "school_name": "Voorbeeldschool",
    "board": "Stichting Voorbeeld",
    "function": "leraar",
    "school_leader": "A. Voorbeeld",
    "privacy_officer": "B. Voorbeeld",
    "communication_officer": "C. Voorbeeld",
    "confidential_adviser": "D. Voorbeeld",
}


def sample_facts(tree) -> dict[str, str]:
    """A sample value for every input field of a tree (so incident documents have facts)."""
    facts = {}
    for node in tree.nodes.values() if tree else ():
        for field in node.fields:
            facts[field.id] = field.choices[0] if field.choices else ("2026-11-20" if field.kind == "date" else "voorbeeld")
    return facts


class OfferCheck:
    def __init__(self, trees: dict, templates: Path):
        self.trees = trees
        self.templates = templates
        self.seen: dict[tuple, str | None] = {}

    def problem(self, document: str, protocol, ruling) -> str | None:
        """None when the document renders; otherwise why not (Dutch, one line)."""
        spec = DOCUMENTS.get(document)
        if spec is None:
            return f"onbekend document; bekende documenten: {', '.join(DOCUMENTS)}"
        key = (document, protocol.id, ruling.tree, bool(ruling.steps), bool(ruling.conditions))
        if key not in self.seen:
            self.seen[key] = self._render(spec, protocol, ruling)
        return self.seen[key]

    def _render(self, spec, protocol, ruling) -> str | None:
        from smassist.core.documents import make  # noqa: PLC0415 - avoids an import cycle

        data = {**sample_data(spec), "outcome": f"{ruling.tree}/{ruling.outcome}"}
        if spec.field("facts") is not None:
            data["facts"] = sample_facts(self.trees.get(ruling.tree)) or data.get("facts", {})
        try:
            make(spec.id, protocol, SAMPLE_PROFILE, trees=self.trees, data=data, templates=self.templates)
        except DocumentError as exc:
            return str(exc)
        return None
