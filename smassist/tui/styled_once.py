"""A mixin for every screen: the first showing does not style the whole screen a second time.

Textual restyles every widget of a screen each time the screen resumes, also
right after it was pushed, when compose and mount have just styled each widget
(with the same classes, theme and stylesheet): a tenth of showing a screen.
Later resumes (back from another screen, perhaps after a theme change) still
restyle everything.
"""

from __future__ import annotations

from textual import events


class StyledOnce:
    """Put before Screen or ModalScreen in the bases; Textual then calls this handler before its own."""

    _resumed_before = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed_before:
            self._resumed_before = True
            event.refresh_styles = False
