"""Which articles of a protocol no ruling cites: gaps in the knowledge base made visible."""

from __future__ import annotations

from smassist.core.models import Article, Protocol


def cited_articles(protocol: Protocol) -> set[str]:
    return {a for ruled in protocol.rulings.values() for r in ruled.values() for a in r.cites}


def uncited(protocol: Protocol, normative_only: bool = False) -> list[Article]:
    """Articles no ruling cites; with normative_only, the gaps: normative and not justified."""
    cited = cited_articles(protocol)
    return [a for a in protocol.articles.values()
            if a.id not in cited and (not normative_only or (a.normative and not a.uncited))]
