"""Commands for documents and the school profile: `smassist render`, `smassist documents`, `smassist profile`.

Exit codes as everywhere: 0 success, 1 a user or data error (one line), 2 usage.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from smassist.cli import UserError, _catalog, _path_kind, write_output
from smassist.core.paths import make_dirs
from smassist.core.private_files import write_private

FORMATS = ("txt", "md", "html", "pdf")


def register(sub) -> None:
    p = sub.add_parser("render", help="maak een document (toestemming, disclaimer, incidentverslag, ...)",
                       description="Maak een document als tekst, Markdown, HTML (om te printen) of PDF. "
                                   "Zie 'smassist documents' voor de documenten en wat ze nodig hebben.")
    p.add_argument("document", help="document-id, bijvoorbeeld consent_photo")
    p.add_argument("--protocol", help="protocol-id (standaard: dat van de beslisroute of van het schoolprofiel)")
    p.add_argument("--walk", metavar="BESTAND", help="een opgeslagen beslisroute (YAML of JSON)")
    p.add_argument("--data", metavar="BESTAND", help="de gegevens voor het document (YAML of JSON)")
    p.add_argument("--format", choices=FORMATS, help="standaard: volgens de extensie van -o, anders txt")
    p.add_argument("-o", "--output", metavar="PAD", help="bestand of map; zonder -o naar het scherm (niet voor pdf)")
    p.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("documents", help="toon de documenten en de gegevens die ze nodig hebben")
    p.add_argument("document", nargs="?", help="één document in detail")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("profile", help="het schoolprofiel: tonen (show), invullen (set) of bewerken (edit)")
    actions = p.add_subparsers(dest="action", metavar="ACTIE")
    actions.add_parser("show", help="toon het schoolprofiel").set_defaults(func=cmd_profile_show)
    s = actions.add_parser("set", help="vul één waarde in (een lege waarde wist haar)")
    s.add_argument("key", metavar="SLEUTEL", help="welke waarde, bijvoorbeeld school_name (zie 'smassist profile show')")
    s.add_argument("value", metavar="WAARDE", help="de nieuwe waarde; leeg ('') wist haar")
    s.set_defaults(func=cmd_profile_set)
    actions.add_parser("edit", help="bewerk het profiel in je teksteditor ($VISUAL of $EDITOR)").set_defaults(func=cmd_profile_edit)
    p.set_defaults(func=cmd_profile_show)


# -- render -----------------------------------------------------------------------------


def _load_mapping(path_text: str, what: str) -> dict:
    from smassist.core.problems import DataError
    from smassist.core.yaml_source import load_yaml

    path = Path(path_text)
    try:
        data = load_yaml(path)
    except DataError as exc:
        raise UserError(str(exc.problems[0])) from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: {what} moet een mapping zijn (sleutel: waarde)")
    return data


def _load_profile():
    from smassist.core.problems import DataError
    from smassist.core.profile import load_profile

    try:
        return load_profile()
    except DataError as exc:
        raise UserError(f"het schoolprofiel klopt niet: {exc.problems[0]}") from None


def _walk_result(path_text: str, catalog, protocol_id: str | None):
    from smassist.core.walk import Walk, WalkError

    data = dict(_load_mapping(path_text, "een beslisroute"))
    data.setdefault("version", 1)
    if protocol_id:
        data["protocol"] = protocol_id
    try:
        walk = Walk.from_dict(data, catalog.trees, catalog.protocols)
    except WalkError as exc:
        raise UserError(f"{path_text}: {exc}") from None
    walk.fast_forward()
    if not walk.finished:
        node = walk.current
        raise UserError(f"{path_text}: de beslisroute is niet af; de volgende vraag is '{node.id}': {walk.question_text()}")
    return walk.result()


def _document_problem(exc, data_path: str | None, data) -> str:
    """All missing values at once; a fault in the data file with its file and line."""
    if data_path and exc.key and hasattr(data, "line_of"):
        return f"{data_path}:{data.line_of(exc.key)}: {exc}"
    message = str(exc)
    if len(exc.missing) > 1:
        items = "; ".join(f"'{m.label}' ({m.how()})" for m in exc.missing)
        message = f"document '{exc.missing[0].document}' mist nog {len(exc.missing)} gegevens: {items}"
    if data_path and exc.missing and all(m.source == "data" for m in exc.missing):
        return f"{data_path}: {message}"
    return message


def _output_path(args, document: str, protocol: str, fmt: str) -> Path | None:
    if not args.output or args.output == "-":
        return None
    path = Path(args.output).expanduser()
    if args.output.endswith(("/", os.sep)) or _path_kind(path) == "dir":
        if _path_kind(path) == "missing":
            _make_folder(path)  # -o NEW/ asks for a new folder
        from smassist.core.documents import file_name

        return path / file_name(document, fmt)
    return path


def _make_folder(path: Path) -> None:
    from smassist.core.user_files import os_reason

    try:
        make_dirs(path)
    except OSError as exc:
        raise UserError(f"kan map '{path}' niet maken: {os_reason(exc)}") from None


def cmd_render(args: argparse.Namespace) -> int:
    from smassist.core.documents import DocumentError, make

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lstrip(".").lower() if args.output else ""
        fmt = suffix if suffix in FORMATS else "txt"
    catalog = _catalog(args)
    profile = _load_profile()
    result = _walk_result(args.walk, catalog, args.protocol) if args.walk else None
    protocol_id = args.protocol or (result.protocol.id if result else None) or profile.protocol
    if not protocol_id:
        raise UserError("geef --protocol ID (of zet het protocol in je profiel: smassist profile set protocol ID)")
    try:
        protocol = catalog.protocol(protocol_id)
    except LookupError as exc:
        raise UserError(str(exc)) from None
    broken = catalog.problems_in(protocol.path)
    if broken:
        raise UserError(f"de gegevens kloppen niet: {broken[0]} (zie 'smassist validate')")
    data = _load_mapping(args.data, "het gegevensbestand") if args.data else None
    try:
        rendered = make(args.document, protocol, profile, trees=catalog.trees, result=result, data=data)
        content = rendered.output(fmt)
    except DocumentError as exc:
        raise UserError(_document_problem(exc, args.data, data)) from None
    target = _output_path(args, args.document, protocol.id, fmt)
    if target is None:
        if fmt == "pdf":
            raise UserError("een PDF gaat naar een bestand: geef -o BESTAND.pdf")
        sys.stdout.write(content)
        return 0
    saved = write_output(target, content, args.force)
    print(f"opgeslagen: {saved}")
    return 0


# -- documents -----------------------------------------------------------------------------


def cmd_documents(args: argparse.Namespace) -> int:
    from smassist.core.documents import DOCUMENTS
    from smassist.core.profile import LABELS

    if not args.document:
        width = max(len(d) for d in DOCUMENTS)
        for spec in DOCUMENTS.values():
            print(f"{spec.id.ljust(width)}  {spec.title}")
        print("\nMeer over één document: smassist documents DOCUMENT")
        return 0
    spec = DOCUMENTS.get(args.document)
    if spec is None:
        close = difflib.get_close_matches(args.document, DOCUMENTS, n=1)
        raise UserError(f"onbekend document '{args.document}'; " + (f"bedoel je '{close[0]}'?" if close else f"kies uit: {', '.join(DOCUMENTS)}"))
    print(f"{spec.id}: {spec.title}")
    print(spec.summary)
    print("\nUit het schoolprofiel (smassist profile set SLEUTEL WAARDE):")
    for key in spec.profile:
        print(f"  {key}: {LABELS[key]}")
    if spec.fields:
        print("\nGegevens (--data BESTAND, YAML of JSON):")
        for f in spec.fields:
            need = "verplicht" if f.required else "mag leeg"
            extra = f" — kies uit: {', '.join(f.choices)}" if f.choices else ""
            print(f"  {f.id}: {f.label} ({need}){extra}")
            if f.help:
                print(f"      {f.help}")
    print("\nOok mogelijk: outcome (BOOM/UITKOMST), articles (lijst van artikelnummers), date (dd-mm-jjjj),")
    print("en elke sleutel van het schoolprofiel, voor dit ene document.")
    return 0


# -- profile -------------------------------------------------------------------------------


def cmd_profile_show(args: argparse.Namespace) -> int:
    from smassist.core.profile import LABELS, profile_path

    profile = _load_profile()
    width = max(len(label) for label in LABELS.values()) + 1
    for key, label in LABELS.items():
        value = getattr(profile, key) or "(leeg)"
        print(f"{(label + ':').ljust(width)} {value}    [{key}]")
    print(f"\nbestand: {profile_path()}")
    return 0


def cmd_profile_set(args: argparse.Namespace) -> int:
    from smassist.core.profile import FIELD_NAMES, LABELS, save_profile, set_value

    if args.key not in FIELD_NAMES:
        close = difflib.get_close_matches(args.key, FIELD_NAMES, n=1)
        raise UserError(f"onbekende sleutel '{args.key}'; " + (f"bedoel je '{close[0]}'?" if close else f"kies uit: {', '.join(FIELD_NAMES)}"))
    if args.key == "protocol" and args.value.strip():
        catalog = _catalog(args)
        if args.value.strip() not in catalog.protocols:
            raise UserError(f"onbekend protocol '{args.value}'; kies uit: {', '.join(sorted(catalog.protocols))}")
    profile = set_value(_load_profile(), args.key, args.value)
    path = save_profile(profile)
    shown = getattr(profile, args.key) or "(leeg)"
    print(f"{LABELS[args.key]}: {shown}  (opgeslagen in {path})")
    return 0


def _editor() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        if os.environ.get(variable):
            return shlex.split(os.environ[variable])
    for name in ("notepad", "nano", "vi") if os.name == "nt" else ("nano", "vi"):
        if shutil.which(name):
            return [name]
    raise UserError("geen teksteditor gevonden; zet VISUAL of EDITOR, of gebruik 'smassist profile set SLEUTEL WAARDE'")


def cmd_profile_edit(args: argparse.Namespace) -> int:
    from smassist.core.paths import private_dir
    from smassist.core.profile import LABELS, profile_path

    profile = _load_profile()
    path = profile_path()
    if not path.exists():
        private_dir(path.parent)
        lines = ["# smassist schoolprofiel: vul in wat je weet; laat een regel weg als je hem niet nodig hebt."]
        for key, label in LABELS.items():
            value = getattr(profile, key)
            lines.append(f"# {label}")
            lines.append(f"{key}: {_yaml_text(value)}" if value else f"# {key}: ")
        write_private(path, "\n".join(lines) + "\n")
    try:
        code = subprocess.call([*_editor(), str(path)])
    except OSError as exc:
        raise UserError(f"kan de editor niet starten: {exc.strerror}") from None
    if code != 0:
        raise UserError(f"de editor stopte met code {code}; het profiel is niet gecontroleerd")
    _load_profile()
    print(f"schoolprofiel in orde ({path})")
    return 0


def _yaml_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
