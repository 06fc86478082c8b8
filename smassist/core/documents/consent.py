"""Who gives consent: from which age a pupil consents him- or herself, and to whom a request goes."""

from __future__ import annotations

import re

# The general rule where a protocol names no age: from 16 a pupil consents
# for him- or herself (AVG art. 8, UAVG art. 5).
DEFAULT_SELF_CONSENT_AGE = 16

# What a walk's answers say about a consent request: age options (by option id, in any tree:
# photo's `age`, accounts' `*_age`) and the photo tree's "only adults" answer.
WALK_AGE = {"under16": 15, "sixteen": 16, "sixteen_plus": 16, "over16": 17}
WALK_RECIPIENT = {("who", "adults"): "medewerker"}


def consent_rule(source, fill) -> dict:
    """From which age a pupil consents him- or herself, taken from the ruling and its articles."""
    texts = [fill(c) for c in (source.ruling.conditions if source.ruling else ())]
    texts += [fill(a.text) for a in source.articles]
    for text in texts:
        older = re.search(r"ouder dan (\d+) jaar", text)
        if older:
            return {"self_age": int(older.group(1)) + 1, "older_than": int(older.group(1)), "from_protocol": True,
                    "wording": "older"}
        younger = re.search(r"jonger (?:is )?dan (\d+) jaar|vanaf (\d+) jaar", text)
        if younger:
            age = int(younger.group(1) or younger.group(2))
            return {"self_age": age, "older_than": age - 1, "from_protocol": True, "wording": "younger"}
    return {"self_age": DEFAULT_SELF_CONSENT_AGE, "older_than": DEFAULT_SELF_CONSENT_AGE - 1, "from_protocol": False,
            "wording": "younger"}


def consent_recipient(rule: dict, data: dict, result) -> str | None:
    if "recipient" in data:
        return data["recipient"]
    if "age" in data:
        return "leerling" if data["age"] >= rule["self_age"] else "ouders"
    if result is not None:
        for step in result.path:
            key = (step.node.id, step.option.id if step.option else "")
            if key in WALK_RECIPIENT:
                return WALK_RECIPIENT[key]
            if step.option is not None and step.option.id in WALK_AGE:
                return "leerling" if WALK_AGE[step.option.id] >= rule["self_age"] else "ouders"
    return None
