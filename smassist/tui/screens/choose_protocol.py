"""A small dialog: which protocol does your school use?"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from smassist.core.models import Protocol
from smassist.core.paths import is_bundled
from smassist.tui.styled_once import StyledOnce


class ChooseProtocolScreen(StyledOnce, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Annuleren"), Binding("n", "review", "Nakijken")]

    def __init__(self, protocols: list[Protocol], current: str | None, values: dict[str, str]) -> None:
        super().__init__()
        self.protocols = protocols
        self.current = current
        self.values = values

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Welk protocol gebruikt je school?", id="dialog-title")
            yield OptionList(*self._options(), id="choices", markup=False)
            # a file that would replace a bundled protocol is not used: whoever put it there learns it here
            for problem in getattr(getattr(self.app, "catalog", None), "shadowed", []):
                yield Static(Content.assemble(("Let op: ", "bold $warning"), f"{problem.file.name} wordt niet gebruikt: een meegeleverd "
                                              "protocol heeft dezelfde id. Geef het een eigen naam en id ('smassist validate' zegt hoe)."),
                             classes="shadowed")
            hint = " · n: concept nakijken" if any(p.is_draft for p in self.protocols) else ""
            yield Static(f"Enter: kiezen{hint} · Escape: annuleren", classes="dim")

    def _options(self) -> list[Option]:
        return [Option(Content.assemble((p.organisation, "bold"), *_concept(p), "\n", (p.heading(p.title, self.values), "dim")), id=p.id)
                for p in self.protocols]

    def on_screen_resume(self) -> None:
        """Back from a review: the list shows the protocols as saved now (progress, concept mark)."""
        catalog = getattr(self.app, "catalog", None)
        if catalog is None:
            return
        fresh = [catalog.protocols.get(p.id, p) for p in self.protocols]
        if any(new is not old for new, old in zip(fresh, self.protocols)):
            self.protocols = fresh
            choices = self.query_one("#choices", OptionList)
            highlighted = choices.highlighted
            choices.set_options(self._options())
            choices.highlighted = highlighted

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        ids = [p.id for p in self.protocols]
        choices.highlighted = ids.index(self.current) if self.current in ids else 0
        choices.focus()

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _highlighted(self) -> Protocol | None:
        index = self.query_one("#choices", OptionList).highlighted
        return self.protocols[index] if index is not None and index < len(self.protocols) else None

    def action_review(self) -> None:
        from smassist.tui.screens.review import ReviewScreen

        protocol = self._highlighted()
        if protocol is None:
            return
        if is_bundled(protocol.path):
            self.notify(f"Het protocol van {protocol.organisation} is meegeleverd en al nagekeken. Nakijken kan "
                        "bij een protocol dat je zelf hebt ingelezen of toegevoegd.", severity="warning")
            return
        # on top of this list: Escape from the review comes back here, to choose a protocol as before
        self.app.push_screen(ReviewScreen(protocol))


def _concept(protocol: Protocol) -> tuple:
    if not protocol.is_draft:
        return ()
    done, total = protocol.review_progress()
    return (f" · concept, {done} van {total} nagekeken", "italic $warning"),
