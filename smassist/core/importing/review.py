"""Review an imported protocol one ruling at a time; every decision is written to the file at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from smassist.core.importing.align import WordDiff, counterparts, source_names, word_changes
from smassist.core.importing.pipeline import to_yaml, write_atomic
from smassist.core.models import UNREVIEWED, Protocol, text_hash


@dataclass(frozen=True)
class Comparison:
    """One cited article of a ruling under review, next to the article of the known protocol it was carried from."""

    article: str  # the article here
    text: str
    source: str | None = None  # the known protocol's organisation
    source_article: str | None = None
    source_text: str = ""
    diff: WordDiff | None = None  # None: no counterpart in the known protocol
    previous: bool = False  # beside the previous version of this protocol (after --update), not a known protocol

    @property
    def identical(self) -> bool:
        return self.diff is not None and not self.diff.changed


def compared_with(comparisons: list[Comparison]) -> str:
    """What the new text is set beside, in words for the legend of the changed-word marks."""
    return "de vorige versie" if any(c.previous for c in comparisons) else "het bekende protocol"


class ReviewFile:
    def __init__(self, path: Path):
        self.path = path
        self.trees: dict = {}  # the app's trees, once fill_missing has seen them: saving checks against them
        self._saved_problems: set[str] | None = None
        self._load()

    def _load(self) -> None:
        self.data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        self.articles = {str(a["id"]): a["text"] for a in self.data.get("articles", [])}

    def _entries(self):
        for tree_id, outcomes in self.data.get("rulings", {}).items():
            for outcome, entry in outcomes.items():
                yield tree_id, outcome, entry

    def fill_missing(self, trees) -> int:
        """Situations added to the app after the import get an open ruling to review (never a silent gap)."""
        from smassist.core.importing.draft import open_ruling

        trees = list(trees)
        self.trees = {tree.id: tree for tree in trees}
        doubt = str(self.data.get("doubt_article", "")) or None
        rulings = self.data.setdefault("rulings", {})
        added = 0
        for tree in trees:
            for outcome in sorted(tree.outcomes()):
                if outcome not in rulings.get(tree.id, {}):
                    draft = open_ruling(tree.id, outcome, self.articles, doubt if doubt in self.articles else None)
                    rulings.setdefault(tree.id, {})[outcome] = {**draft.data, "review": {"state": "open", "note": "Nieuwe situatie in de app, na het inlezen toegevoegd"}}
                    added += 1
        if added:
            self.data["status"] = "concept"
        return added

    def todo(self, everything: bool = False) -> list[tuple[str, str]]:
        """The rulings still to review; with everything, every ruling (to look at or change a carried one too)."""
        return [(t, o) for t, o, e in self._entries() if everything or e.get("review", {}).get("state") in UNREVIEWED]

    def progress(self) -> tuple[int, int]:
        """(reviewed, to review) over what the import marked for review: a `same` ruling looked at anyway never counts."""
        marked = [e["review"] for _, _, e in self._entries()
                  if "same" not in (e.get("review", {}).get("state", "same"), e.get("review", {}).get("drafted"))]
        return sum(r["state"] not in UNREVIEWED for r in marked), len(marked)

    def state(self, tree_id: str, outcome: str) -> str | None:
        return self.ruling(tree_id, outcome).get("review", {}).get("state")

    def ruling(self, tree_id: str, outcome: str) -> dict:
        return self.data["rulings"][tree_id][outcome]

    def article_text(self, article_id: str) -> str:
        return " ".join(self.articles.get(article_id, "(artikel ontbreekt)").split())

    def origin(self, source: Protocol | None) -> str:
        """Where a ruling under review came from, in words for the reviewer."""
        if source is None:
            return ""
        if source.id == self.data.get("id"):
            return " (uit de vorige versie van dit protocol)"
        return f" (uit het protocol van {source.organisation})"

    def comparisons(self, tree_id: str, outcome: str, source: Protocol | None) -> list[Comparison]:
        """Every cited article, with the source protocol's article beside it where the ruling was carried."""
        entry = self.ruling(tree_id, outcome)
        previous = entry.get("review", {}).get("previous_text") or {}
        if source is not None and source.id == self.data.get("id"):
            source = None  # a new version of this very protocol: its old wording is kept in previous_text
        pairs = self._pairs(entry, tree_id, outcome, source)
        own = [n for n in (self.data.get("organisation"), self.data.get("board")) if n]
        result = []
        for article_id in entry.get("cites", {}):
            text = self.article_text(article_id)
            if article_id in previous:
                old_text = " ".join(previous[article_id].split())
                result.append(Comparison(article_id, text, "de vorige versie", article_id, old_text,
                                         word_changes(old_text, text, own, own), previous=True))
                continue
            old = pairs.get(article_id)
            if source is None or old not in source.articles:
                result.append(Comparison(article_id, text))
                continue
            old_text = " ".join(source.articles[old].text.split())
            diff = word_changes(old_text, text, source_names(source), own)
            result.append(Comparison(article_id, text, source.organisation, old, old_text, diff))
        return result

    def _pairs(self, entry: dict, tree_id: str, outcome: str, source: Protocol | None) -> dict[str, str]:
        """The article here → the source's article; files drafted before the pairs were written get them computed."""
        if source is None:
            return {}
        stored = entry.get("review", {}).get("source_articles")
        if stored:
            return {new: old for old, new in stored.items()}
        ruling = source.ruling(tree_id, outcome)
        if ruling is None:
            return {}
        found = counterparts(self.articles, source, [n for n in (self.data.get("organisation"),) if n])
        return {found[old][0]: old for old in ruling.cites if old in found}

    def _done(self, entry: dict) -> None:
        review = entry.get("review", {})
        kept = {k: v for k, v in review.items() if k in ("source", "drafted")}
        if review.get("state", "same") == "same":
            kept["drafted"] = "same"  # looked at by choice: not part of what the import asked to review
        entry["review"] = kept | {"state": "reviewed"}
        entry["cites"] = {a: text_hash(self.articles[a]) for a in entry["cites"] if a in self.articles}

    def accept(self, tree_id: str, outcome: str) -> None:
        self._done(self.ruling(tree_id, outcome))

    def edit(self, tree_id: str, outcome: str, verdict: str, answer: str, explanation: str | None = None,
             conditions: list[str] | None = None, steps: list[str] | None = None) -> None:
        """A new verdict and text; conditions and steps (one text each) replace the ruling's own where given.
        Raises ReviewRefused, changing nothing, when the ruling would no longer be valid."""
        entry = self.ruling(tree_id, outcome)
        conditions = _lines(conditions) if conditions is not None else self.conditions(tree_id, outcome)
        steps = _lines(steps) if steps is not None else self.steps(tree_id, outcome)
        missing = missing_for(verdict, conditions, steps)
        if not answer.strip():
            missing = "het antwoord is leeg; schrijf een kort antwoord"
        if missing:
            raise ReviewRefused(missing)
        entry["verdict"], entry["answer"] = verdict, answer.strip()
        if explanation:
            entry["explanation"] = explanation
        entry.pop("conditions", None)
        old_steps = entry.pop("steps", None) or []
        if verdict == "allowed_if":
            entry["conditions"] = conditions
        if verdict == "steps":
            # a step kept word for word keeps who does it and its article
            known = {_step_text(step): step for step in old_steps}
            entry["steps"] = [known.get(text, {"text": text}) for text in steps]
        self._done(entry)

    def conditions(self, tree_id: str, outcome: str) -> list[str]:
        return [str(c) for c in self.ruling(tree_id, outcome).get("conditions") or []]

    def steps(self, tree_id: str, outcome: str) -> list[str]:
        return [_step_text(step) for step in self.ruling(tree_id, outcome).get("steps") or []]

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
        """Write the file, unless it would no longer validate: then nothing is written, the decision is
        undone (the file as saved is read again) and ReviewRefused says why in one line."""
        done, total = self.progress()
        if done == total:
            self.data["status"] = "vastgesteld"
        text = to_yaml(self.data)
        found = _problems(self.path, text, self.trees)
        new = found - self._baseline()
        if new:
            self._load()
            raise ReviewRefused(sorted(new)[0])
        try:
            write_atomic(self.path, text)
        except OSError as exc:  # a read-only shared drive, a full disk
            self._load()
            raise ReviewRefused(f"{self.path} kan niet worden opgeslagen ({exc.strerror or exc}); "
                                "controleer of je in die map mag schrijven") from None
        self._saved_problems = found

    def _baseline(self) -> set[str]:
        """What was wrong with the file before this decision (a stale pin, say) is no reason to refuse it."""
        if self._saved_problems is None:
            self._saved_problems = _problems(self.path, self.path.read_text(encoding="utf-8"), self.trees)
        return self._saved_problems


