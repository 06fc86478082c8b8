"""The context a document template sees: profile + walk answers + ruling + data + Dutch dates.

Everything a template prints from a protocol goes through `Protocol.fill`, so
a model protocol's "[naam school]" shows the school's name. A value a
document needs and nobody gave is collected as `Missing` (the screen asks for
it, the command line names it), never printed blank.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field

from smassist.core.documents.context_extras import HOOKS
from smassist.core.documents.dates import dutch_date
from smassist.core.documents.missing import DocumentError, Missing
from smassist.core.documents.plan import complete_plan, group_steps, step_place
from smassist.core.documents.registry import DOCUMENTS, GENERAL_KEYS, DataField, DocumentSpec
from smassist.core.models import Article, Node, Protocol, Ruling, Tree
from smassist.core.profile import FIELD_NAMES, LABELS
from smassist.core.references import step_reference
from smassist.core.roles import ROLES
from smassist.core.walk import Result


@dataclass
class Source:
    """Where the protocol content of a document comes from."""

    protocol: Protocol
    tree: Tree | None = None
    ruling: Ruling | None = None
    result: Result | None = None
    articles: list[Article] = field(default_factory=list)
    steps: tuple | None = None  # instead of the ruling's steps (a blank form for several situations)


def spec_for(document_id: str) -> DocumentSpec:
    spec = DOCUMENTS.get(document_id)
    if spec is None:
        close = difflib.get_close_matches(document_id, DOCUMENTS, n=1)
        hint = f"bedoel je '{close[0]}'?" if close else f"kies uit: {', '.join(DOCUMENTS)}"
        raise DocumentError(f"onbekend document '{document_id}'; {hint}")
    return spec


# -- data ---------------------------------------------------------------------------


def normalise_data(spec: DocumentSpec, data: dict | None) -> dict:
    """Check a data file's keys and bring values into shape (lists, numbers, dates as text)."""
    data = dict(data or {})
    known = [f.id for f in spec.fields] + list(GENERAL_KEYS) + list(FIELD_NAMES)
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"bedoel je '{close[0]}'?" if close else f"toegestaan: {', '.join(known)}"
            raise DocumentError(f"onbekende sleutel '{key}' in de gegevens voor '{spec.id}'; {hint}", key=key)
    out: dict = {}
    for key, value in data.items():
        data_field = spec.field(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        kind = data_field.kind if data_field else ("list" if key == "articles" else "text")
        try:
            out[key] = _shape(spec, key, kind, value, data_field)
        except DocumentError as exc:
            exc.key = key
            raise
    return out


def _shape(spec: DocumentSpec, key: str, kind: str, value, data_field: DataField | None):
    where = f"'{key}' in de gegevens voor '{spec.id}'"
    if kind == "list":
        if isinstance(value, str):
            items = [line.strip(" -\t") for line in value.splitlines()]
        elif isinstance(value, (list, tuple)):
            items = [str(v).strip() for v in value]
        else:
            raise DocumentError(f"{where} moet een lijst zijn")
        items = [i for i in items if i]
        if not items:
            raise DocumentError(f"{where} is leeg")
        return items
    if kind == "facts":
        if isinstance(value, dict):
            return {str(k): _text(v) for k, v in value.items() if _text(v)}
        raise DocumentError(f"{where} moet een mapping zijn (label: waarde)")
    if kind == "number":
        try:
            number = int(str(value).strip())
        except ValueError:
            raise DocumentError(f"{where} moet een getal zijn, niet '{value}'") from None
        if not 0 < number < 120:
            raise DocumentError(f"{where}: {number} is geen leeftijd")
        return number
    if kind == "choice":
        text = str(value).strip()
        if data_field and text not in data_field.choices:
            raise DocumentError(f"{where}: '{text}' past niet; kies uit: {', '.join(data_field.choices)}")
        return text
    if isinstance(value, (dict, list)):
        raise DocumentError(f"{where} moet een tekst zijn")
    return _text(value)


def _text(value) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return str(value).strip()


# -- where the protocol content comes from ---------------------------------------------


def offering_rulings(protocol: Protocol, document_id: str) -> list[Ruling]:
    return [r for ruled in protocol.rulings.values() for r in ruled.values() if document_id in r.documents]


def find_source(spec: DocumentSpec, protocol: Protocol, trees: dict[str, Tree], result: Result | None, data: dict) -> Source:
    if result is not None:
        if result.protocol.id != protocol.id:
            raise DocumentError(f"de beslisroute hoort bij protocol '{result.protocol.id}', niet bij '{protocol.id}'")
        source = Source(protocol, result.tree, result.ruling, result, [c.article for c in result.citations])
    elif "outcome" in data:
        tree_id, _, outcome = str(data["outcome"]).partition("/")
        ruling = protocol.ruling(tree_id, outcome)
        if ruling is None:
            raise DocumentError(f"protocol '{protocol.id}' heeft geen uitspraak '{data['outcome']}'; schrijf outcome: BOOM/UITKOMST",
                                key="outcome")
        source = Source(protocol, trees.get(tree_id), ruling, None, _cited(protocol, ruling))
    else:
        offered = offering_rulings(protocol, spec.id)
        ruling = offered[0] if offered else None
        tree = trees.get(ruling.tree) if ruling else None
        common = None
        if spec.blank and offered:
            common, ruling = complete_plan([r.steps for r in offered]), None
        elif spec.situational and len({r.steps for r in offered}) > 1:
            # several situations with different step plans: keep the steps every one of them
            # shares, take the articles from the pattern, and rest on no single situation
            common = tuple(s for s in offered[0].steps if all(s in r.steps for r in offered))
            ruling = None
        source = Source(protocol, tree, ruling, None, _cited(protocol, ruling) if ruling else [], common)
    if "articles" in data:
        unknown = [a for a in data["articles"] if a not in protocol.articles]
        if unknown:
            raise DocumentError(f"artikel '{unknown[0]}' bestaat niet in protocol '{protocol.id}'; zie 'smassist articles {protocol.id}'",
                                key="articles")
        source.articles = [protocol.articles[a] for a in data["articles"]]
    if spec.article_pattern:
        pattern = re.compile(spec.article_pattern)
        if not source.articles:
            source.articles = [a for a in protocol.articles.values() if pattern.search(a.text)]
        elif spec.focus and "articles" not in data:
            # a ruling cites more than this document is about: keep the articles it rests on
            source.articles = [a for a in source.articles if pattern.search(a.text)] or source.articles
    if source.steps:
        shown = {a.id for a in source.articles}
        wanted = shown | {step.article for step in source.steps if step.article in protocol.articles}
        source.articles = [a for a in protocol.articles.values() if a.id in wanted]
    if spec.needs_articles and not source.articles:
        raise DocumentError(
            f"protocol '{protocol.id}' heeft geen regels over {spec.what_articles}, dus geen '{spec.id}'; "
            f"noem zelf artikelen met 'articles: [...]' in het gegevensbestand"
        )
    return source


FILLED_MARK = "*"


def _quoted(protocol: Protocol, article: Article, profile: dict) -> dict:
    """An article quoted verbatim; words smassist filled in are marked, and a note under it says so."""
    text, spans = protocol.filled(article.text, profile)
    for start, end, _ in reversed(spans):
        text = text[:end] + FILLED_MARK + text[end:]
    keys = {p.token: p.profile_key for p in protocol.placeholders}
    what = sorted({LABELS.get(keys.get(token, ""), "een gegeven van de school").lower() for _, _, token in spans})
    note = (f"{FILLED_MARK} Ingevuld door smassist: het modelprotocol laat hier open "
            + " of ".join(f"de {w}" if not w.startswith(("de ", "het ", "een ")) else w for w in what) + ".") if what else ""
    return {"id": article.id, "label": article.reference, "section": protocol.heading(article.section, profile),
            "text": text, "note": note, "plain": protocol.fill(article.text, profile)}


def _cited(protocol: Protocol, ruling: Ruling) -> list[Article]:
    return [protocol.articles[a] for a in ruling.cites if a in protocol.articles]


# -- the pieces of the context ------------------------------------------------------------


def _input_node_text(node: Node, values: dict[str, str]) -> str:
    parts = []
    for f in node.fields:
        value = values.get(f.id, "")
        if value:
            label = f.label if f.label.endswith(("?", ":")) else f.label + ":"
            parts.append(f"{label} {dutch_date(value) if f.kind == 'date' else value}")
    joined = ""
    for part in parts:
        # a description that ends its own sentence is not followed by a stray ';' (".; ")
        joined += ("" if not joined else " " if joined.endswith((".", "!", "?")) else "; ") + part
    return joined


def _facts(source: Source, data: dict) -> list[dict]:
    facts = []
    if source.result is not None:
        for step in source.result.path:
            if step.values is None:
                continue
            for f in step.node.fields:
                value = step.values.get(f.id, "")
                if value:
                    facts.append({"label": f.label, "value": dutch_date(value) if f.kind == "date" else value,
                                  "kind": f.kind, "id": f.id, "node": step.node.id})
    labels = {f.id: f for node in (source.tree.nodes.values() if source.tree else ()) for f in node.fields}
    for key, value in data.get("facts", {}).items():
        known = labels.get(key)
        label = known.label if known else key
        kind = known.kind if known else ("date" if re.search(r"datum", key, re.I) else "text")
        facts.append({"label": label, "value": dutch_date(value) if kind == "date" else value, "kind": kind,
                      "id": key, "node": None})
    return facts


# -- the whole context ----------------------------------------------------------------------


def build(spec: DocumentSpec, protocol: Protocol, profile: dict[str, str], trees: dict[str, Tree],
          result: Result | None = None, data: dict | None = None, today: _dt.date | None = None) -> tuple[dict, list[Missing]]:
    """The template context and every value still missing (empty when the document can be made)."""
    data = normalise_data(spec, data)
    if spec.blank:
        result = None  # a form to fill in by hand carries nothing from an earlier answer
    profile = {**{k: v for k, v in profile.items() if v}, **{k: data[k] for k in FIELD_NAMES if k in data}}
    fill = lambda text: protocol.fill(text, profile)  # noqa: E731
    source = find_source(spec, protocol, trees, result, data)
    missing: list[Missing] = []

    def need_profile(key: str) -> None:
        if not profile.get(key) and not any(m.key == key for m in missing):
            missing.append(Missing(spec.id, key, LABELS[key], "profile"))

    for key in spec.profile:
        need_profile(key)
    for f in spec.fields:
        if f.required and f.id not in data:
            missing.append(Missing(spec.id, f.id, f.label, "data", f))

    ruling = source.ruling
    steps = [{"number": n, "text": fill(s.text), "who": fill(s.who) if s.who else None, "article": s.article,
              "article_label": step_reference(protocol, s.article) if s.article in protocol.articles else None,
              "where": step_place(protocol.articles.get(s.article) if s.article else None)}
             for n, s in enumerate(source.steps if source.steps is not None else ruling.steps if ruling else (), 1)]
    articles = [_quoted(protocol, a, profile) for a in source.articles]
    context: dict = {
        "document": {"id": spec.id, "title": spec.title},
        "today": dutch_date(data["date"]) if "date" in data else dutch_date(today or _dt.date.today()),
        "profile": profile,
        "labels": LABELS,
        "school": {"name": profile.get("school_name", ""), "board": profile.get("board") or protocol.board},
        "protocol": {"id": protocol.id, "title": protocol.heading(protocol.title, profile), "organisation": protocol.organisation,
                     "board": protocol.board, "date": protocol.date, "version": protocol.version},
        "tree": {"id": source.tree.id, "title": source.tree.title} if source.tree else None,
        "role": ROLES[result.role] if result is not None else None,
        "ruling": None,
        "articles": articles,
        "steps": steps,
        "step_groups": group_steps(steps, protocol),
        "path": [],
        "facts": _facts(source, data),
        "data": data,
    }
    if ruling is not None:
        context["ruling"] = {
            "outcome": f"{ruling.tree}/{ruling.outcome}", "verdict": ruling.verdict.value,
            "verdict_label": ruling.verdict.label, "answer": fill(ruling.answer),
            "explanation": fill(ruling.explanation), "conditions": [fill(c) for c in ruling.conditions],
        }
    if result is not None:
        context["path"] = [
            {"question": step.node.text_for_role(result.role),
             "answer": _input_node_text(step.node, step.values) if step.values is not None else step.answer_text(),
             "asked": not step.skipped}
            for step in result.path
        ]

    hook = HOOKS.get(spec.id)
    if hook:
        hook(context, source, data, profile, fill, missing, need_profile)
    return context, missing
