"""Draft a ruling for every outcome of every tree, honestly marked for review.

`same`: a known protocol rules it and every article it cites has an identical
counterpart here, and no other protocol rules it differently on text that is
also here; the ruling is carried with the new ids and pins. `changed`: carried,
but a cited article differs (or protocols disagree): a person must read it.
`open`: no basis; "not regulated", citing this protocol's own doubt article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from smassist.core.importing.align import SIMILAR, Match, align, counterparts, normalise, related, source_names
from smassist.core.verdicts import Verdict
from smassist.core.models import Protocol, Ruling, Tree, text_hash
from smassist.core.roles import ROLES

STATES = ("same", "changed", "open")
VARIANT = 85.0  # an imported article this close to one of the carried protocol is a variant, not a new rule
# Dutch words of five letters or more that say nothing about a topic
_FUNCTION_STEMS = {"zoals", "gegeve", "tijden", "gekome", "worde", "kunnen", "hebben", "daarv", "waarbi", "wanne", "indien", "ander", "andere"}
_DOUBT = re.compile(r"\bbij twijfel\b", re.I)


@dataclass
class DraftRuling:
    tree: str
    outcome: str
    data: dict  # the ruling as written to the file (verdict, answer, explanation, cites, …)
    state: str
    source: str | None = None  # "protocol" the ruling was carried from
    note: str = ""
    pairs: dict[str, str] | None = None  # the source's cited article → the article here it became


def situation(tree: Tree, outcome: str) -> str:
    """An outcome in words (never its internal key): the earlier answers on the way to it, then the last question
    and answer. Two outcomes behind the same last question ('strafbaar? → Ja' for staff and for pupils) differ in
    the earlier answers ('Een medewerker …' or 'Een leerling of Een ouder …')."""
    path = _path_to(tree, outcome)
    if path is None:
        return tree.title
    # the role, where each role takes its own way through the tree
    roles = [ROLES.get(r, r) for r, start in tree.start.items() if start == path[0]]
    who = f" (als {' of '.join(roles)})" if roles and len(set(tree.start.values())) > 1 else ""
    earlier = []
    for here, there in zip(path, path[1:]):
        leading = [o.text for o in tree.nodes[here].options if o.next == there]
        answers = " of ".join(leading)
        if 0 < len(leading) <= 2:  # many answers that all lead on tell no way apart
            # a bare 'Nee' says nothing without its question
            earlier.append(answers if len(answers.split()) > 3 else f"{tree.nodes[here].text} → {answers}")
    last = tree.nodes[path[-1]]
    final = [o.text for o in last.options if o.outcome == outcome]
    way = "".join(f"{answer} · " for answer in earlier)
    return f"{tree.title}{who}: {way}{last.text}" + (f" → {' of '.join(final)}" if final else "")


def _path_to(tree: Tree, outcome: str) -> list[str] | None:
    """The shortest way (node ids) from a start of the tree to the question that leads to the outcome."""
    starts = list(dict.fromkeys(tree.start.values()))
    queue = [[node_id] for node_id in starts if node_id in tree.nodes]
    seen = set(starts)
    while queue:
        path = queue.pop(0)
        node = tree.nodes[path[-1]]
        if node.outcome == outcome or any(o.outcome == outcome for o in node.options):
            return path
        for following in [o.next for o in node.options] + [node.next]:
            if following and following in tree.nodes and following not in seen:
                seen.add(following)
                queue.append([*path, following])
    return None


def doubt_article(articles: dict[str, str]) -> str | None:
    """The protocol's own 'bij twijfel … neem contact op' article, if it has one."""
    for article_id, text in articles.items():
        if _DOUBT.search(text) and re.search(r"contact|leidinggevende|overleg|vraag", text, re.I):
            return article_id
    return None


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-zà-ÿ]{5,}", text.lower())}


def _common_stems(sources: list[Protocol]) -> set[str]:
    """Words in more than one article in ten: they say nothing about what an article is about."""
    texts = [a.text for p in sources for a in p.articles.values()]
    counts: dict[str, int] = {}
    for text in texts:
        for stem in _stems(text):
            counts[stem] = counts.get(stem, 0) + 1
    return {stem for stem, n in counts.items() if n > len(texts) / 20} | _FUNCTION_STEMS


def situation_stems(tree: Tree, outcome: str, common: set[str]) -> set[str]:
    """The telling words of the questions and answers that lead to an outcome."""
    words: list[str] = []
    for node in tree.nodes.values():
        for option in node.options:
            if option.outcome == outcome:
                words += [node.text, option.text]
        if node.outcome == outcome:
            words.append(node.text)
    return _stems(" ".join(words)) - common


