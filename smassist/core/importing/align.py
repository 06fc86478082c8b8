"""Match each imported article to the closest article of the known protocols.

Identical means equal after normalising the school's name (and quotes, dashes and
whitespace); otherwise the closest article by a similarity score, with a word diff.
rapidfuzz does the scoring: it is a C implementation of the same Levenshtein
ratio difflib approximates, so comparing ~60 articles with ~250 takes milliseconds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process

from smassist.core.models import Protocol

SCHOOL = "⟨school⟩"
PLACEHOLDERS = ("[naam school]", "[Naam school]", "[NAAM SCHOOL]")
SIMILAR = 60.0  # below this score an article is "new": nothing known is close enough to compare with
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Match:
    article: str  # the imported article's id
    protocol: str | None  # the known protocol of the closest article
    source: str | None  # that article's id
    score: float  # 100 when identical
    identical: bool

    @property
    def state(self) -> str:
        if self.identical:
            return "gelijk"
        return "anders" if self.protocol and self.score >= SIMILAR else "nieuw"


def normalise(text: str, names: list[str]) -> str:
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    for token in PLACEHOLDERS:
        text = text.replace(token, SCHOOL)
    for name in sorted({n for n in names if n and len(n) > 2}, key=len, reverse=True):
        text = re.sub(re.escape(name), SCHOOL, text, flags=re.I)
    text = re.sub(rf"\b[Dd]e {SCHOOL}", SCHOOL, text)
    # "Stichting Kopwerk en/of [naam school]": board and school named together are still the school's name
    text = re.sub(rf"{SCHOOL}(\s*(en/of|en / of|of|en)\s*{SCHOOL})+", SCHOOL, text)
    text = re.sub(r"\s*/\s*", "/", text)  # "en / of" and "en/of" are the same words
    # a closing cross-reference ("Zie ook : Sancties en gevolgen …") points the reader on; it rules nothing
    text = re.sub(r"\s*\bZie ook\s*:[^.]*$", "", text.strip())
    return " ".join(text.split())


def source_names(protocol: Protocol) -> list[str]:
    return [protocol.organisation, *(p.token for p in protocol.placeholders)]


def detect_school_name(texts: list[str], sources: list[Protocol]) -> str | None:
    """The name standing where a model protocol says '[naam school]'."""
    found: Counter[str] = Counter()
    joined = [" ".join(t.translate(_QUOTES).split()) for t in texts]
    for protocol in sources:
        for article in protocol.articles.values():
            model = " ".join(article.text.translate(_QUOTES).split())
            if not any(token in model for token in PLACEHOLDERS):
                continue
            pattern = re.escape(model)
            for token in PLACEHOLDERS:
                pattern = pattern.replace(re.escape(token), r"(.{2,60}?)")
            regex = re.compile(f"^{pattern}$")
            for text in joined:
                match = regex.match(text)
                if match:
                    for value in match.groups():
                        value = re.sub(r"^[Dd]e ", "", value.strip())
                        if value and "[" not in value:
                            found[value] += 1
    return found.most_common(1)[0][0] if found else None


_JOINS = ("of", "en", "en/of")


def board_names(texts: list[str], sources: list[Protocol], names: list[str]) -> list[str]:
    """Names standing where a nearly identical known article names its own school, found twice or more:
    the board of a model text that keeps '[naam school]' ('Stichting Kopwerk of [naam school]')."""
    pool = [normalise(a.text, source_names(p)) for p in sources for a in p.articles.values()]
    known = " ".join(a.text for p in sources for a in p.articles.values()).lower()
    found: Counter[str] = Counter()
    for text in texts:
        new = normalise(text, names)
        best = process.extractOne(new, pool, scorer=fuzz.ratio, score_cutoff=85.0)
        if best is None or best[1] == 100.0:
            continue
        a, b = pool[best[2]].split(), new.split()
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            words = b[j1:j2]
            if op == "insert" and b[j2:j2 + 1] == [SCHOOL] and len(words) > 1 and words[-1] in _JOINS:
                words = words[:-1]  # "X of ⟨school⟩" where the known text says "⟨school⟩"
            elif not (op == "replace" and a[i1:i2] == [SCHOOL]):
                continue
            name = " ".join(words).strip(".,;:")
            if 1 <= len(words) <= 4 and words[0][:1].isupper() and words[-1][:1].isupper() and name.lower() not in known:
                found[name] += 1
    return [name for name, count in found.items() if count >= 2]


def align(articles: dict[str, str], sources: list[Protocol], names: list[str]) -> dict[str, Match]:
    """For every imported article (id → text), its closest known article."""
    pool: list[tuple[str, str, str]] = []  # (protocol, article, normalised text)
    for protocol in sources:
        own = source_names(protocol)
        pool.extend((protocol.id, a.id, normalise(a.text, own)) for a in protocol.articles.values())
    exact: dict[str, tuple[str, str]] = {}
    for protocol_id, article_id, text in pool:
        exact.setdefault(text, (protocol_id, article_id))
    choices = [text for _, _, text in pool]
    result: dict[str, Match] = {}
    for article_id, text in articles.items():
        normal = normalise(text, names)
        if normal in exact:
            protocol_id, source_id = exact[normal]
            result[article_id] = Match(article_id, protocol_id, source_id, 100.0, True)
            continue
        best = process.extractOne(normal, choices, scorer=fuzz.ratio) if choices else None
        if best is None:
            result[article_id] = Match(article_id, None, None, 0.0, False)
            continue
        protocol_id, source_id, _ = pool[best[2]]
        result[article_id] = Match(article_id, protocol_id, source_id, round(best[1], 1), False)
    return result


def counterparts(articles: dict[str, str], protocol: Protocol, names: list[str]) -> dict[str, tuple[str, float]]:
    """For each article of one known protocol: the imported article closest to it and the score (100 = identical)."""
    new = {article_id: normalise(text, names) for article_id, text in articles.items()}
    exact = {}
    for article_id, text in new.items():
        exact.setdefault(text, article_id)
    ids = list(new)
    texts = [new[i] for i in ids]
    result: dict[str, tuple[str, float]] = {}
    own = source_names(protocol)
    for article in protocol.articles.values():
        text = normalise(article.text, own)
        if text in exact:
            result[article.id] = (exact[text], 100.0)
            continue
        best = process.extractOne(text, texts, scorer=fuzz.ratio) if texts else None
        if best is not None:
            result[article.id] = (ids[best[2]], round(best[1], 1))
    return result


def related(text: str, others: list[str], threshold: float = 70.0) -> bool:
    """Whether a passage shares most of its words with one of the others (containment counts)."""
    return any(fuzz.token_set_ratio(text, other) >= threshold for other in others)


class Run(NamedTuple):
    """Consecutive words of one text that are all shared, or all only in this text."""

    text: str
    changed: bool  # only in this text
    glued: bool = False  # punctuation that follows the previous run without a space


@dataclass(frozen=True)
class WordDiff:
    """Two texts word by word, for a reviewer to read side by side (both screens render this one form)."""

    old: tuple[Run, ...]  # the old text; changed: only in the old text (removed)
    new: tuple[Run, ...]  # the new text; changed: only in the new text (added)

    @property
    def changed(self) -> bool:
        return any(run.changed for run in (*self.old, *self.new))


_PUNCTUATION = re.compile(r"^([(\[„“‘'\"]*)(.+?)([.,;:!?)\]”’'\"]*)$")
_Token = tuple[str, str, bool]  # shown, compared, glued to the word before


def _split(chunk: str) -> list[_Token]:
    """A word and the punctuation around it as separate tokens: 'media.' and 'media,' share 'media'."""
    match = _PUNCTUATION.match(chunk)
    lead, core, trail = match.groups() if match else ("", chunk, "")
    tokens = [(lead, lead.translate(_QUOTES), False)] if lead else []
    tokens.append((core, core.translate(_QUOTES), bool(lead)))
    if trail:
        tokens.append((trail, trail.translate(_QUOTES), True))
    return tokens


def _tokens(text: str, names: list[str]) -> list[_Token]:
    """Words and punctuation; a school's name, however many words, is one token compared as 'the school'."""
    keys = sorted({*PLACEHOLDERS, *(n for n in names if n and len(n) > 2)}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys), re.I)
    tokens: list[_Token] = []
    position = 0

    def words(part: str) -> list[_Token]:
        found = [t for chunk in part.split() for t in _split(chunk)]
        if found and position and part[:1].strip():  # "Togtemaarschool." : the full stop is glued to the name
            found[0] = (found[0][0], found[0][1], True)
        return found

    for match in pattern.finditer(text):
        tokens.extend(words(text[position:match.start()]))
        tokens.append((match.group(0), SCHOOL, match.start() > 0 and not text[match.start() - 1].isspace()))
        position = match.end()
    tokens.extend(words(text[position:]))
    return tokens


def _runs(words: list[tuple[str, bool, bool]]) -> tuple[Run, ...]:
    runs: list[Run] = []
    for word, flag, glued in words:
        if runs and runs[-1].changed == flag:
            runs[-1] = runs[-1]._replace(text=runs[-1].text + ("" if glued else " ") + word)
        else:
            runs.append(Run(word, flag, glued and bool(runs)))
    return tuple(runs)


def word_changes(old: str, new: str, old_names: list[str] | None = None, new_names: list[str] | None = None) -> WordDiff:
    """Which words only the old text has and which only the new one has; a school's name counts as equal.

    Both texts are read with both lists of names: the same literal name on both sides is the same text."""
    names = [*(old_names or []), *(new_names or [])]
    a, b = _tokens(old, names), _tokens(new, names)
    left: list[tuple[str, bool, bool]] = []
    right: list[tuple[str, bool, bool]] = []
    matcher = difflib.SequenceMatcher(a=[k for _, k, _ in a], b=[k for _, k, _ in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = a[i1:i2], b[j1:j2]
        left += [(w, op != "equal", g) for w, _, g in removed]
        right += [(w, op != "equal", g) for w, _, g in added]
    return WordDiff(_runs(left), _runs(right))
