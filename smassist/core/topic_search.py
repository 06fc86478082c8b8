"""Topic search in the words people use: "mobiel", "juf", "TikTok" find the right topic.

The words live in the data (`decision_trees/search/words.yaml`), not in code, so
content editors keep them. A query finds a topic when every query word (or a word
of its synonym group) occurs in the topic: its title counts most, then the
topic's everyday words, then its summary. Results come best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from smassist.core.models import Tree
from smassist.core.option_match import fold

WORDS_FILE = Path("search") / "words.yaml"
CACHE_FILE = "topic_words.cache"
_MAGIC = b"smassist-topic-words 1\n"

TITLE, WORDS, SUMMARY = 3, 2, 1


@dataclass(frozen=True)
class TopicWords:
    synonyms: tuple[frozenset[str], ...] = ()
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()

    def variants(self, word: str) -> set[str]:
        """The word and every word of a synonym group it belongs to (or begins a member of)."""
        found = {word}
        for group in self.synonyms:
            if word in group or (len(word) >= 3 and any(member.startswith(word) for member in group)):
                found |= group
        return found


def load_topic_words(root: Path, cache: Path | None = None) -> TopicWords:
    """The search words of a data folder; none (plain title/summary search) when the file is missing or broken.

    Kept in the user's cache folder (`cache`, by default topic_words.cache there) by the file's content, so
    a search after the first parses no YAML (importing and running the YAML parser was ~60 ms of a start).
    """
    import hashlib

    import smassist
    from smassist.core.checked_pickle import read_checked, write_checked
    from smassist.core.paths import user_cache_dir

    path = root / WORDS_FILE
    try:
        content = path.read_bytes()
    except OSError:
        return TopicWords()
    cache = cache or user_cache_dir() / CACHE_FILE
    stamp = f"{smassist.__version__}-{hashlib.sha256(content).hexdigest()}"
    words = read_checked(cache, _MAGIC, stamp)
    if isinstance(words, TopicWords):
        return words
    words = _read_words(path)
    write_checked(cache, _MAGIC, stamp, words)
    return words


def _read_words(path: Path) -> TopicWords:
    from smassist.core.problems import DataError
    from smassist.core.yaml_source import load_yaml

    try:
        data = load_yaml(path)
    except DataError:
        return TopicWords()
    if not isinstance(data, dict):
        return TopicWords()
    groups = tuple(frozenset(fold(str(w)) for w in group) for group in data.get("synonyms") or () if isinstance(group, list))
    topics = {str(k): tuple(fold(str(w)) for w in v) for k, v in (data.get("topics") or {}).items() if isinstance(v, list)}
    ignore = frozenset(fold(str(w)) for w in data.get("ignore") or () if isinstance(w, str))
    return TopicWords(groups, topics, ignore)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", fold(text)) if w]


def _hit(variants: set[str], text_words: list[str], phrases: tuple[str, ...] = ()) -> bool:
    for variant in variants:
        if " " in variant:
            if variant in phrases or variant in " ".join(text_words):
                return True
        elif any(w.startswith(variant) for w in text_words) or variant in phrases:
            return True
    return False


def score(tree: Tree, query: str, words: TopicWords) -> int:
    """How well a topic fits every word of the query; 0 when a word is not found at all."""
    title = _words(f"{tree.title} {tree.id}")
    summary = _words(tree.summary)
    own = words.topics.get(tree.id, ())
    own_words = [w for phrase in own for w in _words(phrase)]
    total = 0
    for word in _words(query):
        if word in words.ignore:
            continue
        variants = words.variants(word)
        if _hit(variants, title):
            total += TITLE
        elif _hit(variants, own_words, own):
            total += WORDS
        elif _hit(variants, summary):
            total += SUMMARY
        else:
            return 0
    return total or 1  # an empty query shows every topic


def search_topics(trees: list[Tree], query: str, words: TopicWords) -> list[Tree]:
    """The topics that fit the query, best first (ties keep the catalogue's order)."""
    scored = [(score(tree, query, words), index, tree) for index, tree in enumerate(trees)]
    return [tree for points, _, tree in sorted(scored, key=lambda s: (-s[0], s[1])) if points]
