"""The title bar and the key bar of every screen, one widget each.

Textual's Header is four widgets and its Footer one widget per key, remounted
whenever the keys change (a focus move, a question becoming an answer). Every
widget is created, styled against every rule, laid out, rendered and removed
again: at the start the two bars were ten of the start screen's 21 widgets.
These draw the same bars as one line of text each.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.reactive import Reactive
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # Textual's header: the icon in an area this wide on the left
CLOCK_WIDTH = 10  # and the space of its clock on the right, so the title is centred as it was


class TitleBar(Widget):
    """The app's title and the screen's sub-title, centred; the icon opens the command list."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    TitleBar > .title-bar--icon-hover {
        background: $foreground 10%;
    }
    """
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    ALLOW_SELECT = False

    icon_hover: Reactive[bool] = Reactive(False)

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def title_content(self):
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> RenderResult:
        width = self.size.width
        base = self.rich_style
        icon_style = base + self.get_component_rich_style("title-bar--icon-hover") if self.icon_hover else base
        title = Text.assemble(*(
            (segment.text, base + Style.parse(str(segment.style)) if segment.style else base)
            for segment in self.title_content().render_segments() if segment.text))
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        title.truncate(room, overflow="ellipsis")
        left = (room - title.cell_len) // 2
        line = Text.assemble((f" {ICON}".ljust(ICON_WIDTH), icon_style), (" " * left, base), title)
        line.pad_right(max(0, width - line.cell_len))
        line.stylize_before(base)
        return line

    @property
    def palette_enabled(self) -> bool:
        return bool(self.app.ENABLE_COMMAND_PALETTE)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        over = self.palette_enabled and event.x < ICON_WIDTH
        if over != self.icon_hover:
            self.icon_hover = over
            self.tooltip = "Opdrachten zoeken" if over else None

    def on_leave(self) -> None:
        self.icon_hover = False
        self.tooltip = None

    async def on_click(self, event: events.Click) -> None:
        if self.palette_enabled and event.x < ICON_WIDTH:
            event.stop()
            await self.run_action("app.command_palette")


class ShownKey(NamedTuple):
    """One key as the bar shows it, with the columns it takes (for the mouse and for tests)."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    x: int = 0
    width: int = 0

    @property
    def right(self) -> int:
        return self.x + self.width


