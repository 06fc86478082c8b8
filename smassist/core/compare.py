"""One situation walked through every protocol: where schools agree and where they differ."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from smassist.core.models import Protocol, Tree
from smassist.core.verdicts import Verdict
from smassist.core.walk import Result, Walk, WalkError


@dataclass(frozen=True)
class Comparison:
    protocol: Protocol
    result: Result | None
    missing: str | None  # the question this protocol still needs answered, or why it failed


def compare(tree: Tree, protocols: list[Protocol], role: str, answers: dict[str, str],
            inputs: dict[str, dict[str, str]] | None = None) -> list[Comparison]:
    """Apply the same answers (and details, for trees that collect them) under each protocol;
    a protocol may skip questions the others ask."""
    rows = []
    for protocol in protocols:
        walk = Walk(tree, protocol, role)
        walk.answers.update(answers)
        walk.inputs.update({k: dict(v) for k, v in (inputs or {}).items()})
        walk.fast_forward()
        if walk.finished:
            rows.append(Comparison(protocol, walk.result(), None))
        else:
            rows.append(Comparison(protocol, None, walk.current.id))
    return rows


def differs(rows: list[Comparison]) -> bool:
    verdicts = {row.result.ruling.verdict for row in rows if row.result}
    return len(verdicts) > 1


def deviating(rows: list[Comparison], prefer: str | None = None) -> set[str]:
    """The protocols whose verdict differs from the most common one (empty when all agree).

    On a tie the verdict of the preferred protocol (the user's own) counts as the
    common one, else the first in the vocabulary's order; protocols without a
    result are not marked.
    """
    if not differs(rows):
        return set()
    counts = Counter(row.result.ruling.verdict for row in rows if row.result)
    most = max(counts.values())
    tied = [v for v in Verdict if counts.get(v) == most]
    preferred = next((row.result.ruling.verdict for row in rows if row.result and row.protocol.id == prefer), None)
    common = preferred if preferred in tied else tied[0]
    return {row.protocol.id for row in rows if row.result and row.result.ruling.verdict != common}


__all__ = ["Comparison", "compare", "deviating", "differs", "WalkError"]
