"""Read one protocol file (metadata, articles, rulings) into a Protocol, reporting every problem."""

from __future__ import annotations

from pathlib import Path

from smassist.core.models import REVIEW_STATES, Article, Placeholder, Protocol, Review, Ruling, Step
from smassist.core.problems import Problem
from smassist.core.schema import Reader
from smassist.core.verdicts import VERDICT_IDS, Verdict
from smassist.core.yaml_source import LocatedDict, LocatedList, load_yaml

_TOP_REQUIRED = ("id", "title", "organisation", "board", "source", "doubt_article", "articles", "rulings")
_TOP_OPTIONAL = ("subtitle", "date", "version", "placeholders", "notes", "status")
STATUSES = ("concept", "vastgesteld")
_ARTICLE_KEYS = ("id", "section", "text")
_ARTICLE_OPTIONAL = ("label", "unnumbered", "normative", "uncited")
_RULING_REQUIRED = ("verdict", "answer", "explanation", "cites")
_RULING_OPTIONAL = ("conditions", "steps", "documents", "review", "passages", "note")


def read_protocol(path: Path) -> tuple[Protocol | None, list[Problem]]:
    """Parse a protocol file; the protocol is None when it cannot be used at all."""
    reader = Reader(path)
    data = reader.mapping(load_yaml(path, aliases=True), 1, "een protocolbestand")
    if data is None or not reader.keys(data, "het protocol", _TOP_REQUIRED, _TOP_OPTIONAL):
        return None, reader.problems
    what = "het protocol"
    protocol_id = reader.get(data, "id", str, what, default="")
    if protocol_id and protocol_id != path.stem:
        reader.problem(data.line_of("id"), f"id '{protocol_id}' hoort gelijk te zijn aan de bestandsnaam '{path.stem}'; hernoem het bestand of pas de id aan")
    articles = _read_articles(reader, data)
    rulings = _read_rulings(reader, data)
    placeholders = _read_placeholders(reader, data)
    status = reader.get(data, "status", str, what, default="vastgesteld")
    if status not in STATUSES:
        reader.problem(data.line_of("status"), f"onbekende status '{status}'; kies uit: {', '.join(STATUSES)}")
        status = "concept"
    doubt = reader.get(data, "doubt_article", str, what, default="")
    if doubt and doubt not in articles:
        reader.problem(data.line_of("doubt_article"), f"doubt_article '{doubt}' bestaat niet in dit protocol; kies een bestaand artikel")
    protocol = Protocol(
        id=protocol_id or path.stem,
        title=reader.get(data, "title", str, what, default=path.stem),
        organisation=reader.get(data, "organisation", str, what, default=""),
        board=reader.get(data, "board", str, what, default=""),
        source=reader.get(data, "source", str, what, default=""),
        doubt_article=doubt,
        articles=articles,
        rulings=rulings,
        path=path,
        subtitle=reader.get(data, "subtitle", str, what),
        date=reader.get(data, "date", str, what),
        version=reader.get(data, "version", str, what),
        placeholders=placeholders,
        notes=reader.get(data, "notes", str, what, default=""),
        rulings_line=data.line_of("rulings"),
        status=status,
    )
    return protocol, reader.problems


def _read_articles(reader: Reader, data: LocatedDict) -> dict[str, Article]:
    items = reader.get(data, "articles", list, "het protocol", default=LocatedList())
    articles: dict[str, Article] = {}
    for index, item in enumerate(items):
        line = items.line_of(index)
        raw = reader.mapping(item, line, "een artikel")
        if raw is None or not reader.keys(raw, "een artikel", _ARTICLE_KEYS, _ARTICLE_OPTIONAL):
            continue
        article_id = reader.get(raw, "id", str, "een artikel")
        text = reader.get(raw, "text", str, f"artikel {article_id}")
        section = reader.get(raw, "section", str, f"artikel {article_id}")
        if not (article_id and text and section):
            continue
        if article_id in articles:
            reader.problem(line, f"artikel '{article_id}' staat er twee keer in (eerst op regel {articles[article_id].line}); geef elk artikel een eigen id")
            continue
        unnumbered = reader.get(raw, "unnumbered", bool, f"artikel {article_id}", default=False)
        label = reader.get(raw, "label", str, f"artikel {article_id}")
        if unnumbered and not label:
            reader.problem(line, f"artikel '{article_id}' is ongenummerd; geef het een 'label' dat zegt waar het staat")
        articles[article_id] = Article(
            id=article_id,
            section=section,
            text=text,
            label=label or f"Artikel {article_id}",
            unnumbered=unnumbered,
            normative=reader.get(raw, "normative", bool, f"artikel {article_id}", default=True),
            uncited=reader.get(raw, "uncited", str, f"artikel {article_id}", default=""),
            line=line,
        )
    return articles


def _read_rulings(reader: Reader, data: LocatedDict) -> dict[str, dict[str, Ruling]]:
    trees = reader.get(data, "rulings", dict, "het protocol", default=LocatedDict())
    rulings: dict[str, dict[str, Ruling]] = {}
    for tree_id, outcomes in trees.items():
        outcomes = reader.mapping(outcomes, trees.line_of(tree_id), f"rulings.{tree_id}")
        if outcomes is None:
            continue
        rulings[tree_id] = {}
        for outcome, raw in outcomes.items():
            ruling = _read_ruling(reader, tree_id, outcome, raw, outcomes.line_of(outcome))
            if ruling:
                rulings[tree_id][outcome] = ruling
    return rulings


