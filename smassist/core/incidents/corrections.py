"""A fact corrected in the form replaces its copies in the saved walk and the ruling snapshot.

The walk's input fields whose id is a report field (date, platform, …) hold
what was typed before the incident existed, and the ruling snapshot's path
repeats them as the input step's answer ("date: 01-02-2026; platform: TikTok").
When the form changes such a field, both copies take the new value (empty
when cleared), so `incidents show`, the JSON export and the file itself hold
only the corrected fact. Pure functions on the stored dicts.
"""

from __future__ import annotations

from collections.abc import Mapping

from smassist.core.incidents.fields import BY_ID, Value, is_empty, report_field_id


def correct(walk: dict, answer: dict, values: Mapping[str, Value]) -> tuple[dict, dict] | None:
    """The walk and answer with the form's values in place of the walk's inputs; None when nothing changes."""
    plain = {name: ("" if is_empty(value) else value) for name, value in values.items()
             if name in BY_ID and not BY_ID[name].is_list}
    inputs = walk.get("inputs")
    if not plain or not isinstance(inputs, dict):
        return None
    changed_nodes = {}
    for node, fields in inputs.items():
        if not isinstance(fields, dict):
            continue
        new = {name: plain[field_id] if (field_id := report_field_id(name)) in plain else old
               for name, old in fields.items()}
        if new != fields:
            changed_nodes[node] = (fields, new)
    if not changed_nodes:
        return None
    new_walk = {**walk, "inputs": {**inputs, **{node: new for node, (_, new) in changed_nodes.items()}}}
    return new_walk, _correct_path(answer, changed_nodes)


def _correct_path(answer: dict, changed: dict[str, tuple[dict, dict]]) -> dict:
    path = answer.get("path")
    if not isinstance(path, list):
        return answer
    new_path = []
    for step in path:
        if isinstance(step, dict) and step.get("node") in changed and step.get("option") is None:
            step = {**step, "answer": answer_text(changed[step["node"]][1], str(step.get("answer", "")))}
        new_path.append(step)
    return {**answer, "path": new_path}


def answer_text(fields: dict[str, str], old_text: str) -> str:
    """Walk's answer text of an input step ("k: v; k: v", empty values left out), in the old text's order.

    The stored walk's keys are sorted, so the order the user saw is taken from
    the old text; a field that was empty before comes last.
    """
    def place(name: str) -> int:
        at = old_text.find(f"{name}: ")
        return at if at >= 0 else len(old_text) + 1

    ordered = sorted(fields, key=place)
    return "; ".join(f"{name}: {fields[name]}" for name in ordered if fields[name])
