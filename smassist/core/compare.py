"""One situation walked through every protocol: where schools agree and where they differ."""

from __future__ import annotations

from dataclasses import dataclass

from smassist.core.models import Protocol, Tree
from smassist.core.walk import Result, Walk, WalkError


@dataclass(frozen=True)
class Comparison:
    protocol: Protocol
    result: Result | None
    missing: str | None  # the question this protocol still needs answered, or why it failed


def compare(tree: Tree, protocols: list[Protocol], role: str, answers: dict[str, str]) -> list[Comparison]:
    """Apply the same answers under each protocol; a protocol may skip questions the others ask."""
    rows = []
    for protocol in protocols:
        walk = Walk(tree, protocol, role)
        walk.answers.update(answers)
        walk.fast_forward()
        if walk.finished:
            rows.append(Comparison(protocol, walk.result(), None))
        else:
            rows.append(Comparison(protocol, None, walk.current.id))
    return rows


def differs(rows: list[Comparison]) -> bool:
    verdicts = {row.result.ruling.verdict for row in rows if row.result}
    return len(verdicts) > 1


__all__ = ["Comparison", "compare", "differs", "WalkError"]
