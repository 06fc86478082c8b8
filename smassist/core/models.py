"""The data model: protocols with articles and rulings, trees with questions."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from smassist.core.record import Factory, FrozenRecord
from functools import cached_property
from pathlib import Path

from smassist.core.references import human_label, raw_ids, readable_references, reference_pattern
from smassist.core.verdicts import Verdict

HASH_LENGTH = 12


def text_hash(text: str) -> str:
    """A short fingerprint of an article's wording; layout whitespace does not count."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


class Article(FrozenRecord):
    """One numbered article of a protocol, verbatim."""

    id: str
    section: str
    text: str
    label: str
    unnumbered: bool = False
    normative: bool = True  # False for introductions and background: no ruling needs to cite it
    # Why no ruling cites this normative article (e.g. an obligation on the school that no
    # tree asks about); empty when a ruling must cite it.
    uncited: str = ""
    line: int = 0

    @cached_property
    def hash(self) -> str:
        # cached: the checks ask for it once per citation (~2,000 times a load)
        return text_hash(self.text)

    @property
    def reference(self) -> str:
        """How a reader finds this article in the document (never our id); see references.py."""
        return human_label(self.label)


class Placeholder(FrozenRecord):
    """A token in a protocol's text that the school profile fills in (with a default)."""

    token: str
    profile_key: str
    default: str


class Step(FrozenRecord):
    """One thing to do after a ruling: what, who, and the article it comes from."""

    text: str
    who: str | None = None
    article: str | None = None


REVIEW_STATES = ("same", "changed", "open", "reviewed")
UNREVIEWED = ("changed", "open")


class Review(FrozenRecord):
    """Where an imported ruling came from and whether a person has read it (docs/protocols.md)."""

    state: str  # same | changed | open | reviewed
    source: str | None = None
    note: str = ""
    source_articles: dict[str, str] = Factory(dict)  # the source's cited article → the article here
    previous_text: dict[str, str] = Factory(dict)  # after --update: a changed article's old wording
    # "same": drafted as carried over unchanged, then changed by the coordinator anyway; it never counted
    # as needing review, so it does not count in the review's progress either
    drafted: str | None = None


class Ruling(FrozenRecord):
    """A protocol's answer to one outcome of one tree, with the articles it cites."""

    tree: str
    outcome: str
    verdict: Verdict
    answer: str
    explanation: str
    cites: dict[str, str]
    conditions: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    documents: tuple[str, ...] = ()
    line: int = 0
    review: Review | None = None
    # Per cited article, the passage the answer rests on (verbatim, a part of the article's
    # text) where the article bundles several rules, such as a list of laws.
    passages: dict[str, str] = Factory(dict)
    # Shown beside the protocol's own answer, never instead of it: where the law says
    # something else than the protocol (an age threshold that differs from the AVG's).
    note: str = ""

    @property
    def unreviewed(self) -> bool:
        return self.review is not None and self.review.state in UNREVIEWED


