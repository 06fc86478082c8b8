"""Leave-one-out: import a bundled protocol's own source text with that protocol left out, compare with it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from smassist.core.catalog import Catalog
from smassist.core.importing.pipeline import import_document
from smassist.core.models import text_hash


@dataclass
class LeaveOneOut:
    protocol: str
    articles: int  # curated articles
    articles_equal: int  # same id and same text (whitespace aside)
    rulings: int  # outcomes
    same: int  # drafted "same"
    same_correct: int  # "same" with the curated verdict and the curated cited articles
    same_wrong_verdict: int  # "same" whose verdict differs: must be 0
    changed: int
    open: int
    seconds: float

    @property
    def article_share(self) -> float:
        return self.articles_equal / self.articles if self.articles else 0.0

    @property
    def ruling_share(self) -> float:
        """Of all outcomes: drafted "same" with the curated verdict and citations (how much review is saved)."""
        return self.same_correct / self.rulings if self.rulings else 0.0

    @property
    def same_precision(self) -> float:
        """Of the rulings drafted "same": those with the curated verdict and citations (how far "same" can be trusted)."""
        return self.same_correct / self.same if self.same else 0.0


def leave_one_out(catalog: Catalog, protocol_id: str, seeds: Path) -> LeaveOneOut:
    curated = catalog.protocols[protocol_id]
    sources = [p for p in catalog.protocols.values() if p.id != protocol_id]
    start = time.perf_counter()
    result = import_document(seeds / curated.source, protocol_id, list(catalog.trees.values()), sources)
    seconds = time.perf_counter() - start
    got = {a.id: a for a in result.segmented.articles}
    equal = sum(1 for a in curated.articles.values() if a.id in got and text_hash(got[a.id].text) == a.hash)
    same = [r for r in result.rulings if r.state == "same"]
    correct = wrong = 0
    for draft in same:
        ruling = curated.ruling(draft.tree, draft.outcome)
        if ruling is None:
            continue
        if draft.data["verdict"] != ruling.verdict.value:
            wrong += 1
        elif set(draft.data["cites"]) == set(ruling.cites):
            correct += 1
    states = result.ruling_counts()
    return LeaveOneOut(protocol_id, len(curated.articles), equal, len(result.rulings), len(same), correct, wrong,
                       states["changed"], states["open"], seconds)