@dataclass
class _Text:
    """What drafting knows about the imported text, worked out once for all outcomes."""

    articles: dict[str, str]  # id → text
    names: list[str]  # the school's and board's names
    school: str | None
    doubt: str | None  # the "bij twijfel" article
    matches: dict[str, dict[str, tuple[str, float]]]  # known protocol → its article → (article here, score)
    nearest: dict[str, Match]  # article here → the closest known article
    known: dict[tuple[str, str], str]  # (known protocol, article) → normalised text
    normal: dict[str, str]  # article here → normalised text
    bare: dict[str, str]  # article here → normalised, the school's name left as it stands
    common: set[str] = field(default_factory=set)  # word stems too frequent to say what an article is about


def draft_rulings(trees: list[Tree], sources: list[Protocol], articles: dict[str, str], names: list[str],
                  school: str | None, sections: dict[str, str] | None = None,
                  aligned: dict[str, Match] | None = None) -> list[DraftRuling]:
    text = _Text(articles, names, school, doubt_article(articles),
                 {p.id: counterparts(articles, p, names) for p in sources},
                 aligned if aligned is not None else align(articles, sources, names),
                 {(p.id, a.id): normalise(a.text, source_names(p)) for p in sources for a in p.articles.values()},
                 {a: normalise(t, names) for a, t in articles.items()}, {a: normalise(t, []) for a, t in articles.items()})
    common = text.common = _common_stems(sources)
    # what an explanation may quote: this protocol's text and headings, and the app's own topic titles
    corpus = normalise(" ".join([*articles.values(), *(sections or {}).values(), *(t.title for t in trees)]), names).lower()
    drafts: list[DraftRuling] = []
    for tree in trees:
        for outcome in sorted(tree.outcomes()):
            draft = _draft_one(tree.id, outcome, sources, text, situation_stems(tree, outcome, common))
            _check_quotes(draft, corpus, names)
            drafts.append(draft)
    return drafts


_QUOTE = re.compile(r"(?:^|(?<=[\s(]))(?:'([^']{8,}?)'|‘([^’]{8,}?)’|“([^”]{8,}?)”)(?=[\s.,;:)!?]|$)")


# an elision in a quote: "(...)", "[...]", "…" or "..."
_ELISION = re.compile(r"[(\[]\s*(?:\.\.\.|…)\s*[)\]]|…|\.\.\.")
# the app's own words an explanation may put in quotes: they are no protocol text ('niet geregeld')
APP_WORDS = tuple(v.label.lower() for v in Verdict)


def stale_quotes(explanation: str, corpus: str, names: list[str]) -> list[str]:
    """Quoted words in an explanation that this protocol's text does not contain."""
    stale = []
    for match in _QUOTE.finditer(explanation):
        fragment = next(g for g in match.groups() if g)
        if any(label.startswith(fragment.strip(" .,;:").lower()) for label in APP_WORDS):
            continue
        parts = [p.strip(" .,;:") for p in _ELISION.split(fragment) if p.strip(" .,;:")]
        if not all(normalise(part, names).lower() in corpus for part in parts):
            stale.append(fragment)
    return stale


def _check_quotes(draft: DraftRuling, corpus: str, names: list[str]) -> None:
    """A carried explanation may only quote words that stand in the new protocol (citations are sacred)."""
    if draft.state == "open":
        return
    stale = stale_quotes(draft.data.get("explanation", ""), corpus, names)
    if not stale:
        return
    warning = "De toelichting citeert tekst die niet zo in dit protocol staat: " + "; ".join(f"'{_short(q, 120)}'" for q in stale) + "; pas de toelichting aan"
    draft.state = "changed"
    draft.note = f"{draft.note}\n{warning}".strip()


