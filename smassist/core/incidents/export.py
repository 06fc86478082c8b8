"""An incident for other programs (JSON), and as plain Markdown for `show`.

The printable report (Markdown, HTML, PDF) belongs to the documents work
(report.py connects to it); `incident_markdown` is what `smassist incidents
show` prints and the export's fallback when the documents module is absent.
"""

from __future__ import annotations

from datetime import datetime

from smassist.core.incidents.fields import BY_ID, FIELDS, check_report, is_empty
from smassist.core.incidents.model import STATUSES, Incident
from smassist.core.references import step_reference
from smassist.core.roles import ROLES

FORMAT = "smassist-incident"
FORMAT_VERSION = 1


def incident_json(incident: Incident, now: datetime | None = None) -> dict:
    """Everything the register holds for one incident, plus what the form still lacks."""
    problems = check_report(incident.report, now)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": incident.id,
        "status": incident.status,
        "status_label": STATUSES.get(incident.status, incident.status),
        "created": incident.created.isoformat(),
        "updated": incident.updated.isoformat(),
        "walk": incident.walk,
        "answer": incident.answer,
        "report": {spec.id: incident.report[spec.id] for spec in FIELDS if spec.id in incident.report},
        "labels": {spec.id: spec.label for spec in FIELDS},
        "checklist": [item.to_dict() for item in incident.checklist],
        "open_points": [message for messages in problems.values() for message in messages],
    }


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


def display_value(field_id: str, value) -> list[str]:
    """A report value as lines of text (choices by their label, rows joined)."""
    spec = BY_ID[field_id]
    if is_empty(value):
        return []
    if not spec.is_list:
        text = spec.choice_label(value) if spec.choices else value
        return text.splitlines() or [""]
    lines = []
    for row in value:
        if not any(v.strip() for v in row.values()):
            continue
        parts = []
        for column in spec.columns:
            cell = row.get(column.id, "").strip()
            if cell:
                parts.append(dict(column.choices).get(cell, cell) if column.choices else cell)
        lines.append(", ".join(parts))
    return lines


def incident_markdown(incident: Incident, protocol=None) -> str:
    """The incident for a reader; with its protocol, steps cite articles as the document does."""
    answer = incident.answer
    role = ROLES.get(incident.role, incident.role)
    out = [
        f"# Incidentmelding {incident.id}",
        "",
        f"- Status: {STATUSES.get(incident.status, incident.status)}",
        f"- Aangemaakt: {local_time(incident.created)}; laatst gewijzigd: {local_time(incident.updated)}",
        f"- Protocol: {incident.protocol} · beslisboom: {incident.tree} · rol: {role}",
        "",
        "## Melding",
        "",
    ]
    for spec in FIELDS:
        lines = display_value(spec.id, incident.report.get(spec.id))
        if not lines:
            out.append(f"**{spec.label}:** (niet ingevuld)")
        elif spec.is_list or len(lines) > 1:
            out.append(f"**{spec.label}:**")
            out += [f"- {line}" if spec.is_list else f"  {line}" for line in lines]
        else:
            out.append(f"**{spec.label}:** {lines[0]}")
        out.append("")
    if incident.checklist:
        out += ["## Stappen volgens het protocol", ""]
        for item in incident.checklist:
            mark = "x" if item.done else " "
            extra = [f"wie: {item.who}"] if item.who else []
            if item.article:
                extra.append(step_reference(protocol, item.article))
            if item.done:
                extra.append(f"gedaan op {item.done.strftime('%d-%m-%Y')}")
            number = item.number(protocol)
            line = f"- [{mark}] " + (f"Stap {number}: " if number is not None else "") + item.text
            out.append(line + (f" ({'; '.join(extra)})" if extra else ""))
            if item.note.strip():
                out.append(f"  Notitie: {item.note.strip()}")
        out.append("")
    out += ["## Advies van het protocol", "", f"**{answer.get('verdict_label', '')}** — {answer.get('answer', '')}", ""]
    if answer.get("path"):
        out += ["## Waarom dit advies", ""]
        out += [f"- {step['question']} → {step['answer']}" for step in answer["path"]]
        out.append("")
    if answer.get("citations"):
        out += ["## Artikelen", ""]
        for citation in answer["citations"]:
            out.append(f"**{citation['label']}** · {citation['section']}")
            out.append("")
            out += [f"> {line}" if line else ">" for line in citation["text"].splitlines()]
            out.append("")
    return "\n".join(out).rstrip() + "\n"