class ReviewRefused(ValueError):
    """A review decision that would leave the protocol file invalid; the message is one Dutch line."""


def missing_for(verdict: str, conditions: list[str], steps: list[str]) -> str | None:
    """What a verdict needs before `smassist validate` accepts the ruling, in words for the reviewer."""
    from smassist.core.verdicts import Verdict

    if verdict == "allowed_if" and not conditions:
        return f"het oordeel '{Verdict.ALLOWED_IF.label}' heeft minstens één voorwaarde nodig; vul de voorwaarden in (één per regel)"
    if verdict == "steps" and not steps:
        return f"het oordeel '{Verdict.STEPS.label}' heeft minstens één stap nodig; vul de stappen in (één per regel)"
    return None


def _lines(values: list[str]) -> list[str]:
    return [" ".join(v.split()) for v in values if v.strip()]


def _step_text(step) -> str:
    return str(step.get("text", "")) if isinstance(step, dict) else str(step)


def _problems(path: Path, text: str, trees: dict) -> set[str]:
    """The problems `smassist validate` finds in this protocol on its own (line numbers left out: they shift)."""
    import tempfile

    from smassist.core.catalog import Catalog
    from smassist.core.protocol_file import read_protocol
    from smassist.core.ruling_checks import check_rulings

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        copy.write_text(text, encoding="utf-8")
        protocol, problems = read_protocol(copy)
        if protocol is not None:
            problems = problems + check_rulings(Catalog(root=copy.parent, trees=trees, protocols={protocol.id: protocol}), None)
    return {p.message for p in problems}
