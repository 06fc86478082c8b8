"""The question screen's walk draft on disk, and the restart that asks before typed facts are lost.

A walk that reaches a form (the incident tree for staff) is kept on disk as a
draft on every key typed into the form and after every answer (see question.py).
"""

from __future__ import annotations

from smassist.core.walk_draft import Pending
from smassist.tui.draft_writing import draft_writer, forget_draft


class DraftKeeping:
    """Mixin for the question screen: what it keeps of its walk and form on disk."""

    def pending(self) -> Pending:
        """The values typed but not yet accepted by the walk: the form on screen, and forms left with Escape."""
        kept = {node_id: dict(values) for node_id, values in self.restore.items()}
        node = self.walk.current
        if node is not None and node.id == self.form_node:
            kept[node.id] = dict(self.typed)
        return kept

    def unsaved_labels(self) -> list[str]:
        """The labels of the fields whose typed text a restart would throw away (not in the register)."""
        facts = self.facts(self.pending())
        if self.registered is not None and facts == self.registered:
            return []
        labels = []
        for node_id, values in facts.items():
            node = self.walk.tree.nodes.get(node_id)
            for field in node.fields if node is not None and node.kind == "input" else ():
                if str(values.get(field.id, "")).strip() and field.label not in labels:
                    labels.append(field.label)
        return labels

    def facts(self, pending: Pending) -> dict:
        """What the user typed, as it stands: the walk's inputs, with the form on screen over them."""
        facts = {node: dict(values) for node, values in self.walk.inputs.items()}
        for node, values in pending.items():
            facts[node] = {field: value.strip() for field, value in values.items()}
        return facts

    def save_draft(self) -> None:
        """Keep the walk and the form on disk; the writing (with its fsync) happens off the UI loop."""
        if not self.drafting:
            return
        pending = self.pending()
        if self.registered is not None and self.facts(pending) == self.registered:
            self.forget_draft()  # nothing typed since the incident went into the register
            return
        draft_writer(self.app).save(self.walk, pending)

    def forget_draft(self) -> None:
        """Remove the draft: the facts are in the register, or the user restarted or left this walk."""
        if self.drafting:
            forget_draft(self.app)

    def incident_started(self) -> None:
        """The answer made an incident of this walk: its facts are in the register now."""
        self.registered = self.facts(self.pending())
        self.forget_draft()


def confirm_restart(screen, restart) -> None:
    """Restart at once when nothing typed would be lost; otherwise ask first, naming what would be lost."""
    from smassist.tui.screens.incident_confirm import IncidentConfirmScreen

    lost = screen.unsaved_labels()
    if not lost:
        restart()
        return
    detail = ("Dan gaat verloren wat je hebt ingevuld bij: " + ", ".join(lost)
              + ". Wil je het bewaren, kies dan Annuleren en ga terug met Escape: het blijft dan bewaard.")
    screen.app.push_screen(IncidentConfirmScreen("Opnieuw beginnen?", detail, yes="Opnieuw beginnen"),
                           callback=lambda yes: restart() if yes else None)
