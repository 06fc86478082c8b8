"""An incident: the saved walk, the report form, and the protocol's steps as a checklist."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from smassist.core.incidents.fields import Value

CONCEPT, REPORTED, CLOSED = "concept", "gemeld", "afgerond"
STATUSES: dict[str, str] = {CONCEPT: "Concept", REPORTED: "Gemeld", CLOSED: "Afgerond"}


@dataclass
class ChecklistItem:
    """One step of the protocol, ticked off with the date it was done and a note."""

    position: int  # 1, 2, 3 … in the protocol's order
    text: str
    who: str | None = None
    article: str | None = None
    done: date | None = None
    note: str = ""

    @property
    def short(self) -> str:
        """The step by its first words, to name it in a status line or a list of facts."""
        words = self.text.split()
        return " ".join(words[:6]) + (" …" if len(words) > 6 else "")

    def number(self, protocol) -> int | None:
        """The protocol's own number for this step ("Stap 4" in its plan), None when its article has none.

        Never the position: the protocol's step 4 may be the tenth item here, and a reader compares the
        screen and the printed report with the protocol itself.
        """
        if protocol is None or not self.article:
            return None
        from smassist.core.documents.plan import step_heading  # the documents package only when steps are shown

        return step_heading(protocol.articles.get(self.article))[0]

    def to_dict(self) -> dict:
        return {
            "position": self.position,
            "text": self.text,
            "who": self.who,
            "article": self.article,
            "done": self.done.isoformat() if self.done else None,
            "note": self.note,
        }


@dataclass
class Incident:
    """What the register holds for one incident.

    walk: Walk.to_dict() of the walk that led here (tree, protocol, role, answers, inputs).
    answer: a snapshot of the ruling as it was (answer_export.result_json), so the report
        stays what the user saw even when the protocol files change later.
    report: field id → value (see fields.py); absent means not filled in.
    version: the stored version when read (0 for an unsaved incident).
    Timestamps are aware datetimes in UTC.
    """

    id: int | None
    status: str
    created: datetime
    updated: datetime
    walk: dict
    answer: dict
    report: dict[str, Value] = field(default_factory=dict)
    checklist: list[ChecklistItem] = field(default_factory=list)
    version: int = 0  # goes up with every change; a save names the version it was based on
    damaged: list[str] = field(default_factory=list)  # parts left out because they were damaged (Dutch)

    @property
    def tree(self) -> str:
        return self.walk["tree"]

    @property
    def protocol(self) -> str:
        return self.walk["protocol"]

    @property
    def role(self) -> str:
        return self.walk["role"]

    @property
    def inputs(self) -> dict[str, dict[str, str]]:
        return self.walk.get("inputs", {})

    @property
    def outcome(self) -> str | None:
        return self.answer.get("outcome")

    def next_step(self) -> ChecklistItem | None:
        return next((item for item in self.checklist if item.done is None), None)

    def step(self, position: int) -> ChecklistItem | None:
        return next((item for item in self.checklist if item.position == position), None)


@dataclass(frozen=True)
class Summary:
    """One line of the incidents list."""

    id: int
    status: str
    created: datetime
    updated: datetime
    tree: str
    protocol: str
    incident_date: str  # as typed in the form, "" when not filled in
    platform: str
    steps_done: int
    steps_total: int
    next_step: str | None  # the first step not yet ticked off

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)
