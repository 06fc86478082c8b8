"""Textual's command palette with its one English line ("No matches found") in Dutch.

Textual 8.2.8 builds that line inside `_start_no_matches_countdown`, with no
setting to change it, so this subclass repeats that small method with Dutch
text. The app opens every palette (Ctrl+P, the theme list) through this class.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.align import Align
from rich.text import Text
from textual import command
from textual.command import CommandList, CommandListItem, SimpleProvider
from textual.widgets.option_list import Option

NO_MATCHES = "Niets gevonden; probeer een ander woord"


class CommandPalette(command.CommandPalette):
    """Same name as Textual's, so tests and screen names stay as they were."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            # an empty search lists what there is: "nothing found" would be wrong there
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def search_commands(app, commands: Sequence[CommandListItem], placeholder: str):
    """App.search_commands with the Dutch palette."""
    return app.push_screen(CommandPalette(providers=[SimpleProvider(app.screen, commands)], placeholder=placeholder))
