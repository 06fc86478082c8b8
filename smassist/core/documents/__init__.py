"""Documents: disclaimers, consent requests, incident reports and forms from Jinja templates.

    rendered = make("consent_photo", protocol, profile, trees=catalog.trees, result=result, data={...})
    rendered.output("pdf")  -> bytes;  rendered.output("txt") -> str

Pipeline: context (profile + walk + ruling + data) -> `templates/<id>.md.j2`
(document markup) -> parsed blocks -> text, Markdown, HTML (`_page.html.j2`)
or PDF. Modules: `registry` (the documents and the values they need),
`context` (what a template sees; `context_extras` what some documents add,
`missing` what stops one being made), `environment` (the one Jinja environment),
`markup` (the markup and its parser), `text_output`, `html_output`,
`pdf_output` (+ `pdf_draw`, `pdf_forms`), `dates`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from smassist.core.documents.context import build, spec_for
from smassist.core.documents.letter_names import names_in_walk
from smassist.core.documents.missing import DocumentError, Missing
from smassist.core.documents.registry import DOCUMENTS, DocumentSpec, sample_data
from smassist.core.paths import make_dirs
from smassist.core.private_files import write_private

FORMATS = ("txt", "md", "html", "pdf")
FORMAT_LABELS = {"txt": "tekst (.txt)", "md": "Markdown (.md)", "html": "webpagina om te printen (.html)", "pdf": "PDF (.pdf)"}

__all__ = ["DOCUMENTS", "FORMATS", "FORMAT_LABELS", "DocumentError", "DocumentSpec", "Missing", "Rendered",
           "make", "missing_values", "sample_data", "save", "suffix_for"]


@dataclass
class Rendered:
    document: str
    title: str
    footer: str
    author: str
    blocks: list
    templates: Path

    def output(self, fmt: str) -> str | bytes:
        if fmt == "txt":
            from smassist.core.documents.text_output import to_text

            return to_text(self.blocks)
        if fmt == "md":
            from smassist.core.documents.text_output import to_markdown

            return to_markdown(self.blocks)
        if fmt == "html":
            from smassist.core.documents.environment import render_template

            return render_template(self.templates, "_page.html.j2", {"title": self.title, "blocks": self.blocks})
        if fmt == "pdf":
            from smassist.core.documents.pdf_output import to_pdf

            return to_pdf(self.blocks, self.title, author=self.author, footer=self.footer)
        raise DocumentError(f"onbekend formaat '{fmt}'; kies uit: {', '.join(FORMATS)}")


def _templates(templates: Path | None) -> Path:
    if templates is not None:
        return Path(templates)
    from smassist.core.paths import templates_dir

    return templates_dir()


def _profile_values(profile) -> dict[str, str]:
    if profile is None:
        return {}
    if hasattr(profile, "values") and not isinstance(profile, dict):
        return profile.values()
    return {k: str(v) for k, v in dict(profile).items() if v}


def missing_values(document_id: str, protocol, profile=None, *, trees=None, result=None, data=None) -> list[Missing]:
    """Every value the document still needs (what a screen asks for before it can render)."""
    spec = spec_for(document_id)
    _, missing = build(spec, protocol, _profile_values(profile), trees or {}, result, data)
    return missing


CONCEPT_MARK = "concept – nog niet nagekeken"


def make(document_id: str, protocol, profile=None, *, trees=None, result=None, data=None,
         today: _dt.date | None = None, templates: Path | None = None,
         progress: dict[int, tuple[bool, str]] | None = None) -> Rendered:
    """Render a document's template into blocks; DocumentError names what is missing or wrong.

    `progress`: for a report on an incident, per step (by its place in the ruling's plan, 1, 2, …)
    whether it is done and what to print after it ("gedaan op 02-12-2026; notitie: …").
    """
    from smassist.core.documents.environment import TemplateProblem, render_template
    from smassist.core.documents.markup import MarkupError, parse, plain

    spec = spec_for(document_id)
    context, missing = build(spec, protocol, _profile_values(profile), trees or {}, result, data, today)
    if missing:
        raise DocumentError(missing[0].message(), missing)
    for step in context["steps"]:  # the same dicts stand in step_groups
        step["done"], step["progress"] = (progress or {}).get(step["number"], (False, ""))
    folder = _templates(templates)
    name = f"{spec.id}.md.j2"
    try:
        source = render_template(folder, name, context)
        blocks = parse(source)
    except TemplateProblem as exc:
        raise DocumentError(str(exc)) from None
    except MarkupError as exc:
        raise DocumentError(f"sjabloon {name}: {exc}") from None
    if spec.id == "incident_letter":
        _check_no_names(blocks, result)
    title = next((plain(b.runs) for b in blocks if getattr(b, "kind", "") == "heading"), spec.title)
    footer = f"{context['school']['name']} · {context['today']} · gemaakt met smassist volgens {context['protocol']['title']} ({protocol.organisation})"
    if protocol.is_draft:  # an imported protocol nobody has reviewed yet: every printed page says so
        footer = f"{CONCEPT_MARK.upper()} · {footer}"
        heading = next((i for i, b in enumerate(blocks) if getattr(b, "kind", "") == "heading"), -1)
        blocks[heading + 1:heading + 1] = parse(f"**{CONCEPT_MARK.capitalize()}**: dit protocol is geïmporteerd en nog niet door de school nagekeken.")
    return Rendered(spec.id, title, footer, context["school"]["name"], blocks, folder)


def _check_no_names(blocks: list, result) -> None:
    """The letter to parents names no pupils: names typed into the walk may not appear in it."""
    import re

    from smassist.core.documents.text_output import to_text

    text = to_text(blocks)
    for name in sorted(names_in_walk(result)):
        if re.search(rf"\b{re.escape(name)}\b", text):
            raise DocumentError(f"de brief aan ouders noemt '{name}', een naam uit het incident; noem geen namen van leerlingen")


def suffix_for(fmt: str) -> str:
    return f".{fmt}"


# Saved files are named in Dutch: a teacher finds "toestemming-foto-…" in Downloads, not an id.
FILE_STEMS = {
    "disclaimer": "disclaimer",
    "identification": "bekendmaking-medewerker",
    "consent_photo": "toestemming-foto",
    "consent_account": "toestemming-account",
    "incident_report": "incidentverslag",
    "incident_form": "meldformulier-incident",
    "incident_letter": "brief-ouders-incident",
    "account_checklist": "checklist-account",
}


def file_name(document_id: str, fmt: str, day: _dt.date | None = None) -> str:
    """'toestemming-foto-2026-12-01.pdf' (the date as ISO, so files sort by day)."""
    stem = FILE_STEMS.get(document_id, document_id.replace("_", "-"))
    return f"{stem}-{(day or _dt.date.today()).isoformat()}.{fmt}"


def save(content: str | bytes, path: Path, *, replace: bool = True) -> Path:
    """Write a document readable by the user only (incident documents hold personal data).

    Missing folders are made 0700; with replace=False an existing file raises FileExistsError.
    """
    path = Path(path).expanduser()
    make_dirs(path.parent)
    return write_private(path, content, replace=replace)
