"""What some documents add to the template context, each from the protocol's own words.

Consent requests: from which age a pupil consents and to whom the request goes;
identification: who the speaker works for and whether the function is named;
the disclaimer: whose official views posts are not; incident documents: who to involve
and the school's contacts; the letter: the confidential adviser. Called by
context.build with the context so far; a value still needed is added to missing.
"""

from __future__ import annotations

import re

from smassist.core.documents.consent import consent_recipient, consent_rule
from smassist.core.documents.missing import Missing
from smassist.core.documents.plan import BLANK_FORM_FIELDS, involvement
from smassist.core.documents.registry import DOCUMENTS, RECIPIENTS
from smassist.core.profile import LABELS


def _norm(name: str) -> str:
    return re.sub(r"^(de|het)\s+", "", name.strip().casefold())


def named_after(articles: list[dict], pattern: str) -> str | None:
    regex = re.compile(pattern)
    for article in articles:
        match = regex.search(article["plain"])
        if match:
            return match.group(1).strip()
    return None


def _consent(context, source, data, profile, fill, missing, need_profile) -> None:
    rule = consent_rule(source, fill)
    recipient = consent_recipient(rule, data, source.result)
    if recipient is None:
        spec = DOCUMENTS[context["document"]["id"]]
        missing.append(Missing(spec.id, "recipient", "Voor wie is het verzoek? (of vul de leeftijd van de leerling in)",
                               "data", spec.field("recipient")))
    rule_articles = [a["id"] for a in context["articles"]
                     if re.search(r"(ouder|jonger) (?:is )?dan \d+ jaar|vanaf \d+ jaar", a["plain"])]
    context["consent"] = {**rule, "recipient": recipient or "ouders",
                          "recipient_label": RECIPIENTS.get(recipient or "ouders"), "rule_articles": rule_articles,
                          "contact": profile.get("communication_officer") or profile.get("school_leader", "")}


def _identification(context, source, data, profile, fill, missing, need_profile) -> None:
    articles = context["articles"]
    employer = named_after(articles, r"medewerker is van (.+?)(?: en welke functie|[.;]|$)")
    asks_function = any(re.search(r"welke functie|functie", a["plain"]) for a in articles
                        if re.search(r"vermelden dat", a["plain"]))
    if asks_function:
        need_profile("function")
    school = context["school"]["name"]
    context["speaker"] = {
        "asks_function": asks_function,
        "employer": employer if employer and _norm(employer) != _norm(school) else None,
        "function": profile.get("function") if asks_function else None,
    }


def _disclaimer(context, source, data, profile, fill, missing, need_profile) -> None:
    articles = context["articles"]
    of = named_after(articles, r"officiële standpunten van (.+?)\.(?:\s|$)") or named_after(
        articles, r"standpunt van (.+?)\.(?:\s|$)")
    context["disclaimer"] = {
        "of": of or context["school"]["name"],
        "third_parties": any("niet verantwoordelijk is voor de inhoud en uitlatingen van derden" in a["plain"] for a in articles),
    }


def _incident(context, source, data, profile, fill, missing, need_profile) -> None:
    context["involve"] = involvement(context["steps"], context["articles"], profile)
    context["form_fields"] = [dict(f, choices=f.get("choices", []), lines=f.get("lines", 1))
                              for f in BLANK_FORM_FIELDS]
    if context["document"]["id"] == "incident_report":
        for party in context["involve"]:
            if party["mentions"] and party["contact_key"]:
                need_profile(party["contact_key"])
        if source.result is None and not context["facts"]:
            spec = DOCUMENTS["incident_report"]
            missing.append(Missing(spec.id, "facts", "Wat er is gebeurd (feiten)", "data", spec.field("facts")))
    contacts = [{"label": LABELS[k], "value": profile[k]} for k in
                ("school_leader", "privacy_officer", "communication_officer", "confidential_adviser") if profile.get(k)]
    context["contacts"] = contacts


def _letter(context, source, data, profile, fill, missing, need_profile) -> None:
    context["confidential_adviser"] = profile.get("confidential_adviser") or None


HOOKS = {
    "consent_photo": _consent,
    "consent_account": _consent,
    "identification": _identification,
    "disclaimer": _disclaimer,
    "incident_report": _incident,
    "incident_form": _incident,
    "incident_letter": _letter,
}
