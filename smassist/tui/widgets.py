"""Small widgets shared by the screens."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Footer

# Words smassist filled into a model protocol's verbatim text ("[naam school]" → the school's
# name) look different from the document's own words: italic and underlined, not colour alone.
FILLED_STYLE = "italic underline"


def filled_content(text: str, filled=()) -> Content:
    content = Content(text)
    for start, end, _ in filled:
        content = content.stylize(FILLED_STYLE, start, end)
    return content


class KeysFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change.

    Textual's Footer mounts a new widget for every key on each bindings change,
    that is on every focus move: five times while the start screen appears, and
    again while a question or an answer is shown, each time styling every key anew.
    """

    _shown: tuple | None = None

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        palette = self.app.COMMAND_PALETTE_BINDING
        shown = tuple((binding, enabled, tooltip) for key, (_, binding, enabled, tooltip)
                      in self.screen.active_bindings.items() if binding.show or key == palette)
        if shown != self._shown:
            self._shown = shown
            await self.recompose()


def __getattr__(name: str):
    """ChoiceButton and TickBox come from smassist.tui.toggles when first asked for.

    The start screen needs neither, so a start does not import Textual's toggle
    buttons' code for them.
    """
    if name in ("ChoiceButton", "TickBox"):
        from smassist.tui import toggles

        return getattr(toggles, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
