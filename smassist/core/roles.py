"""The roles a tree can serve, with the Dutch name a reader sees."""

ROLES: dict[str, str] = {
    "staff": "medewerker",
    "pupil": "leerling",
    "parent": "ouder/verzorger",
}
