"""A separate process that edits the incident register, for the crash and two-process tests.

Run: python tests/incident_worker.py MODE DB INCIDENT_ID FIRST [COUNT]
  edit: apply operation(i) for i = FIRST, FIRST+1, ... (COUNT times, or until killed),
        printing i after each change has been committed.
  Before the first change it prints "ready"; with --wait it then waits for a line on stdin,
  so several workers can start at the same moment. In 'edit' mode the store is opened after
  that line, so workers also race to open (and create) the database.
"""

from __future__ import annotations

import sys
from pathlib import Path

TEXT_FIELDS = ("reporter", "platform", "what_happened", "evidence_links", "evidence_location")
STEPS = (1, 2, 3)


def value_for(i: int) -> str:
    """A value that says which change wrote it; some long enough to need overflow pages."""
    return f"v{i}:" + "abcdefghij" * ((i * 37) % 600)


def operation(i: int, fields: tuple[str, ...] = TEXT_FIELDS) -> tuple[str, object, str]:
    """Change number i: ('field', name, value) or ('note', step position, value)."""
    if i % 4 == 3:
        return ("note", STEPS[i % len(STEPS)], value_for(i))
    return ("field", fields[i % len(fields)], value_for(i))


def changed_from(value: str) -> int:
    return int(value[1:].split(":", 1)[0])


def main(argv: list[str]) -> int:
    wait = "--wait" in argv
    argv = [a for a in argv if a != "--wait"]
    mode, db, incident_id, first = argv[0], Path(argv[1]), int(argv[2]), int(argv[3])
    count = int(argv[4]) if len(argv) > 4 else None
    fields = tuple(argv[5].split(",")) if len(argv) > 5 else TEXT_FIELDS
    from smassist.core.incidents.store import Store

    print("ready", flush=True)
    if wait:
        sys.stdin.readline()
    store = Store(db)
    if mode == "create":
        # make COUNT incidents, each with one field, reporting the new ids
        from tests.incident_helpers import finished_walk
        from smassist.core.incidents.create import new_incident

        template = new_incident(finished_walk().result(), now=store.now())
        for i in range(first, first + (count or 1)):
            made = store.add(template)
            store.save_field(made.id, "reporter", value_for(i))
            print(f"{i} {made.id}", flush=True)
        store.close()
        return 0
    i = first
    while count is None or i < first + count:
        kind, target, value = operation(i, fields)
        if kind == "field":
            store.save_field(incident_id, target, value)
        else:
            store.save_step_note(incident_id, target, value)
        print(i, flush=True)
        i += 1
    store.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main(sys.argv[1:]))