def _draft_one(tree: str, outcome: str, sources: list[Protocol], text: _Text, topic: set[str]) -> DraftRuling:
    matches, articles, school = text.matches, text.articles, text.school
    identical, similar = [], []
    for protocol in sources:
        ruling = protocol.ruling(tree, outcome)
        if ruling is None or not ruling.cites:
            continue
        found = [matches[protocol.id].get(a) for a in ruling.cites]
        if any(f is None for f in found):
            continue
        scores = [f[1] for f in found]
        if all(s == 100.0 for s in scores):
            identical.append((protocol, ruling))
        elif all(s >= SIMILAR for s in scores):
            similar.append((protocol, ruling, sum(scores) / len(scores)))
    # the protocols closest to this text first
    identical.sort(key=lambda item: -sum(score == 100.0 for _, score in matches[item[0].id].values()))
    ruling_ones = [(p, r) for p, r in identical if r.verdict is not Verdict.NOT_REGULATED]
    if ruling_ones:
        identical = ruling_ones  # another protocol's silence is no evidence against a rule this text shares word for word
        verdicts = {r.verdict for _, r in identical}
    else:
        verdicts = {r.verdict for _, r in identical} | {r.verdict for _, r, _ in similar}
    closest = _closest(sources, text)
    near = next(((p, r) for p, r, _ in similar if p is closest), None)
    if near is not None and identical and near[1].verdict not in verdicts:
        # the protocol this text is (nearly) word for word rules otherwise on a slightly different article
        # (a scan error, a word joined): its ruling is the draft, and a person must read the difference
        protocol, ruling = near
        note = "de bekende protocollen oordelen hier verschillend: " + "; ".join(
            sorted({f"{p.organisation}: {r.verdict.label}" for p, r in [*identical, near]}))
        note = f"{note}\n{_differences(ruling, protocol, matches[protocol.id])}"
        return _carry(tree, outcome, protocol, ruling, matches[protocol.id], articles, school, "changed", note)
    if identical and len(verdicts) == 1:
        extra = _extra_rules(tree, outcome, sources, text, topic, next(iter(verdicts)))
        protocol, ruling = identical[0]
        if not extra:
            return _carry(tree, outcome, protocol, ruling, matches[protocol.id], articles, school, "same", "")
        agreeing = _listed(sorted(p.organisation for p, _ in identical))
        note = f"dit protocol heeft tekst die hier ook over kan gaan en die het protocol van {agreeing} niet heeft: " + "; ".join(
            f"artikel {a}: '{_short(articles[a])}'" for a in extra)
        return _carry(tree, outcome, protocol, ruling, matches[protocol.id], articles, school, "changed", note)
    if identical or similar:
        if identical:
            protocol, ruling = identical[0]
            note = "de bekende protocollen oordelen hier verschillend: " + "; ".join(
                sorted({f"{p.organisation}: {r.verdict.label}" for p, r in identical} | {f"{p.organisation}: {r.verdict.label}" for p, r, _ in similar}))
        else:
            protocol, ruling, _ = max(similar, key=lambda item: item[2])
            note = _differences(ruling, protocol, matches[protocol.id])
        return _carry(tree, outcome, protocol, ruling, matches[protocol.id], articles, school, "changed", note)
    return _open(tree, outcome, articles, text.doubt)


def _closest(sources: list[Protocol], text: _Text) -> Protocol | None:
    """The known protocol this text is: nearly all its articles stand here word for word (9 in 10 or more)."""
    best, share = None, 0.0
    for protocol in sources:
        found = text.matches[protocol.id].values()
        if protocol.articles:
            value = sum(score == 100.0 for _, score in found) / len(protocol.articles)
            if value > share:
                best, share = protocol, value
    return best if share >= 0.9 else None


def _extra_rules(tree: str, outcome: str, sources: list[Protocol], text: _Text, topic: set[str], verdict: Verdict) -> list[str]:
    """Articles here that may bear on the situation and that no protocol ruling the same way has weighed."""
    agree = [p for p in sources if (r := p.ruling(tree, outcome)) is not None and r.verdict is verdict]
    # text a protocol that rules the same way also has, word for word or nearly, or as part of a longer
    # article of its own: it weighed that text and still ruled so, which makes it no reason to doubt
    weighed = {new_id for p in agree for new_id, score in text.matches[p.id].values() if score >= VARIANT}
    agreeing = [known for (protocol_id, _), known in text.known.items() if any(p.id == protocol_id for p in agree)]
    cited: set[tuple[str, str]] = set()
    for other in sources:
        ruling = other.ruling(tree, outcome)
        if ruling is not None:
            cited.update((other.id, a) for a in ruling.cites if a in other.articles)
    # words much like a cited article's, boilerplate aside ("Het is medewerkers niet toegestaan om … op
    # sociale media" says nothing about which rule it is)
    cited_texts = [(text.known[key], _stems(text.known[key]) - text.common) for key in cited]
    extra = []
    for article_id, raw in text.articles.items():
        if article_id in weighed:
            continue
        normal = text.normal[article_id]
        if len(normal) >= 40 and any(normal in known for known in agreeing):
            continue
        nearest = text.nearest.get(article_id)
        # a variant of an article some protocol cites here, or words much like them, or the situation's own words
        variant = nearest is not None and nearest.score >= SIMILAR and (nearest.protocol, nearest.source) in cited
        telling = _stems(raw) - text.common
        alike = any(telling & words and related(text.bare[article_id], [known]) for known, words in cited_texts)
        if variant or alike or _stems(raw) & topic:
            extra.append(article_id)
    return extra


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _differences(ruling: Ruling, protocol: Protocol, found) -> str:
    """Which cited articles differ; the review shows them side by side with the changed words marked."""
    lines = []
    for article_id in ruling.cites:
        new_id, score = found[article_id]
        if score < 100.0:
            # 99.8 shown as "100%" would say the texts are the same
            similarity = f"{score:.1f}".replace(".", ",") if score >= 99.5 else f"{score:.0f}"
            lines.append(f"artikel {new_id} wijkt af van artikel {article_id} van {protocol.organisation} (gelijkenis {similarity}%)")
    return "\n".join(lines)


