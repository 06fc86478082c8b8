"""Readability of what pupils and parents read: a warning in `smassist validate`, never an error.

The measure is Flesch-Douma, the Dutch adaptation of Flesch Reading Ease (Douma 1960):

    score = 206.84 - 0.77 × (syllables per 100 words) - 0.93 × (words per sentence)

0 is very hard, 100 very easy; 60-70 is plain language most pupils from about
twelve read without effort. Syllables are counted as groups of vowels, with the
Dutch double vowels and diphthongs (aa, ie, oe, ui, ij, eeu, ...) as one; for
the short texts we check this is within a syllable or two of a dictionary count
and needs no dependency. Thresholds and the words pupils do not know live in
`decision_trees/language/readability.yaml`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from smassist.core.option_match import fold

SETTINGS_FILE = Path("language") / "readability.yaml"

_VOWEL_GROUP = re.compile(r"(?:ij|[aeiouy])+")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|:\s*\n")


_HIATUS = re.compile(r"i[aou]|e[ao]|u[ao]")  # two sounds side by side: me-di-a, vi-de-o, ja-nu-a-ri


@functools.lru_cache(maxsize=None)  # ~14k words per validate, ~2k different
def syllables(word: str) -> int:
    # "ie", "oe", "eeu" and other clusters are one sound; "ij" counts as a vowel.
    groups = _VOWEL_GROUP.findall(fold(word))
    return max(1, len(groups) + sum(len(_HIATUS.findall(g)) for g in groups))


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


@functools.lru_cache(maxsize=None)  # the same answer is read by pupils and by parents
def flesch_douma(text: str) -> float:
    words = words_of(text)
    if not words:
        return 100.0
    sentences = max(1, sum(1 for s in _SENTENCE_END.split(text.strip()) if _WORD.search(s)))
    per_hundred = 100 * sum(syllables(w) for w in words) / len(words)
    return 206.84 - 0.77 * per_hundred - 0.93 * (len(words) / sentences)


@dataclass(frozen=True)
class Settings:
    """Readability thresholds and the words pupils do not know (language/readability.yaml)."""

    minimum: dict[str, float] = field(default_factory=lambda: {"pupil": 55.0, "parent": 45.0})
    min_words: int = 12  # shorter texts (an option, a label) are too short for a score
    hard_words: dict[str, str] = field(default_factory=dict)  # word → plain alternative, for pupils


def load_settings(root: Path) -> Settings:
    from smassist.core.problems import DataError
    from smassist.core.yaml_source import load_yaml

    path = root / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    try:
        data = load_yaml(path)
    except DataError:
        return Settings()
    minimum = {str(k): float(v) for k, v in (data.get("minimum") or {}).items()}
    hard = {fold(str(k)): str(v) for k, v in (data.get("hard_words_for_pupils") or {}).items()}
    return Settings(minimum or Settings().minimum, int(data.get("min_words", 12)), hard)


def cached_settings(root: Path) -> Settings:
    """load_settings, from a small cache in the user's cache folder while the file is unchanged (no YAML)."""
    from smassist.core.catalog_cache import CatalogCache
    from smassist.core.paths import user_cache_dir

    cache = CatalogCache(user_cache_dir() / "readability.cache")
    settings = cache.read(root / SETTINGS_FILE, "readability", lambda _: load_settings(root))
    cache.save()
    return settings


@dataclass(frozen=True)
class Text:
    """One text a pupil or parent reads, with where it comes from."""

    path: Path
    line: int
    where: str
    role: str
    text: str
    explained: str = ""  # the help beside it, which may explain a hard word
    ruling: bool = False  # a ruling's answer: scored only (it uses the protocol's own words)


def reader_texts(catalog) -> list[Text]:
    """Topic summaries, questions, options and rulings' answers that pupils or parents read."""
    texts: list[Text] = []
    for tree in catalog.trees.values():
        for role in ("pupil", "parent"):
            if role not in tree.roles:
                continue
            texts.append(Text(tree.path, tree.line, f"onderwerp '{tree.id}' (samenvatting)", role, tree.summary))
            seen_outcomes: set[str] = set()
            for node_id in tree.reachable(role):
                node = tree.nodes[node_id]
                texts.append(Text(tree.path, node.line, f"vraag '{node_id}'", role, node.text_for_role(role),
                                  node.help or ""))
                for option in node.options_for(role):
                    texts.append(Text(tree.path, option.line, f"antwoord '{node_id}={option.id}'", role, option.text,
                                      node.help or ""))
                    if option.outcome:
                        seen_outcomes.add(option.outcome)
                if node.outcome:
                    seen_outcomes.add(node.outcome)
            for protocol in catalog.protocols.values():
                for outcome in sorted(seen_outcomes):
                    ruling = protocol.ruling(tree.id, outcome)
                    if ruling is not None:
                        texts.append(Text(protocol.path, ruling.line, f"antwoord op {tree.id}/{outcome}", role,
                                          protocol.fill(ruling.answer), ruling=True))
    return texts


READER = {"pupil": "leerlingen", "parent": "ouders"}


def readability_warnings(catalog, settings: Settings | None = None) -> list[str]:
    """One line per text that is hard for its reader: 'file:line: waarschuwing: ...'."""
    settings = settings or cached_settings(catalog.root)
    warnings: list[str] = []
    seen: set[tuple] = set()
    for item in reader_texts(catalog):
        key = (item.path, item.line, item.role, item.text)
        if key in seen:
            continue
        seen.add(key)
        minimum = settings.minimum.get(item.role)
        words = words_of(item.text)
        if minimum is not None and len(words) >= settings.min_words:
            score = flesch_douma(item.text)
            if score < minimum:
                warnings.append(f"{item.path}:{item.line}: waarschuwing: {item.where} is moeilijk leesbaar voor "
                                f"{READER[item.role]} (Flesch-Douma {score:.0f}, minstens {minimum:.0f}); "
                                f"maak de zinnen korter en de woorden eenvoudiger")
        if item.role == "pupil" and not item.ruling:
            for word in words:
                plain = settings.hard_words.get(fold(word))
                if plain and fold(word) not in fold(item.explained):
                    warnings.append(f"{item.path}:{item.line}: waarschuwing: {item.where} gebruikt '{word}', een woord "
                                    f"dat leerlingen vaak niet kennen; schrijf bijvoorbeeld '{plain}' of leg het uit in de help")
                    break
    return warnings
