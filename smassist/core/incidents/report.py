"""The printable incident report (Markdown, text, HTML, PDF), made by the documents work.

The documents module renders `templates/incident_report.md.j2` from a walk's
result plus `facts`. This module is the bridge: it replays the incident's
saved walk against the current catalog and hands the report form over as
facts (the form's values replace the walk's own inputs where they share a
field id, so nothing shows twice), with the checklist's progress.

No template lives here. The JSON export (export.py) is the faithful record;
the printed report uses the protocol text as it is now.
"""

from __future__ import annotations

from smassist.core.incidents.errors import IncidentError
from smassist.core.incidents.export import display_value
from smassist.core.incidents.fields import FIELDS, report_field_id
from smassist.core.incidents.model import STATUSES, Incident

DOCUMENT = "incident_report"

# A value the user chose to fill in by hand on paper: the report prints its label with this line.
BY_HAND = "_" * 28
FORMATS = ("md", "txt", "html", "pdf")


def replay_walk(incident: Incident) -> dict:
    """The saved walk with the form's current values in place of the walk's inputs (same field id)."""
    walk = {**incident.walk, "inputs": {node: dict(values) for node, values in incident.inputs.items()}}
    for values in walk["inputs"].values():
        for input_id in values:
            field_id = report_field_id(input_id)
            if field_id is not None and field_id in incident.report:
                values[input_id] = str(incident.report[field_id])
    return walk


def report_facts(incident: Incident, protocol=None, in_plan: dict | None = None) -> dict[str, str]:
    """The form's fields and the checklist's progress as label → text, in the form's order.

    Steps in `in_plan` (see step_progress) are printed in the plan itself and left out here.

    With the protocol, a step is named as the protocol numbers it ("Stap 4 Sneeuwbal stoppen: Stop de …"),
    never by its place in our list (which would print "Stap 10" for the protocol's step 4).
    """
    in_walk = {report_field_id(input_id) for values in incident.inputs.values() for input_id in values}
    facts = {"Incidentnummer": str(incident.id), "Status": STATUSES.get(incident.status, incident.status)}
    for spec in FIELDS:
        if spec.id in in_walk and not spec.is_list:
            continue  # shown from the walk, with the form's value
        lines = display_value(spec.id, incident.report.get(spec.id))
        if lines:
            facts[spec.label] = "\n".join(lines)
    for item in incident.checklist:
        if (item.done is not None or item.note.strip()) and item.position not in (in_plan or {}):
            facts[_step_label(item, protocol)] = _progress(item)
    return facts


def _progress(item) -> str:
    state = f"gedaan op {item.done.strftime('%d-%m-%Y')}" if item.done else "nog niet gedaan"
    return state + (f"; notitie: {item.note.strip()}" if item.note.strip() else "")


def step_progress(incident: Incident, ruling) -> dict[int, tuple[bool, str]]:
    """Ticked steps and notes by their place in the ruling's plan, where the plan still has that step.

    The report prints them in its plan (ticked, with the date); a step whose place now holds another
    article (the protocol changed since) is left out here and stays in the facts instead.
    """
    steps = ruling.steps if ruling is not None else ()
    return {item.position: (item.done is not None, _progress(item))
            for item in incident.checklist
            if (item.done is not None or item.note.strip()) and item.position <= len(steps)
            and steps[item.position - 1].article == item.article}


def render_report(incident: Incident, fmt: str, catalog, profile: dict[str, str] | None = None) -> str | bytes:
    """The incident report in one format; IncidentError (Dutch, one line) when it cannot be made."""
    if fmt not in FORMATS:
        raise IncidentError(f"onbekend formaat '{fmt}'; kies uit: {', '.join(FORMATS)}")
    from smassist.core.documents import DocumentError, make
    from smassist.core.walk import Walk, WalkError

    try:
        walk = Walk.from_dict(replay_walk(incident), catalog.trees, catalog.protocols)
        result = walk.result()
    except WalkError:
        raise IncidentError(f"het verslag kan niet worden gemaakt: beslisboom '{incident.tree}' of protocol "
                            f"'{incident.protocol}' is veranderd of bestaat niet meer; exporteer als json") from None
    try:
        progress = step_progress(incident, result.ruling)
        rendered = make(DOCUMENT, result.protocol, profile or {}, trees=catalog.trees, result=result,
                        data={"facts": report_facts(incident, result.protocol, progress)}, progress=progress)
        return rendered.output(fmt)
    except DocumentError as exc:
        raise IncidentError(str(exc)) from None


def _step_label(item, protocol) -> str:
    if protocol is None:
        return f"Stap {item.position}"
    from smassist.core.documents.plan import step_heading

    _, heading = step_heading(protocol.articles.get(item.article) if item.article else None)
    return f"{heading}: {item.short}"


def missing_profile_values(incident: Incident, catalog, profile: dict[str, str]) -> list[tuple[str, str]]:
    """(key, label) of the school-profile values the printable report still needs ([] when it can be made).

    The app's export dialog and `smassist incidents export` both ask for these before rendering.
    """
    from smassist.core.documents import DocumentError, missing_values
    from smassist.core.walk import Walk, WalkError

    try:
        result = Walk.from_dict(replay_walk(incident), catalog.trees, catalog.protocols).result()
        missing = missing_values(DOCUMENT, result.protocol, profile, trees=catalog.trees, result=result)
    except (WalkError, DocumentError):  # the render itself then says what is wrong
        return []
    return [(m.key, m.label) for m in missing if m.source == "profile"]
