"""A new incident from a finished walk: the saved route, the ruling as it was, its steps as a checklist.

The app calls this from the incident tree's answer ("Incidentmelding starten").
An input field in the tree whose id equals a report field id (date, time,
platform, what_happened, …) fills that field in, so nothing is typed twice.
"""

from __future__ import annotations

from datetime import datetime

from smassist.core.answer_export import result_json
from smassist.core.incidents.errors import ValidationError
from smassist.core.incidents.fields import BY_ID
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


def prefill(result: Result) -> dict[str, str]:
    """Report fields the walk already collected (plain text fields only)."""
    values: dict[str, str] = {}
    for inputs in result.inputs.values():
        for field_id, value in inputs.items():
            spec = BY_ID.get(field_id)
            if spec is not None and not spec.is_list and value.strip():
                values[field_id] = value
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
