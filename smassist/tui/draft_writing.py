"""The app's one draft writer (smassist.core.walk_draft.DraftWriter): drafts are written off the UI loop."""

from __future__ import annotations

from smassist.core.walk_draft import DraftWriter

_WRITER = "_smassist_draft_writer"


def draft_writer(app) -> DraftWriter:
    """The app's one draft writer; a failed write is told on screen (once, until a write succeeds again)."""
    writer = getattr(app, _WRITER, None)
    if writer is None:
        def failed(exc: OSError) -> None:  # on the writer's thread: call_later posts a message, which is thread-safe
            app.call_later(app.notify, f"Wat je invult wordt niet tussentijds bewaard: {exc.strerror or 'onbekende fout'}. "
                           "Maak de melding af in één keer.", title="Let op", severity="warning", timeout=15)

        writer = DraftWriter(on_error=failed)
        setattr(app, _WRITER, writer)
    return writer


def forget_draft(app) -> None:
    """Remove the walk's draft from disk (after a write in progress); a failure is reported, never fatal."""
    try:
        draft_writer(app).clear()
    except OSError as exc:
        app.notify(f"De tussentijds bewaarde melding kon niet worden verwijderd: {exc.strerror or 'onbekende fout'}.",
                   title="Let op", severity="warning", timeout=15)


def flush_drafts(app, timeout: float = 10.0) -> None:
    """Wait for a draft still being written (before reading it back, and when the app ends)."""
    writer = getattr(app, _WRITER, None)
    if writer is not None:
        writer.flush(timeout)
