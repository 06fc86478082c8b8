"""The letter to parents names no pupils: the names typed into the walk's people fields."""

from __future__ import annotations

import re

_PEOPLE_FIELD = re.compile(r"naam|namen|wie|betrokken|leerling|dader|slachtoffer|melder", re.I)
_NOT_NAMES = {"De", "Het", "Een", "En", "Of", "In", "Op", "Van", "Met", "Via", "Klas", "Groep", "Leerling",
              "Leerlingen", "School", "Ouders", "Ouder", "Medewerker", "Docent", "Leraar", "Mentor"}


def names_in_walk(result) -> set[str]:
    """Names typed into the walk's people fields (who reported, who is involved)."""
    names: set[str] = set()
    if result is None:
        return names
    for step in result.path:
        if step.values is None:
            continue
        for f in step.node.fields:
            if _PEOPLE_FIELD.search(f.id) or _PEOPLE_FIELD.search(f.label):
                value = step.values.get(f.id, "")
                names.update(w for w in re.findall(r"\b[A-ZÀ-Ý][\w'’-]{2,}", value) if w not in _NOT_NAMES)
    return names
