"""The protocol's plan in a document: its steps numbered as the protocol numbers them, who to involve.

A ruling lists its steps in the order to take them, each resting on an
article. Where that article is one of the protocol's own numbered steps (its
label says "Stap 4: Sneeuwbal stoppen"), the document prints it under that
heading, "Stap 4 Sneeuwbal stoppen", never under a number of our own; steps
resting on any other article (an agreement, the additions for a criminal
offence, the sanctions) get their article's section as their heading, before
the numbered steps when the ruling puts them first, after them otherwise.
"""

from __future__ import annotations

import re

from smassist.core.models import Article, Protocol
from smassist.core.references import human_label, in_sentence

_NUMBERED = re.compile(r"\bStap\s+(\d+)\s*:\s*(.+)$")

# The blank incident form's boxes (a school leader fills them in by hand): (kind, label, lines or choices).
BLANK_FORM_FIELDS: tuple[dict, ...] = (
    {"kind": "text", "label": "Gemeld door (functie) en op (datum, tijd)"},
    {"kind": "text", "label": "Datum en tijd van het incident"},
    {"kind": "text", "label": "Platform of app (en account of groep)"},
    {"kind": "choice", "label": "Betrokken (rollen, geen namen)",
     "choices": ["leerling(en)", "ouder(s)/verzorger(s)", "medewerker(s)", "onbekend"]},
    {"kind": "longtext", "label": "Wat is er gebeurd (wat je weet, niet wat je vermoedt)?", "lines": 6},
    {"kind": "longtext", "label": "Welk bewijs is bewaard (schermafbeeldingen, links) en waar staat het?", "lines": 4},
    {"kind": "choice", "label": "Is het een strafbaar feit?",
     "choices": ["nee", "mogelijk", "ja", "nog niet beoordeeld"]},
)


def complete_plan(plans: list[tuple]) -> tuple:
    """Every step of every situation's plan once, in the order first met.

    A step several situations word for their own answer ("Bepaal of er sprake is van een strafbaar feit.
    Je twijfelt. ...") starts like the general one on the same article; only the first of those is kept,
    so a blank form never carries an earlier answer.
    """
    kept: list = []
    seen: set[tuple] = set()
    for plan in plans:
        for step in plan:
            key = (step.article, " ".join(re.findall(r"\w+", step.text.casefold())[:6]))
            if key not in seen:
                seen.add(key)
                kept.append(step)
    return tuple(kept)


def step_heading(article: Article | None) -> tuple[int | None, str]:
    """(the protocol's step number or None, the heading) for a step resting on this article."""
    if article is None:
        return None, "Overige stappen"
    numbered = _NUMBERED.search(article.label)
    if numbered:
        return int(numbered.group(1)), f"Stap {numbered.group(1)} {numbered.group(2).strip()}"
    parts = [p.strip().rstrip(".") for p in (article.section or "").split("·") if p.strip()]
    if len(parts) > 1:
        parts = parts[1:]  # the chapter alone says little; its part names the subject
    return None, " · ".join(parts) if parts else article.label


def step_place(article: Article | None) -> str:
    """How a sentence elsewhere in the document points at the step: "stap 4" or "artikel 9C.9"."""
    number, _ = step_heading(article)
    if number is not None:
        return f"stap {number}"
    if article is None:
        return "stappenplan"
    return in_sentence(human_label(article.label))


def group_steps(steps: list[dict], protocol: Protocol) -> list[dict]:
    """The steps under the protocol's headings: [{"heading", "number", "steps"}], numbered ones in order."""
    groups: dict[str, dict] = {}
    order: list[dict] = []
    for step in steps:
        article = protocol.articles.get(step["article"]) if step.get("article") else None
        number, heading = step_heading(article)
        group = groups.get(heading)
        if group is None:
            group = groups[heading] = {"heading": heading, "number": number, "steps": [], "first": len(order)}
            order.append(group)
        group["steps"].append(step)
    numbered = sorted((g for g in order if g["number"] is not None), key=lambda g: g["number"])
    if not numbered:
        return order
    start = min(g["first"] for g in numbered)
    before = [g for g in order if g["number"] is None and g["first"] < start]
    place = {article_id: index for index, article_id in enumerate(protocol.articles)}
    after = sorted((g for g in order if g["number"] is None and g["first"] > start),
                   key=lambda g: place.get(g["steps"][0].get("article") or "", len(place)))
    return before + numbered + after


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.;!?])\s+|\n+", text)
    return [p.strip(" -\t") for p in parts if p.strip(" -\t")]


PARTIES = (
    # key, Dutch name, short name in a sentence, what in the protocol's text mentions them, their contact in the profile
    ("fg", "Functionaris Gegevensbescherming (FG)", "de FG", r"Functionaris Gegevensbescherming|\bFG\b|datalek", "privacy_officer"),
    ("politie", "Politie", "de politie", r"[Pp]olitie|aangifte", None),
    ("inspecteur", "Vertrouwensinspecteur (Inspectie van het Onderwijs)", "de vertrouwensinspecteur", r"[Vv]ertrouwensinspecteur", None),
    ("vertrouwenspersoon", "Vertrouwenspersoon", "de vertrouwenspersoon", r"[Vv]ertrouwenspersoon", "confidential_adviser"),
    ("communicatie", "Communicatie", "de communicatiemedewerker",
     r"medewerker communicatie|communicatiemedewerker|communicatieadviseur|afdeling communicatie|perswoordvoerder", "communication_officer"),
)


def involvement(steps: list[dict], articles: list[dict], profile: dict) -> list[dict]:
    """Who the protocol's steps (or, without steps, its articles) bring in, in the protocol's own words."""
    found = []
    for key, name, short, pattern, contact in PARTIES:
        regex = re.compile(pattern)
        mentions: list[dict] = []
        for step in steps:
            if regex.search(step["text"]) or (step["who"] and regex.search(step["who"])):
                mentions.append({"where": step["where"], "text": step["text"]})
        if not mentions:
            seen: set[str] = set()
            for article in articles:
                for sentence in _sentences(article["plain"]):
                    if regex.search(sentence) and sentence not in seen:
                        seen.add(sentence)
                        where = article["label"]
                        mentions.append({"where": where[0].lower() + where[1:] if where.startswith("Artikel") else where,
                                         "text": sentence})
        entry = {"key": key, "name": name, "short": short, "mentions": mentions, "contact_key": contact}
        if contact and profile.get(contact):
            entry["contact"] = profile[contact]
        found.append(entry)
    return found


