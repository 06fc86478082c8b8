"""Document: make a document the answer offers (consent request, disclaimer, incident report ...).

Asks for every value the document still needs (never prints a blank), shows a
preview, lets the user choose a format and saves it (default folder: the
user's Documents), then shows where it went. All rendering is done by
`smassist.core.documents`; this screen only collects values and shows results.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, RadioSet, Select, Static, TextArea

from smassist.core.documents import DOCUMENTS, FORMAT_LABELS, FORMATS, DocumentError, file_name, make, missing_values, save
from smassist.core.documents.drafts import clear_document_draft, load_document_draft, save_document_draft
from smassist.core.date_format import DATE_PLACEHOLDER
from smassist.core.documents.registry import DataField, offered_documents
from smassist.tui.bars import KeysBar, TitleBar
from smassist.tui.styled_once import StyledOnce
from smassist.tui.widgets import ChoiceButton, TickBox
from smassist.core.paths import user_documents_dir
from smassist.core.profile import LABELS, Profile, save_profile, set_value
from smassist.core.walk import Result
from smassist.tui.saved_file import BINDINGS as SAVED_FILE_BINDINGS
from smassist.tui.saved_file import SAVED_KEYS_HINT, SavedFileKeys
from smassist.tui.typing_guard import FormKeys


class DocumentScreen(StyledOnce, SavedFileKeys, FormKeys, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Terug", tooltip="Terug naar het antwoord"),
        Binding("ctrl+s", "save", "Opslaan", tooltip="Sla het document op in het gekozen formaat"),
        *SAVED_FILE_BINDINGS,
    ]

    @dataclass
    class Saved(Message):
        path: Path

    @dataclass
    class Failed(Message):
        reason: str

    @dataclass
    class Download(Message):
        """A document made in a browser session (smassist serve): the browser downloads it."""

        content: str | bytes
        filename: str

    def __init__(self, result: Result, profile: Profile | None = None) -> None:
        super().__init__()
        self.result = result
        self.profile = profile if profile is not None else Profile()
        self.documents = offered_documents(result)
        self.document = self.documents[0] if self.documents else ""
        self.format = "pdf"
        self.saved_path: Path | None = None
        self._path_edited = False
        self._restored = False
        self._draft_failed = False

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="document-body"):
            with VerticalScroll(id="document-form"):
                if not self.documents:
                    yield Static("Bij dit antwoord hoort geen document.", id="no-document")
                    return
                yield Label("Document", classes="heading")
                if len(self.documents) > 1:
                    with RadioSet(id="document-choice"):
                        for index, document in enumerate(self.documents):
                            yield ChoiceButton(DOCUMENTS[document].title, value=index == 0, name=document)
                else:
                    yield Static(DOCUMENTS[self.document].title, id="document-title", markup=False)
                yield Vertical(id="fields")
                yield Label("Formaat", classes="heading")
                with RadioSet(id="format-choice"):
                    for fmt in FORMATS:
                        yield ChoiceButton(FORMAT_LABELS[fmt], value=fmt == self.format, name=fmt)
                yield Label("Opslaan als", classes="heading")
                yield Input(str(self._default_path()), id="path")
                yield Button("Downloaden" if self.app.is_web else "Opslaan", id="save", variant="primary")
                yield Static("", id="saved", markup=False)
            with VerticalScroll(id="preview-box"):
                yield Static("", id="preview", markup=False)
        yield KeysBar()

    async def on_mount(self) -> None:
        self.sub_title = "Document maken"
        if self.documents:
            await self._build_fields()
            self._refresh_preview()
            self.call_after_refresh(self._focus_first)
        self._preload_pdf()

    @work(thread=True, group="preload-pdf")
    def _preload_pdf(self) -> None:
        """Import fpdf2 (a few hundred ms) while the user reads the preview, not when they save."""
        from smassist.core.documents.pdf_output import preload

        preload()

    def _focus_first(self) -> None:
        """The first field to fill in has the focus, so the first keys typed land in it."""
        for widget in self.query("#fields Input, #fields TextArea, #fields Select"):
            widget.focus()
            return
        self.query_one("#format-choice", RadioSet).focus()

    # -- the values a document needs ---------------------------------------------------

    def _fields_for(self, document: str) -> list[tuple[str, str, DataField | None, str]]:
        """(key, label, data field or None for a profile value, source) for every value to ask."""
        spec = DOCUMENTS[document]
        rows: list[tuple[str, str, DataField | None, str]] = []
        try:
            missing = missing_values(document, self.result.protocol, self.profile, trees=self._trees(), result=self.result)
        except DocumentError:
            missing = []  # the preview says why the document cannot be made
        for need in missing:
            if need.source == "profile":
                rows.append((need.key, need.label, None, "profile"))
        for data_field in spec.fields:
            if data_field.id == "facts":
                continue
            rows.append((data_field.id, data_field.label, data_field, "data"))
        return rows

    async def _build_fields(self) -> None:
        container = self.query_one("#fields", Vertical)
        # the other document's fields must be gone before this one's mount: they share ids
        # ("profile-school_name"), and mounting over them crashed the app on the second choice
        await container.remove_children()
        widgets = []
        rows = self._fields_for(self.document)
        notices: list[str] = []
        earlier = load_document_draft(self.document, notices)
        for notice in notices:
            self.notify(notice, severity="warning", timeout=30)
        self._restored = bool(earlier)
        profile_rows = [r for r in rows if r[3] == "profile"]
        if profile_rows:
            widgets.append(Label("Nog nodig uit het schoolprofiel", classes="heading"))
        for key, label, data_field, source in rows:
            required = source == "profile" or (data_field is not None and data_field.required)
            widgets.append(Label(f"{label}{' *' if required else ''}", classes="field-label"))
            widgets.append(self._input_for(key, data_field, source, earlier.get(f"{source}-{key}", "")))
            if data_field is not None and data_field.help:
                widgets.append(Static(data_field.help, classes="field-help", markup=False))
        if profile_rows:
            widgets.append(TickBox("Ook bewaren in het schoolprofiel", value=True, id="keep-profile"))
        await container.mount_all(widgets)
        if self._restored:
            self.query_one("#saved", Static).update(
                "Wat je eerder voor dit document invulde, staat er weer. Het blijft bewaard tot je het document "
                "opslaat.")

    def _input_for(self, key: str, data_field: DataField | None, source: str, value: str = ""):
        wid = f"{source}-{key}"
        if data_field is not None and data_field.kind == "choice":
            return Select([(c, c) for c in data_field.choices], id=wid, prompt="(kies)", allow_blank=True,
                          value=value if value in data_field.choices else Select.NULL)
        if data_field is not None and data_field.kind in ("longtext", "list"):
            area = TextArea(value, id=wid, classes=f"-{data_field.kind}")
            area.show_line_numbers = False
            return area
        placeholder = DATE_PLACEHOLDER if data_field is not None and data_field.kind == "date" else ""
        number = data_field is not None and data_field.kind == "number"
        return Input(value if not number or value.isdigit() else "", id=wid, placeholder=placeholder,
                     type="integer" if number else "text")

    def _typed(self) -> dict[str, str]:
        """Every field's text as typed, by widget id (the draft)."""
        return {w.id: self._value_of(w) for w in self.query("#fields Input, #fields TextArea, #fields Select")
                if w.id}

    def _keep_draft(self) -> None:
        try:
            save_document_draft(self.document, self._typed())
        except OSError as exc:
            if not self._draft_failed:  # once, not on every key
                self._draft_failed = True
                self.notify(f"Wat je invult wordt niet tussentijds bewaard: {exc.strerror or exc}.",
                            title="Let op", severity="warning", timeout=15)

    def _value_of(self, widget) -> str:
        if isinstance(widget, Select):
            return widget.value if isinstance(widget.value, str) else ""
        if isinstance(widget, TextArea):
            return widget.text
        return widget.value

    def _collected(self) -> tuple[dict, dict[str, str]]:
        """The data typed for the document, and profile values typed here."""
        data: dict = {}
        profile: dict[str, str] = {}
        for widget in self.query("#fields Input, #fields TextArea, #fields Select"):
            if not widget.id:
                continue
            source, _, key = widget.id.partition("-")
            value = self._value_of(widget).strip()
            if not value:
                continue
            if source == "profile":
                profile[key] = value
            else:
                field = DOCUMENTS[self.document].field(key)
                data[key] = [line for line in value.splitlines() if line.strip()] if field and field.kind == "list" else value
        return data, profile

    def _trees(self) -> dict:
        catalog = getattr(self.app, "catalog", None)
        return catalog.trees if catalog is not None else {self.result.tree.id: self.result.tree}

    def _profile_with(self, extra: dict[str, str]) -> dict[str, str]:
        return {**self.profile.values(), **extra}

    # -- preview and saving ---------------------------------------------------------------

    def _preview_text(self) -> str:
        """The text output wrapped to the preview's own width (a file keeps the usual 78 columns)."""
        from smassist.core.documents.text_output import WIDTH, to_text

        data, profile = self._collected()
        rendered = make(self.document, self.result.protocol, self._profile_with(profile), trees=self._trees(),
                        result=self.result, data=data)
        width = self.query_one("#preview-box").scrollable_content_region.width
        return to_text(rendered.blocks, max(20, width) if width else WIDTH)

    def on_resize(self) -> None:
        self.call_after_refresh(self._refresh_preview)

    def _refresh_preview(self) -> None:
        if not self.documents:
            return
        preview = self.query_one("#preview", Static)
        try:
            text = self._preview_text()
        except DocumentError as exc:
            missing = exc.missing
            if missing:
                lines = ["Vul nog in:"] + [f"  • {m.label}" for m in missing]
                preview.update("\n".join(lines))
            else:
                preview.update(f"Dit document kan nog niet gemaakt worden: {exc}")
            preview.add_class("-incomplete")
            return
        preview.remove_class("-incomplete")
        preview.update(text)

    def _default_path(self) -> Path:
        return user_documents_dir() / file_name(self.document, self.format)

    @on(Input.Changed, "#fields Input")
    @on(TextArea.Changed, "#fields TextArea")
    @on(Select.Changed, "#fields Select")
    def _value_changed(self) -> None:
        self._keep_draft()
        self._refresh_preview()

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._path_edited = event.value != str(self._default_path())

    @on(RadioSet.Changed, "#format-choice")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.format = event.pressed.name or "pdf"
        path_input = self.query_one("#path", Input)
        if self._path_edited:
            path_input.value = str(Path(path_input.value).with_suffix(f".{self.format}"))
            self._path_edited = True
        else:
            path_input.value = str(self._default_path())

    @on(RadioSet.Changed, "#document-choice")
    async def _document_changed(self, event: RadioSet.Changed) -> None:
        self.document = event.pressed.name or self.documents[0]
        if not self._path_edited:
            self.query_one("#path", Input).value = str(self._default_path())
        await self._build_fields()
        self.call_after_refresh(self._refresh_preview)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if not self.documents:
            return
        path_text = self.query_one("#path", Input).value.strip()
        if not path_text:
            self.notify("Geef een bestandsnaam op.", severity="warning")
            return
        path = Path(path_text).expanduser()
        if path.suffix.lower() != f".{self.format}":
            path = path.with_name(path.name + f".{self.format}")
        data, profile = self._collected()
        self.query_one("#saved", Static).update("Bezig met opslaan…")
        self._write_document(path, data, profile)

    @work(thread=True, exclusive=True, group="save-document")
    def _write_document(self, path: Path, data: dict, profile: dict[str, str]) -> None:
        try:
            rendered = make(self.document, self.result.protocol, self._profile_with(profile), trees=self._trees(),
                            result=self.result, data=data)
            content = rendered.output(self.format)
            if self.app.is_web:
                self.post_message(self.Download(content, path.name))
                return
            saved = save(content, path)
        except DocumentError as exc:
            self.post_message(self.Failed(_reason_on_screen(exc)))
            return
        except OSError as exc:
            self.post_message(self.Failed(f"kan '{path}' niet schrijven: {exc.strerror or exc}"))
            return
        self.post_message(self.Saved(saved))

    @on(Saved)
    def _on_saved(self, message: Saved) -> None:
        self.saved_path = message.path
        self.query_one("#saved", Static).update(f"Opgeslagen: {message.path}\n{SAVED_KEYS_HINT}")
        self.notify(f"Opgeslagen: {message.path}", title="Document")
        self.refresh_bindings()
        self._keep_profile_values()
        try:
            clear_document_draft(self.document)
        except OSError:
            pass  # the draft stays: it is offered again, nothing is lost

    @on(Download)
    def _on_download(self, message: Download) -> None:
        import io

        mime = {"pdf": "application/pdf", "html": "text/html", "md": "text/markdown", "txt": "text/plain"}
        mime_type = mime.get(Path(message.filename).suffix.lstrip("."), "application/octet-stream")
        if isinstance(message.content, str):
            self.app.deliver_text(io.StringIO(message.content), save_filename=message.filename, mime_type=mime_type,
                                  encoding="utf-8")
        else:
            self.app.deliver_binary(io.BytesIO(message.content), save_filename=message.filename, mime_type=mime_type)
        self.query_one("#saved", Static).update(f"Gedownload: {message.filename} (zie de downloads van je browser)")
        self.notify(f"Gedownload: {message.filename}", title="Document")
        self._keep_profile_values()

    @on(Failed)
    def _on_failed(self, message: Failed) -> None:
        self.query_one("#saved", Static).update(f"Niet opgeslagen: {message.reason}")
        self.notify(message.reason, title="Niet opgeslagen", severity="error")

    def _keep_profile_values(self) -> None:
        _, typed = self._collected()
        keep = self.query("#keep-profile")
        if not typed or not keep or not keep.first(Checkbox).value:
            return
        for key, value in typed.items():
            if key in LABELS:
                set_value(self.profile, key, value)
        try:
            save_profile(self.profile)
        except OSError as exc:
            self.notify(f"Het schoolprofiel is niet bewaard: {exc.strerror or exc}", severity="warning")
            return
        reload = getattr(self.app, "reload_profile", None)
        if callable(reload):
            reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        saved = self.saved_file_action(action)
        return True if saved is None else saved

    def action_back(self) -> None:
        if self.documents and any(v.strip() for v in self._typed().values()):
            self.app.notify("Wat je invulde is bewaard; het staat er weer als je dit document opnieuw maakt.",
                            title=DOCUMENTS[self.document].title)
        self.dismiss(None)


def _reason_on_screen(error: DocumentError) -> str:
    """The fields to fill in by their labels: the core's message names data keys and the command line's --data."""
    if error.missing:
        return "Vul eerst in: " + "; ".join(dict.fromkeys(m.label for m in error.missing))  # labels may end in "?"
    return str(error)
