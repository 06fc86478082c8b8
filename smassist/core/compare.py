"""One situation walked through every protocol: where schools agree and where they differ."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from smassist.core.models import Protocol, Tree
from smassist.core.problems import Problem
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


def comparable(catalog, tree: Tree) -> tuple[list[Protocol], list[tuple[Protocol, Problem]]]:
    """The protocols this tree's situations can be compared in, and those left out with their first problem.

    A protocol whose data for the tree does not hold (a ruling citing an article that
    no longer says it, a broken file) gets no answer in a comparison either, as it
    gets none when asked on its own.
    """
    usable, left_out = [], []
    for protocol in catalog.protocols.values():
        broken = catalog.problems_in(tree.path, protocol.path)
        if broken:
            left_out.append((protocol, broken[0]))
        else:
            usable.append(protocol)
    return usable, left_out


def left_out_line(left_out: list[tuple[Protocol, Problem]]) -> str:
    """One Dutch sentence naming the protocols a comparison leaves out (empty when none is)."""
    if not left_out:
        return ""
    names = ", ".join(protocol.organisation for protocol, _ in left_out)
    return f"Niet vergeleken, want de gegevens kloppen niet: {names} (zie 'smassist validate')."


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


__all__ = ["Comparison", "comparable", "compare", "deviating", "differs", "left_out_line", "WalkError"]
