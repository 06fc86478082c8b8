"""The roles a tree can serve, with the Dutch name a reader sees."""

from __future__ import annotations

ROLES: dict[str, str] = {
    "staff": "medewerker",
    "pupil": "leerling",
    "parent": "ouder/verzorger",
}

# The words a Dutch user types for a role (the ids stay valid as well).
ROLE_ALIASES: dict[str, str] = {
    "medewerker": "staff",
    "personeel": "staff",
    "leraar": "staff",
    "docent": "staff",
    "leerling": "pupil",
    "student": "pupil",
    "ouder": "parent",
    "verzorger": "parent",
    "ouder/verzorger": "parent",
    "ouder-verzorger": "parent",
    "ouders": "parent",
}


def role_id(text: str) -> str | None:
    """The role id for an id or a Dutch word ("leerling" → "pupil"); None if it is no role."""
    key = text.strip().casefold()
    if key in ROLES:
        return key
    return ROLE_ALIASES.get(key)
