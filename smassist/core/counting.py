"""Counts in Dutch words: '1 probleem', '3 problemen' (never 'probleem/problemen' or 'incident(en)')."""

from __future__ import annotations


def counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
