"""A new incident from a finished walk: the saved route, the ruling as it was, its steps as a checklist.

The app calls this from the incident tree's answer ("Incidentmelding starten").
Whatever the walk already knows fills the matching report field, so nothing is
asked twice: an input whose id is a report field id (date, platform, …) or its
alias (evidence → evidence_location), and the incident tree's answers on the
criminal offence and on who caused it and who is the victim.
"""

from __future__ import annotations

from datetime import datetime

from smassist.core.answer_export import result_json
from smassist.core.incidents.errors import ValidationError
from smassist.core.incidents.fields import BY_ID, Value, report_field_id
from smassist.core.incidents.model import CONCEPT, ChecklistItem, Incident
from smassist.core.incidents.store import Store, utc_now
from smassist.core.walk import SCHEMA_VERSION, Result, Walk, WalkError


def walk_dict(result: Result) -> dict:
    """The Walk.to_dict() form of the walk that produced a result."""
    answered = [step for step in result.path if not step.skipped]
    return {
        "version": SCHEMA_VERSION,
        "tree": result.tree.id,
        "protocol": result.protocol.id,
        "role": result.role,
        "answers": {step.node.id: step.option.id for step in answered if step.option is not None},
        "inputs": result.inputs,
        "cursor": len(answered),
    }


def checklist_from(result: Result, profile: dict[str, str] | None = None) -> list[ChecklistItem]:
    """The protocol's own steps for this outcome, in its order, none done yet."""
    return [
        ChecklistItem(position=number, text=result.protocol.fill(step.text, profile), who=step.who, article=step.article)
        for number, step in enumerate(result.ruling.steps, 1)
    ]


# The incident tree's questions whose answer is a report field, so the form does not ask again.
_CRIMINAL_NODES = ("criminal_pupil_parent", "criminal_staff", "criminal_outsider")
_CRIMINAL = {"nee": "nee", "mogelijk": "onbekend", "ja": "ja"}
_OFFENDER_NODES = ("offender", "leak_offender")
_VICTIM_NODES = ("victim_pupil_parent", "victim_staff", "victim_outsider")
_ROLES = {"pupil": "leerling", "parent": "ouder", "staff": "medewerker", "school": "school",
          "outsider": "anders", "unknown": "anders"}


def prefill(result: Result) -> dict[str, Value]:
    """Report fields the walk already collected: its typed inputs and the answers that are a field."""
    values: dict[str, Value] = {}
    for inputs in result.inputs.values():
        for input_id, value in inputs.items():
            field_id = report_field_id(input_id)
            if field_id is not None and value.strip():
                # a one-line form field gets the typed lines joined, so nothing typed is hidden
                text = value if BY_ID[field_id].kind == "longtext" else "; ".join(
                    line.strip() for line in value.splitlines() if line.strip())
                values[field_id] = text
    if result.tree.id != "incident":
        return values
    involved = []
    for step in result.path:
        if step.skipped or step.option is None:
            continue
        node, option = step.node.id, step.option.id
        if node in _CRIMINAL_NODES and option in _CRIMINAL:
            values["criminal"] = _CRIMINAL[option]
        elif node in _OFFENDER_NODES + _VICTIM_NODES and option in _ROLES:
            part = "pleger" if node in _OFFENDER_NODES else "slachtoffer"
            involved.append({"role": _ROLES[option], "part": part, "name": ""})
    if involved:
        values["involved"] = involved
    return values


def new_incident(result: Result, profile: dict[str, str] | None = None, now: datetime | None = None) -> Incident:
    """An unsaved incident (id None), status concept."""
    now = now or utc_now()
    return Incident(
        id=None, status=CONCEPT, created=now, updated=now, walk=walk_dict(result),
        answer=result_json(result, profile), report=prefill(result), checklist=checklist_from(result, profile),
    )


def result_of(source: Result | Walk | dict, catalog=None) -> Result:
    """The result of a finished walk, given as a Result, a Walk, or a saved walk (Walk.to_dict())."""
    if isinstance(source, Result):
        return source
    try:
        if isinstance(source, dict):
            if catalog is None:
                from smassist.core.catalog_sources import load_user_catalog

                catalog = load_user_catalog()
            source = Walk.from_dict(source, catalog.trees, catalog.protocols)
        if not isinstance(source, Walk):
            raise ValidationError("een incident begint bij een afgeronde beslisroute")
        return source.result()
    except WalkError as exc:
        raise ValidationError(str(exc)) from None


def create_incident(source: Result | Walk | dict, *, store: Store | None = None, catalog=None,
                    profile: dict[str, str] | None = None) -> Incident:
    """Save a new incident for a finished walk and return it (with its id).

    Without a store the user's register is opened and closed again.
    """
    result = result_of(source, catalog)
    if store is not None:
        return store.add(new_incident(result, profile, store.now()))
    with Store() as own:
        return own.add(new_incident(result, profile, own.now()))
