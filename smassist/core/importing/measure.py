"""Leave-one-out: import a bundled protocol's own source text with that protocol left out, compare with it.

The ceiling: a ruling can only be carried "same" with the curated verdict and citations when some other
known protocol gives the curated verdict resting on articles that ALL stand word for word in the imported
text, and those articles are exactly the ones the curated ruling cites. Outcomes where no known protocol
does so (the curated ruling cites the school's own articles, or a cited article differs in one word) need
a person whatever the import does; the ceiling counts the others, so the share drafted "same" and right
reads against what is reachable at all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from smassist.core.catalog import Catalog
from smassist.core.importing.align import counterparts, source_names
from smassist.core.importing.pipeline import ImportResult, import_document
from smassist.core.models import Protocol, text_hash


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
    ceiling: int = 0  # outcomes another known protocol could carry "same" and right at all (see above)

    @property
    def article_share(self) -> float:
        return _share(self.articles_equal, self.articles)

    @property
    def ruling_share(self) -> float:
        """Of all outcomes: drafted "same" with the curated verdict and citations (how much review is saved)."""
        return _share(self.same_correct, self.rulings)

    @property
    def ceiling_share(self) -> float:
        return _share(self.ceiling, self.rulings)

    @property
    def same_precision(self) -> float:
        """Of the rulings drafted "same": those with the curated verdict and citations (how far "same" can be trusted)."""
        return _share(self.same_correct, self.same)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


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
                       states["changed"], states["open"], seconds, ceiling(result, curated, sources))


def ceiling(result: ImportResult, curated: Protocol, sources: list[Protocol]) -> int:
    """Outcomes where a known protocol gives the curated verdict on articles that all stand word for word in
    the imported text and are exactly the curated citations."""
    articles = {a.id: a.text for a in result.segmented.articles}
    names = [n for n in (*source_names(curated), result.school) if n]
    found = {p.id: counterparts(articles, p, names) for p in sources}
    reachable = 0
    for draft in result.rulings:
        target = curated.ruling(draft.tree, draft.outcome)
        if target is None:
            continue
        for protocol in sources:
            ruling = protocol.ruling(draft.tree, draft.outcome)
            if ruling is None or not ruling.cites or ruling.verdict is not target.verdict:
                continue
            here = [found[protocol.id].get(a) for a in ruling.cites]
            if all(h is not None and h[1] == 100.0 for h in here) and {h[0] for h in here} == set(target.cites):
                reachable += 1
                break
    return reachable
