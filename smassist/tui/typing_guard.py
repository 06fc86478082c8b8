"""Typing is safe: a one-letter key never acts as a shortcut while the user is in a form.

A printable key that no field took (the focus is on a button, a checkbox, a
select after Tab) would otherwise bubble up to the screen's and the app's
one-letter bindings (`r` restarts, `o` leaves, `?` opens help). `FormKeys`
stops it at the screen instead, unless the focused widget itself binds the key
(space ticks a checkbox or a radio button, space opens a select): that is
typing in the form, not a shortcut. The first swallowed key says why, once.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen

HINT = ("Je bent in een formulier: letters werken hier niet als sneltoets, zodat niets verloren gaat. "
        "Ga met Tab of Shift+Tab naar een invulveld; Escape gaat terug.")


class FormKeys:
    """Mixin for a Screen whose form must never lose typed input to a shortcut."""

    _form_hint_shown = False

    def in_form(self) -> bool:
        """True while the screen shows a form (override when only part of the time)."""
        return True

    def on_key(self, event: events.Key) -> None:
        screen = self
        assert isinstance(screen, Screen)
        if not event.is_printable or not self.in_form():
            return
        active = screen.active_bindings.get(event.key)
        if active is not None and active.node is not screen and active.node is not screen.app:
            return  # the focused widget's own key (space on a checkbox): part of filling in the form
        event.stop()
        event.prevent_default()
        if not self._form_hint_shown:
            self._form_hint_shown = True
            screen.notify(HINT, title="Formulier", timeout=8)
