"""Review an imported protocol one ruling at a time; every decision is written to the file at once."""

from __future__ import annotations

from pathlib import Path

import yaml

from smassist.core.importing.pipeline import to_yaml, write_atomic
from smassist.core.models import UNREVIEWED, text_hash


class ReviewFile:
    def __init__(self, path: Path):
        self.path = path
        self.data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.articles = {str(a["id"]): a["text"] for a in self.data.get("articles", [])}

    def _entries(self):
        for tree_id, outcomes in self.data.get("rulings", {}).items():
            for outcome, entry in outcomes.items():
                yield tree_id, outcome, entry

    def fill_missing(self, trees) -> int:
        """Situations added to the app after the import get an open ruling to review (never a silent gap)."""
        from smassist.core.importing.draft import open_ruling

        doubt = str(self.data.get("doubt_article", "")) or None
        rulings = self.data.setdefault("rulings", {})
        added = 0
        for tree in trees:
            for outcome in sorted(tree.outcomes()):
                if outcome not in rulings.get(tree.id, {}):
                    draft = open_ruling(tree.id, outcome, self.articles, doubt if doubt in self.articles else None)
                    rulings.setdefault(tree.id, {})[outcome] = {**draft.data, "review": {"state": "open", "note": "nieuwe situatie in de app, na het inlezen toegevoegd"}}
                    added += 1
        if added:
            self.data["status"] = "concept"
        return added

    def todo(self) -> list[tuple[str, str]]:
        return [(t, o) for t, o, e in self._entries() if e.get("review", {}).get("state") in UNREVIEWED]

    def progress(self) -> tuple[int, int]:
        marked = [e for _, _, e in self._entries() if e.get("review", {}).get("state", "same") != "same"]
        return sum(e["review"]["state"] not in UNREVIEWED for e in marked), len(marked)

    def ruling(self, tree_id: str, outcome: str) -> dict:
        return self.data["rulings"][tree_id][outcome]

    def article_text(self, article_id: str) -> str:
        return " ".join(self.articles.get(article_id, "(artikel ontbreekt)").split())

    def _done(self, entry: dict) -> None:
        entry["review"] = {k: v for k, v in entry["review"].items() if k == "source"} | {"state": "reviewed"}
        entry["cites"] = {a: text_hash(self.articles[a]) for a in entry["cites"] if a in self.articles}

    def accept(self, tree_id: str, outcome: str) -> None:
        self._done(self.ruling(tree_id, outcome))

    def edit(self, tree_id: str, outcome: str, verdict: str, answer: str, explanation: str | None = None) -> None:
        entry = self.ruling(tree_id, outcome)
        entry["verdict"], entry["answer"] = verdict, answer
        if explanation:
            entry["explanation"] = explanation
        if verdict != "allowed_if":
            entry.pop("conditions", None)
        elif not entry.get("conditions"):
            entry["conditions"] = ["zie het antwoord"]  # allowed_if needs a condition; the answer spells it out
        if verdict == "steps" and not entry.get("steps"):
            entry["steps"] = [{"text": answer}]
        self._done(entry)

    def not_regulated(self, tree_id: str, outcome: str) -> None:
        entry = self.ruling(tree_id, outcome)
        doubt = str(self.data.get("doubt_article", ""))
        entry.update({"verdict": "not_regulated", "answer": "Dit protocol zegt hier niets over. Overleg bij twijfel met je leidinggevende.",
                      "conditions": [], "steps": []})
        entry.pop("conditions"), entry.pop("steps")
        if doubt in self.articles:
            entry["cites"] = {doubt: ""}
            entry["explanation"] = f"Dit protocol regelt deze situatie niet. Bij twijfel zegt artikel {doubt}: '{self.article_text(doubt)}'"
        self._done(entry)

    def save(self) -> None:
        done, total = self.progress()
        if done == total:
            self.data["status"] = "vastgesteld"
        write_atomic(self.path, to_yaml(self.data))
