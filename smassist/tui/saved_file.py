"""After saving a file: keys to open it in the system's viewer (F7) and to show its folder (F8).

A screen mixes in `SavedFileKeys` and sets `saved_path`; the keys show in the
footer once there is a file, and never in a browser session (smassist serve:
the file went to the browser's downloads). Where the system has no viewer the
message says so and names the file.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

SAVED_KEYS_HINT = "F7: openen · F8: map tonen"
BINDINGS = [
    Binding("f7", "open_saved", "Openen", tooltip="Het opgeslagen bestand openen"),
    Binding("f8", "show_saved_folder", "Map tonen", tooltip="De map met het opgeslagen bestand openen"),
]


class SavedFileKeys:
    saved_path: Path | None = None

    def saved_file_action(self, action: str) -> bool | None:
        """For check_action: True/False for the two keys, None for any other action."""
        if action not in ("open_saved", "show_saved_folder"):
            return None
        return self.saved_path is not None and not self.app.is_web  # type: ignore[attr-defined]

    def action_open_saved(self) -> None:
        self._hand_over(folder=False)

    def action_show_saved_folder(self) -> None:
        self._hand_over(folder=True)

    def _hand_over(self, folder: bool) -> None:
        from smassist.core.desktop import DesktopProblem, open_path, show_folder

        path = self.saved_path
        if path is None:
            return
        try:
            (show_folder if folder else open_path)(path)
        except DesktopProblem as exc:
            self.notify(str(exc), title="Openen lukt niet", severity="warning", timeout=20)  # type: ignore[attr-defined]
            return
        self.notify(f"Geopend: {path.parent if folder else path}", title="Openen")  # type: ignore[attr-defined]