def _read_ruling(reader: Reader, tree_id: str, outcome: str, raw: object, line: int) -> Ruling | None:
    what = f"de uitspraak {tree_id}/{outcome}"
    raw = reader.mapping(raw, line, what)
    if raw is None or not reader.keys(raw, what, _RULING_REQUIRED, _RULING_OPTIONAL):
        return None
    verdict_id = reader.get(raw, "verdict", str, what, default="")
    if verdict_id not in VERDICT_IDS:
        reader.problem(raw.line_of("verdict"), f"onbekend oordeel '{verdict_id}' in {what}; kies uit: {', '.join(VERDICT_IDS)}")
        return None
    verdict = Verdict(verdict_id)
    conditions = reader.text_list(raw, "conditions", what)
    steps = _read_steps(reader, raw, what)
    if verdict is Verdict.ALLOWED_IF and not conditions:
        reader.problem(line, f"{what} is 'allowed_if' maar noemt geen voorwaarden; vul 'conditions' in")
    if verdict is Verdict.STEPS and not steps:
        reader.problem(line, f"{what} is 'steps' maar noemt geen stappen; vul 'steps' in")
    cites = _read_cites(reader, raw, what)
    return Ruling(
        tree=tree_id,
        outcome=outcome,
        verdict=verdict,
        answer=reader.get(raw, "answer", str, what, default=""),
        explanation=reader.get(raw, "explanation", str, what, default=""),
        cites=cites,
        conditions=conditions,
        steps=steps,
        documents=reader.text_list(raw, "documents", what),
        line=line,
        review=_read_review(reader, raw, what),
        passages=_read_passages(reader, raw, what),
        note=reader.get(raw, "note", str, what, default=""),
    )


def _read_review(reader: Reader, raw: LocatedDict, what: str) -> Review | None:
    if "review" not in raw:
        return None
    review = reader.mapping(raw["review"], raw.line_of("review"), f"review van {what}")
    if review is None or not reader.keys(review, f"review van {what}", ("state",), ("source", "note", "source_articles", "previous_text", "drafted")):
        return Review("open")
    state = reader.get(review, "state", str, f"review van {what}", default="open")
    if state not in REVIEW_STATES:
        reader.problem(review.line_of("state"), f"onbekende review-status '{state}' in {what}; kies uit: {', '.join(REVIEW_STATES)}")
        state = "open"
    pairs = _text_map(reader, review, "source_articles", f"{what} hoort artikel → artikel te zijn")
    previous = _text_map(reader, review, "previous_text", f"{what} hoort artikel → tekst te zijn")
    drafted = reader.get(review, "drafted", str, f"review van {what}")
    if drafted is not None and drafted not in REVIEW_STATES:
        reader.problem(review.line_of("drafted"), f"onbekende review-status '{drafted}' bij 'drafted' in {what}; kies uit: {', '.join(REVIEW_STATES)}")
        drafted = None
    return Review(state, reader.get(review, "source", str, f"review van {what}"), reader.get(review, "note", str, f"review van {what}", default=""),
                  pairs, previous, drafted)


def _text_map(reader: Reader, review: LocatedDict, key: str, expected: str) -> dict[str, str]:
    values = reader.get(review, key, dict, f"review: {key}", default={})
    if any(not isinstance(v, str) for v in values.values()):
        reader.problem(review.line_of(key), f"{key} in {expected}; verwijder de regel of herstel haar")
        return {}
    return {str(k): v for k, v in values.items()}


def _read_passages(reader: Reader, raw: LocatedDict, what: str) -> dict[str, str]:
    passages = reader.get(raw, "passages", dict, what, default=LocatedDict())
    result: dict[str, str] = {}
    for article_id, passage in passages.items():
        if not isinstance(passage, str) or not passage.strip():
            reader.problem(passages.line_of(article_id), f"de passage bij '{article_id}' in {what} moet een tekst zijn: het stuk van het artikel waar het antwoord op rust")
            continue
        result[article_id] = passage
    return result


def _read_cites(reader: Reader, raw: LocatedDict, what: str) -> dict[str, str]:
    cites = reader.get(raw, "cites", dict, what, default=LocatedDict())
    if not cites:
        reader.problem(raw.line_of("cites"), f"{what} noemt geen artikel in 'cites'; elk antwoord rust op minstens één artikel")
    result: dict[str, str] = {}
    for article_id, pin in cites.items():
        if pin is not None and not isinstance(pin, str):
            reader.problem(cites.line_of(article_id), f"de pin van '{article_id}' in {what} moet een tekst zijn; zet hem tussen aanhalingstekens")
            pin = str(pin)
        result[article_id] = pin or ""
    return result


def _read_steps(reader: Reader, raw: LocatedDict, what: str) -> tuple[Step, ...]:
    items = reader.get(raw, "steps", list, what, default=LocatedList())
    steps = []
    for index, item in enumerate(items):
        line = items.line_of(index)
        if isinstance(item, str):
            steps.append(Step(text=item))
            continue
        item = reader.mapping(item, line, f"een stap in {what}")
        if item is None or not reader.keys(item, f"een stap in {what}", ("text",), ("who", "article")):
            continue
        steps.append(Step(
            text=reader.get(item, "text", str, "een stap", default=""),
            who=reader.get(item, "who", str, "een stap"),
            article=reader.get(item, "article", str, "een stap"),
        ))
    return tuple(steps)


def _read_placeholders(reader: Reader, data: LocatedDict) -> tuple[Placeholder, ...]:
    raw = reader.get(data, "placeholders", dict, "het protocol", default=LocatedDict())
    result = []
    for token, spec in raw.items():
        spec = reader.mapping(spec, raw.line_of(token), f"placeholder {token}")
        if spec is None or not reader.keys(spec, f"placeholder {token}", ("profile", "default")):
            continue
        result.append(Placeholder(
            token=token,
            profile_key=reader.get(spec, "profile", str, f"placeholder {token}", default=""),
            default=reader.get(spec, "default", str, f"placeholder {token}", default=""),
        ))
    return tuple(result)
