"""A new version of a protocol: keep what is unchanged, send what a change touches back to review."""

from __future__ import annotations

from smassist.core.models import Protocol, text_hash


def keep_reviews(result, old: Protocol) -> None:
    """A ruling whose cited articles are all unchanged keeps the reviewed ruling of the old version."""
    texts = {a["id"]: a["text"] for a in result.data["articles"]}
    for tree_id, outcomes in result.data["rulings"].items():
        for outcome in outcomes:
            before = old.ruling(tree_id, outcome)
            if before is None or not before.cites:
                continue
            unchanged = all(a in texts and text_hash(texts[a]) == old.articles[a].hash for a in before.cites if a in old.articles)
            if unchanged and all(a in old.articles for a in before.cites) and (before.review is None or not before.unreviewed):
                entry = {"verdict": before.verdict.value, "answer": before.answer, "explanation": before.explanation}
                if before.conditions:
                    entry["conditions"] = list(before.conditions)
                if before.steps:
                    entry["steps"] = [{k: v for k, v in (("text", s.text), ("who", s.who), ("article", s.article)) if v} for s in before.steps]
                entry["cites"] = dict(before.cites)
                entry["documents"] = list(before.documents)
                entry["review"] = {"state": "reviewed", "source": old.id}
                outcomes[outcome] = entry
            elif before is not None:
                review = {"state": "changed", "source": old.id,
                          "note": "Een geciteerd artikel is veranderd of verdwenen in de nieuwe versie; lees de uitspraak opnieuw"}
                # the old wording of each changed article this ruling cites, for the review to set beside the new
                previous = {a: old.articles[a].text for a in outcomes[outcome]["cites"]
                            if a in old.articles and a in texts and text_hash(texts[a]) != old.articles[a].hash}
                if previous:
                    review["previous_text"] = previous
                outcomes[outcome]["review"] = review
    for draft in result.rulings:
        draft.state = result.data["rulings"][draft.tree][draft.outcome]["review"]["state"]
    if not any(e["review"]["state"] in ("changed", "open") for o in result.data["rulings"].values() for e in o.values()):
        result.data["status"] = "vastgesteld"


def impact_report(result, old: Protocol) -> str:
    """Changed, added and removed articles, and every ruling that goes back to review."""
    new = {a["id"]: a["text"] for a in result.data["articles"]}
    changed = [a for a in new if a in old.articles and text_hash(new[a]) != old.articles[a].hash]
    added = [a for a in new if a not in old.articles]
    removed = [a for a in old.articles if a not in new]
    back = [f"{t}/{o}" for t, outs in result.data["rulings"].items() for o, e in outs.items() if e["review"]["state"] in ("changed", "open")]
    lines = ["Wat verandert er ten opzichte van de vorige versie:",
             f"  Gewijzigde artikelen ({len(changed)}): {', '.join(changed) or '-'}",
             f"  Nieuwe artikelen ({len(added)}): {', '.join(added) or '-'}",
             f"  Verdwenen artikelen ({len(removed)}): {', '.join(removed) or '-'}",
             f"  Uitspraken terug naar nakijken ({len(back)}): {', '.join(back) or '-'}"]
    return "\n".join(lines)
