"""An answer as plain text (to read, copy or paste) and as JSON (for other programs)."""

from __future__ import annotations

import textwrap

from smassist.core.references import step_reference
from smassist.core.roles import ROLES

CONCEPT_MARK = "concept – nog niet nagekeken"
from smassist.core.walk import Result


def citation_heading(result: Result, citation, profile: dict[str, str] | None = None) -> str:
    article = citation.article
    protocol = result.protocol
    return f"{article.reference} · {protocol.heading(article.section, profile)} · {protocol.heading(protocol.title, profile)} ({protocol.organisation})"


def _step_label(protocol, step) -> str | None:
    return step_reference(protocol, step.article) if step.article in protocol.articles else None


def result_text(result: Result, profile: dict[str, str] | None = None, width: int = 78, plain: bool = False) -> str:
    """The answer as text; `plain` (for the clipboard): no border characters, paragraphs not wrapped."""
    if plain:
        width = 100_000  # a pasted paragraph wraps in the program it is pasted into
    bar = "    " if plain else "    │ "
    fill = lambda text: result.protocol.fill(text, profile)  # noqa: E731
    ruling = result.ruling
    lines = [
        f"{result.tree.title} — {ROLES[result.role]} — protocol {result.protocol.organisation}",
        *([f"!! {CONCEPT_MARK.upper()}: dit protocol is geïmporteerd en nog niet door de school nagekeken."] if result.protocol.is_draft else []),
        "",
        ruling.verdict.display.upper(),
        *textwrap.wrap(fill(ruling.answer), width),
    ]
    if ruling.note:
        lines += ["", *textwrap.wrap(f"Let op: {fill(ruling.note)}", width)]
    if ruling.conditions:
        lines += ["", "Voorwaarden (mits):", *(f"  - {fill(c)}" for c in ruling.conditions)]
    if ruling.steps:
        lines += ["", "Stappen:"]
        for number, step in enumerate(ruling.steps, 1):
            who = f" ({step.who})" if step.who else ""
            lines.append(f"  {number}. {fill(step.text)}{who}")
    lines += ["", "Toelichting:", *textwrap.wrap(fill(ruling.explanation), width, initial_indent="  ", subsequent_indent="  ")]
    lines += ["", "Wat het protocol zegt:"]
    for citation in result.citations:
        lines.append(f"  {citation_heading(result, citation, profile)}")
        if citation.passage:
            lines += textwrap.wrap(f"Het antwoord rust op: “{citation.highlighted(profile)}”", width, initial_indent="    ", subsequent_indent="    ")
        for paragraph in citation.text(profile).split("\n"):
            lines += textwrap.wrap(paragraph, width, initial_indent=bar, subsequent_indent=bar) or [bar.rstrip()]
    lines += ["", "Waarom dit antwoord:"]
    for step in result.path:
        lines.append(f"  - {step.node.text_for_role(result.role)} → {step.answer_text()}")
    return "\n".join(lines) + "\n"


def result_json(result: Result, profile: dict[str, str] | None = None) -> dict:
    fill = lambda text: result.protocol.fill(text, profile)  # noqa: E731
    ruling = result.ruling
    return {
        "tree": result.tree.id,
        "protocol": result.protocol.id,
        "role": result.role,
        "outcome": result.outcome,
        "outcomes": list(result.outcomes),
        "concept": result.protocol.is_draft,
        "concept_note": CONCEPT_MARK if result.protocol.is_draft else None,
        "verdict": ruling.verdict.value,
        "verdict_label": ruling.verdict.label,
        "answer": fill(ruling.answer),
        "explanation": fill(ruling.explanation),
        "note": fill(ruling.note) or None,
        "conditions": [fill(c) for c in ruling.conditions],
        "steps": [{"text": fill(s.text), "who": s.who, "article": s.article,
                   "article_label": _step_label(result.protocol, s)} for s in ruling.steps],
        "citations": [
            {
                "protocol": result.protocol.id,
                "article": c.article.id,
                "label": c.article.reference,
                "section": c.article.section,
                "text": c.text(profile),
                "passage": c.highlighted(profile),
                "hash": c.article.hash,
            }
            for c in result.citations
        ],
        "path": [
            {
                "node": step.node.id,
                "question": step.node.text_for_role(result.role),
                "option": step.option.id if step.option else None,
                "answer": step.answer_text(),
                "asked": not step.skipped,
            }
            for step in result.path
        ],
        "documents": list(ruling.documents),
    }
