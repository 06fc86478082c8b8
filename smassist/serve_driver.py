"""Textual's web driver for a `smassist serve` session, ending the app when the server is gone.

textual-serve talks to a session over its stdin and stdout. When the server
dies (even by `kill -9`) the kernel closes the server's end of stdin, and
Textual's web driver then just stops reading input: the app would run on with
nobody to talk to. This driver ends the app instead, on every platform
(on Linux the kernel's SIGTERM from PR_SET_PDEATHSIG does too; see
`smassist.serve_session`).
"""

from __future__ import annotations

from textual import messages
from textual.drivers.web_driver import WebDriver


class SessionDriver(WebDriver):
    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # input ended without the app stopping: the server is gone
            self._app.post_message(messages.ExitApp())
