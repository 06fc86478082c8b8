"""Find the option a person means: its id, its Dutch text, or a word from that text.

The command line takes `--answer staff_account=privé` as well as `=private`:
ids are English, people type Dutch. Accents and case do not count.
"""

from __future__ import annotations

import re
import unicodedata

from smassist.core.models import Option


def fold(text: str) -> str:
    """Lower case without accents, for comparing what people type."""
    if text.isascii():  # nothing to decompose: the same result, without unicodedata (validate folds ~15k words)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Little words that do not tell options apart: "leerling" means "Een leerling".
_FILLER = frozenset("een de het mijn met ik je jij van of en".split())


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", fold(text)) if w]


def _content_words(text: str) -> list[str]:
    return [w for w in _words(text) if w not in _FILLER]


def match_options(options: tuple[Option, ...], value: str) -> list[Option]:
    """The options `value` can mean, best match first level only: id, whole text, a word, a word's start."""
    wanted = fold(value).strip()
    if not wanted:
        return []
    for exact in (
        [o for o in options if o.id == value],
        [o for o in options if fold(o.id) == wanted],
        [o for o in options if _words(o.text) == _words(value)],
        [o for o in options if _content_words(o.text) == _content_words(value)],
    ):
        if exact:
            return exact
    parts = _words(value)
    if not parts:
        return []
    by_word = [o for o in options if all(p in _words(o.text) for p in parts)]
    if by_word:
        return by_word
    if len(wanted) < 3:
        return []
    return [o for o in options if all(any(w.startswith(p) for w in _words(o.text)) for p in parts)]