class Protocol(FrozenRecord):
    """One school's social-media protocol: its articles and its rulings per tree and outcome."""

    id: str
    title: str
    organisation: str
    board: str
    source: str
    doubt_article: str
    articles: dict[str, Article]
    rulings: dict[str, dict[str, Ruling]]
    path: Path
    subtitle: str | None = None
    date: str | None = None
    version: str | None = None
    placeholders: tuple[Placeholder, ...] = ()
    notes: str = ""
    rulings_line: int = 1
    status: str = "vastgesteld"  # "concept" for an imported protocol until every ruling is reviewed

    def __getattr__(self, name: str):
        # Reached only for a field that is not set: the articles and rulings of a protocol from the
        # catalogue cache, unpickled when first used (smassist.core.protocol_parts).
        values = self.__dict__
        parts = values.get("_parts")
        if parts is None or name not in ("articles", "rulings"):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        articles, rulings = parts.load(values["path"])
        values.setdefault("articles", articles)
        values.setdefault("rulings", rulings)
        values.pop("_parts", None)
        return values[name]

    def _values(self) -> tuple:
        if "_parts" in self.__dict__:
            self.__getattr__("articles")
        return super()._values()

    @property
    def is_draft(self) -> bool:
        return self.status == "concept"

    def review_progress(self) -> tuple[int, int]:
        """(reviewed, to review) over the rulings an import marked changed or open."""
        marked = [r for tree in self.rulings.values() for r in tree.values()
                  if r.review is not None and "same" not in (r.review.state, r.review.drafted)]
        return sum(not r.unreviewed for r in marked), len(marked)

    def ruling(self, tree: str, outcome: str) -> Ruling | None:
        return self.rulings.get(tree, {}).get(outcome)

    @functools.cached_property
    def _references(self) -> re.Pattern | None:
        return reference_pattern(self.articles)

    @functools.cached_property
    def _raw_ids(self) -> tuple[str, ...]:
        return tuple(raw_ids(self.articles))

    @functools.cached_property
    def _tokens(self) -> re.Pattern | None:
        tokens = sorted((p.token for p in self.placeholders), key=len, reverse=True)
        return re.compile("|".join(re.escape(t) for t in tokens)) if tokens else None

    def filled(self, text: str, profile: dict[str, str] | None = None) -> tuple[str, list[tuple[int, int, str]]]:
        """The text for a reader, and where placeholders were filled in: (start, end, placeholder).

        A model protocol's "[naam school]" becomes the school's name from the profile, or
        the placeholder's default ("de school"), with a capital at the start of a sentence.
        The spans let a screen or a printed quote mark the words that are not the document's own.
        """
        if any(raw in text for raw in self._raw_ids):  # the pattern (~1 ms to compile) only matches where one is
            text = readable_references(text, self.articles, self._references)
        if self._tokens is None:
            return text, []
        by_token = {p.token: p for p in self.placeholders}
        out: list[str] = []
        spans: list[tuple[int, int, str]] = []
        length, last = 0, 0
        for match in self._tokens.finditer(text):
            before = text[last:match.start()]
            out.append(before)
            length += len(before)
            placeholder = by_token[match.group(0)]
            value = (profile or {}).get(placeholder.profile_key) or placeholder.default
            if _starts_sentence("".join(out)):
                value = value[:1].upper() + value[1:]
            out.append(value)
            spans.append((length, length + len(value), placeholder.token))
            length += len(value)
            last = match.end()
        out.append(text[last:])
        return "".join(out), spans

    def fill(self, text: str, profile: dict[str, str] | None = None) -> str:
        """Text for a reader: the school's own values for placeholders, articles cited as a reader finds them."""
        return self.filled(text, profile)[0]

    def heading(self, text: str, profile: dict[str, str] | None = None) -> str:
        """A title or section heading: filled with the school's name, or without the placeholder when
        no name is known ("Protocol Sociale Media", not "Protocol Sociale Media de school")."""
        for placeholder in self.placeholders:
            if not (profile or {}).get(placeholder.profile_key):
                text = text.replace(placeholder.token, "")
        return re.sub(r"\s{2,}", " ", self.fill(text, profile)).strip(" ·-")


def _starts_sentence(before: str) -> bool:
    tail = before.rstrip(" \t")
    return not tail or tail.endswith(("\n", ".", "!", "?"))


class Option(FrozenRecord):
    """An answer to a question: where it leads (next question or outcome)."""

    id: str
    text: str
    next: str | None = None
    outcome: str | None = None
    roles: tuple[str, ...] = ()
    # Words that name this answer's circumstance ("vrije tijd"); a ruling reached through
    # another answer of the same question must not use them (smassist.core.skip_checks).
    keywords: tuple[str, ...] = ()
    line: int = 0

    def serves(self, role: str) -> bool:
        return not self.roles or role in self.roles


class Field(FrozenRecord):
    """One value an input question asks for."""

    id: str
    label: str
    kind: str = "text"
    required: bool = True
    help: str | None = None
    choices: tuple[str, ...] = ()


class Node(FrozenRecord):
    """A question (with options) or an input (with fields) in a tree."""

    id: str
    kind: str  # "question" or "input"
    text: str
    text_for: dict[str, str] = Factory(dict)
    help: str | None = None
    options: tuple[Option, ...] = ()
    fields: tuple[Field, ...] = ()
    next: str | None = None
    outcome: str | None = None
    line: int = 0

    def text_for_role(self, role: str) -> str:
        return self.text_for.get(role, self.text)

    def options_for(self, role: str) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.serves(role))

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Tree(FrozenRecord):
    """A topic: the questions a role is asked, leading to outcomes the protocols rule on."""

    id: str
    title: str
    summary: str
    roles: tuple[str, ...]
    start: dict[str, str]
    nodes: dict[str, Node]
    path: Path
    line: int = 0

    def reachable(self, role: str) -> list[str]:
        """Node ids in the order a walk for this role meets them (breadth first)."""
        order: list[str] = []
        queue = [self.start[role]] if role in self.start else []
        while queue:
            node_id = queue.pop(0)
            if node_id in order or node_id not in self.nodes:
                continue
            order.append(node_id)
            node = self.nodes[node_id]
            queue += [o.next for o in node.options_for(role) if o.next] + ([node.next] if node.next else [])
        return order

    def outcomes(self) -> set[str]:
        keys: set[str] = set()
        for node in self.nodes.values():
            keys.update(o.outcome for o in node.options if o.outcome)
            if node.outcome:
                keys.add(node.outcome)
        return keys


ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