def _carry(tree, outcome, protocol: Protocol, ruling: Ruling, found, articles, school, state, note) -> DraftRuling:
    ids = {old: found[old][0] for old in ruling.cites}
    # only a name this text does not use itself stands for its school: where it keeps 'Stichting Kopwerk'
    # or '[naam school]', a quote of it must keep them too (citations are sacred)
    own = "\n".join(articles.values())
    names = [n for n in source_names(protocol) if n and n not in own]
    # a cited article quoted whole becomes this protocol's article, word for word (citations are sacred)
    quoted = [(" ".join(protocol.articles[old].text.split()), " ".join(articles[new].split()))
              for old, new in ids.items() if old in protocol.articles]

    def adapt(text: str) -> str:
        for number, (old_text, _) in enumerate(quoted):
            text = text.replace(old_text, f"\x00{number}\x00")
        text = _rename_ids(text, ids)
        if school:
            for name in sorted(names, key=len, reverse=True):
                text = text.replace(name, school)
        for number, (_, new_text) in enumerate(quoted):
            text = text.replace(f"\x00{number}\x00", new_text)
        return text

    data: dict = {
        "verdict": ruling.verdict.value,
        "answer": adapt(ruling.answer),
        "explanation": adapt(ruling.explanation),
    }
    if ruling.conditions:
        data["conditions"] = [adapt(c) for c in ruling.conditions]
    if ruling.steps:
        data["steps"] = [
            {k: v for k, v in (("text", adapt(s.text)), ("who", s.who), ("article", ids.get(s.article, s.article) if s.article else None)) if v}
            for s in ruling.steps
        ]
    data["cites"] = {ids[old]: text_hash(articles[ids[old]]) for old in ruling.cites}
    # a highlighted passage comes along only where it still stands verbatim in the new article
    passages = {ids[old]: text for old, text in ruling.passages.items() if old in ids and text in articles[ids[old]]}
    if passages:
        data["passages"] = passages
    data["documents"] = list(ruling.documents)
    return DraftRuling(tree, outcome, data, state, f"{protocol.id}", note, ids)


def _rename_ids(text: str, ids: dict[str, str]) -> str:
    changes = {old: new for old, new in ids.items() if old != new}
    if not changes:
        return text
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(o) for o in sorted(changes, key=len, reverse=True)) + r")(?![\w]|\.\w)")
    return pattern.sub(lambda m: changes[m.group(1)], text)


def open_ruling(tree: str, outcome: str, articles: dict[str, str], doubt: str | None) -> DraftRuling:
    """'Not regulated' citing the protocol's doubt article, to be reviewed by a person."""
    return _open(tree, outcome, articles, doubt)


def _open(tree: str, outcome: str, articles: dict[str, str], doubt: str | None) -> DraftRuling:
    cite = doubt or next(iter(articles))
    quote = " ".join(articles[cite].split())
    if doubt:
        explanation = f"Geen van de bekende protocollen geeft hier een uitspraak die op dezelfde tekst rust. Bij twijfel zegt artikel {cite}: '{quote}'"
    else:
        explanation = f"Geen van de bekende protocollen geeft hier een uitspraak die op dezelfde tekst rust, en dit protocol heeft geen artikel voor twijfelgevallen. Lees het protocol zelf na (artikel {cite} is alleen als verwijzing genoemd)."
    data = {
        "verdict": "not_regulated",
        "answer": "Dit protocol zegt hier niets over. Overleg bij twijfel met je leidinggevende.",
        "explanation": explanation,
        "cites": {cite: text_hash(articles[cite])},
        "documents": [],
    }
    return DraftRuling(tree, outcome, data, "open", None, "geen basis gevonden in de bekende protocollen; lees dit protocol en beslis")