class KeysBar(Widget):
    """The keys the screen offers now, drawn as Textual's footer draws them; a click presses the key.

    Redrawn, never remounted, when the keys change, and only when what it shows changed.
    """

    DEFAULT_CSS = """
    KeysBar {
        dock: bottom;
        height: 1;
        width: 100%;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
    }
    KeysBar > .keys-bar--item {
        background: $footer-item-background;
    }
    KeysBar > .keys-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeysBar > .keys-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeysBar > .keys-bar--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeysBar > .keys-bar--separator {
        color: $foreground 20%;
    }
    """
    COMPONENT_CLASSES = {"keys-bar--item", "keys-bar--key", "keys-bar--description", "keys-bar--hover",
                         "keys-bar--separator"}
    ALLOW_SELECT = False

    hover: Reactive[int | None] = Reactive(None)

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.compact = compact
        self.show_command_palette = show_command_palette
        self._shown: tuple = ()
        self._keys: list[ShownKey] = []
        self._palette: ShownKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._take_bindings()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen and self._take_bindings():
            self.refresh()

    def _take_bindings(self) -> bool:
        """Read the screen's active keys; True when what the bar shows changed."""
        app = self.app
        palette_key = app.COMMAND_PALETTE_BINDING
        hint = getattr(self.screen, "show_palette_hint", None)  # a screen that shows it only part of the time
        show_palette = (self.show_command_palette if hint is None else hint) and app.ENABLE_COMMAND_PALETTE
        keys: list[ShownKey] = []
        palette = None
        seen_actions: set[str] = set()
        for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if binding.show and binding.action not in seen_actions:  # one entry per action, as Textual's
                seen_actions.add(binding.action)
                keys.append(ShownKey(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip))
            if key == palette_key and show_palette:
                palette = ShownKey(binding.key, app.get_key_display(binding), binding.description, enabled,
                                   binding.tooltip or binding.description)
        shown = (tuple(keys), palette)
        if shown == self._shown:
            return False
        self._shown = shown
        self._place(keys, palette)
        return True

    def _label(self, key: ShownKey, compact: bool | None = None) -> tuple[str, str]:
        display = key.display
        if self.compact if compact is None else compact:
            return display, f" {key.description}" if key.description else ""
        return f" {display} ", f"{key.description} " if key.description else ""

    def _place(self, keys: list[ShownKey], palette: ShownKey | None) -> None:
        placed, x = [], 0
        for key in keys:
            width = sum(len(part) for part in self._label(key))
            placed.append(key._replace(x=x, width=width))
            x += width + (1 if self.compact else 0)  # the compact footer's margin between keys
        self._keys = placed
        if palette is not None:
            # drawn compact in both looks, as Textual's footer drew it; the full look pads its right
            width = sum(len(part) for part in self._label(palette, compact=True)) + (0 if self.compact else 1)
            palette = palette._replace(width=width + 1)  # + the separator in front of it
        self._palette = palette

    def shown_keys(self) -> list[ShownKey]:
        """The keys on the bar, left to right, with the palette key (right-aligned) last."""
        keys = list(self._keys)
        if self._palette is not None:
            margin = 1 if self.compact else 0  # the compact footer's margin right of every key, this one too
            keys.append(self._palette._replace(x=max(0, self.size.width - self._palette.width - margin)))
        return keys

    def key_at(self, x: int) -> ShownKey | None:
        return next((key for key in self.shown_keys() if key.x <= x < key.right), None)

    def render(self) -> RenderResult:
        width = self.size.width
        base = self.rich_style
        item = base + self.get_component_rich_style("keys-bar--item")
        key_style = self.get_component_rich_style("keys-bar--key")
        description_style = self.get_component_rich_style("keys-bar--description")
        line = Text(no_wrap=True, overflow="crop")
        keys = self.shown_keys()
        palette = keys.pop() if self._palette is not None else None
        for index, key in enumerate(keys):
            line.append(" " * max(0, key.x - line.cell_len), base)
            line.append_text(self._drawn(key, index, item, key_style, description_style))
        if palette is not None:
            # docked right as in Textual's footer: keys that do not fit go under it, the hint stays whole
            line.truncate(palette.x)
            line.append(" " * max(0, palette.x - line.cell_len), base)
            style = self._key_style(item, len(keys), palette)
            line.append("▏", style + self.get_component_rich_style("keys-bar--separator"))
            line.append_text(self._drawn(palette, len(keys), item, key_style, description_style, compact=True))
            if not self.compact:
                line.append(" ", style)
        line.pad_right(max(0, width - line.cell_len))
        line.truncate(width)
        return line

    def _key_style(self, item: Style, index: int, key: ShownKey) -> Style:
        style = item + self.get_component_rich_style("keys-bar--hover") if index == self.hover else item
        return style + Style(dim=True) if not key.enabled else style

    def _drawn(self, key: ShownKey, index: int, item: Style, key_style: Style, description_style: Style,
               compact: bool | None = None) -> Text:
        """One key and its description; the hovered key on the hover background, as Textual's :hover drew it."""
        style = self._key_style(item, index, key)
        if index == self.hover:  # the parts' own backgrounds are the bar's (transparent in the themes' CSS)
            hovered = Style(bgcolor=style.bgcolor)
            key_style, description_style = key_style + hovered, description_style + hovered
        display, description = self._label(key, compact)
        return Text.assemble((display, style + key_style), (description, style + description_style))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        index = None if key is None else self.shown_keys().index(key)
        if index != self.hover:
            self.hover = index
            self.tooltip = (key.tooltip or None) if key is not None else None

    def on_leave(self) -> None:
        self.hover = None
        self.tooltip = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
