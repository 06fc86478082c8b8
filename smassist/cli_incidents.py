"""`smassist incidents list|show|export|delete|purge`: the incident register without a screen.

Incidents are made in the app (from the incident tree's answer). Here they can
be listed, read, exported, deleted and purged. Output files hold personal data
and are written readable by the user only (0600); an existing file is never
overwritten without --force.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from smassist.cli import UserError, _catalog, _table, write_output
from smassist.core.counting import counted

NEXT_STEP_WIDTH = 48


def _open(source: str | None = None):
    """The user's register, or (--from PAD) another register file opened only to read."""
    from smassist.core.incidents.errors import IncidentError
    from smassist.core.incidents.store import Store

    try:
        store = Store(Path(source), read_only=True) if source else Store()
    except IncidentError as exc:
        raise UserError(str(exc)) from None
    if store.notice:
        print(f"let op: {store.notice}", file=sys.stderr)
    return store


def _run(args: argparse.Namespace, action) -> int:
    """Open the register, run the action, close it; register errors become one-line user errors."""
    from smassist.core.incidents.errors import IncidentError

    store = _open(getattr(args, "source", None))
    try:
        return action(store)
    except IncidentError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()


def _warn_damaged(incident) -> None:
    if incident.damaged:
        print(f"let op: incident {incident.id} is deels beschadigd; weggelaten: {', '.join(incident.damaged)}",
              file=sys.stderr)


def _short(text: str | None, width: int) -> str:
    if not text:
        return "—"
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_list(args: argparse.Namespace) -> int:
    from smassist.core.incidents.export import local_time

    def action(store) -> int:
        summaries = store.list_incidents()
        if store.skipped:
            print(f"let op: {counted(len(store.skipped), 'beschadigd incident', 'beschadigde incidenten')} overgeslagen: "
                  f"{', '.join(str(i) for i in store.skipped)}", file=sys.stderr)
        if args.format == "json":
            print(json.dumps([
                {
                    "id": s.id, "status": s.status, "created": s.created.isoformat(), "updated": s.updated.isoformat(),
                    "tree": s.tree, "protocol": s.protocol, "date": s.incident_date, "platform": s.platform,
                    "steps_done": s.steps_done, "steps_total": s.steps_total, "next_step": s.next_step,
                }
                for s in summaries
            ], ensure_ascii=False, indent=2))
            return 0
        if not summaries:
            print("Er zijn geen incidenten opgeslagen.")
            return 0
        rows = [
            (str(s.id), s.status_label, s.incident_date or "—", s.platform or "—", local_time(s.updated),
             f"{s.steps_done}/{s.steps_total}", _short(s.next_step, NEXT_STEP_WIDTH) if s.steps_total else "—")
            for s in summaries
        ]
        _table(("id", "status", "datum", "platform", "laatst gewijzigd", "stappen", "volgende stap"), rows)
        return 0

    return _run(args, action)


def cmd_show(args: argparse.Namespace) -> int:
    from smassist.core.incidents.export import incident_json, incident_markdown
    from smassist.core.incidents.fields import check_report

    def action(store) -> int:
        incident = store.get(args.id)
        _warn_damaged(incident)
        if args.format == "json":
            print(json.dumps(incident_json(incident), ensure_ascii=False, indent=2))
            return 0
        print(incident_markdown(incident, _catalog(args).protocols.get(incident.protocol)), end="")
        problems = [m for messages in check_report(incident.report).values() for m in messages]
        if problems:
            print("\nNog in te vullen of te verbeteren:")
            for message in problems:
                print(f"  - {message}")
        return 0

    return _run(args, action)


def cmd_export(args: argparse.Namespace) -> int:
    from smassist.core.incidents.export import incident_json

    if args.format == "pdf" and args.output in (None, "-"):
        raise UserError("een pdf gaat naar een bestand; geef -o PAD, bijvoorbeeld -o incident.pdf")
    if (args.id is None) == (not args.all):
        args.parser.error("geef één incidentnummer of --all (alle incidenten in één json-bestand)")
    if args.all and args.format != "json":
        args.parser.error("--all schrijft alle incidenten in één json-bestand; geef --format json")

    def action(store) -> int:
        if args.all:
            data: str | bytes = json.dumps(_all_incidents(store), ensure_ascii=False, indent=2) + "\n"
        else:
            incident = store.get(args.id)
            _warn_damaged(incident)
            if args.format == "json":
                data = json.dumps(incident_json(incident), ensure_ascii=False, indent=2) + "\n"
            else:
                data = _render_report(incident, args.format, by_hand=args.by_hand)
        if args.output in (None, "-"):
            sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
            return 0
        path = write_output(Path(args.output), data, args.force)
        print(f"opgeslagen: {path}")
        return 0

    return _run(args, action)


def _all_incidents(store) -> dict:
    """Every incident that can still be read (a damaged one is named on stderr and left out)."""
    from smassist.core.incidents.errors import IncidentDamaged
    from smassist.core.incidents.export import incident_json

    incidents, unreadable = [], []
    for incident_id in store.ids():
        try:
            incident = store.get(incident_id)
        except IncidentDamaged:
            unreadable.append(str(incident_id))
            continue
        _warn_damaged(incident)
        incidents.append(incident_json(incident))
    if unreadable:
        print(f"let op: {counted(len(unreadable), 'beschadigd incident', 'beschadigde incidenten')} overgeslagen: {', '.join(unreadable)}",
              file=sys.stderr)
    return {"format": "smassist-incidents", "format_version": 1, "incidents": incidents}


def _render_report(incident, fmt: str, by_hand: bool = False) -> str | bytes:
    """The report made from templates/incident_report.md.j2, once the profile has what it needs."""
    from smassist.cli import _profile_values
    from smassist.core.incidents.report import missing_profile_values, render_report

    catalog = _catalog(None)
    profile = _profile_values()
    missing = missing_profile_values(incident, catalog, profile)
    if missing and by_hand:
        from smassist.core.incidents.report import BY_HAND

        profile = {**profile, **{key: BY_HAND for key, _ in missing}}
    elif missing:
        profile = {**profile, **_ask_missing(missing)}
    return render_report(incident, fmt, catalog, profile)


def _ask_missing(missing: list[tuple[str, str]]) -> dict[str, str]:
    """Ask for the school-profile values the report needs, as the app's export dialog does.

    A value typed is kept in the profile (asked once, not at every export); an empty answer prints a
    labelled line to fill in by hand on paper, never a blank. Without a keyboard: every missing value
    in one line, with the command that sets it.
    """
    from smassist.core.incidents.report import BY_HAND

    if not sys.stdin.isatty():
        items = "; ".join(f"'{label}' (smassist profile set {key} \"...\")" for key, label in missing)
        raise UserError(f"het verslag mist nog {len(missing)} gegeven(s) uit het schoolprofiel: {items}; "
                        "of laat ze met de hand invullen (--met-de-hand), of exporteer als json (--format json)")
    print("Het verslag heeft nog gegevens van de school nodig. Leeg laten: een lijn om met de hand in te vullen.",
          file=sys.stderr)
    typed: dict[str, str] = {}
    values: dict[str, str] = {}
    for key, label in missing:
        value = input(f"{label}: ").strip()
        values[key] = value or BY_HAND
        if value:
            typed[key] = value
    if typed:
        _keep_in_profile(typed)
    return values


def _keep_in_profile(typed: dict[str, str]) -> None:
    from smassist.core.problems import DataError
    from smassist.core.profile import keep_values

    try:
        keep_values(typed)
    except (OSError, DataError) as exc:
        print(f"let op: niet in het schoolprofiel bewaard (het verslag gebruikt ze wel): {exc}", file=sys.stderr)
        return
    print("bewaard in het schoolprofiel, voor de volgende keer", file=sys.stderr)


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UserError("bevestig met --yes (er is geen toetsenbord om het te vragen)")
    answer = input(f"{question} [j/N] ").strip().lower()
    return answer in ("j", "ja", "y", "yes")


def cmd_delete(args: argparse.Namespace) -> int:
    def action(store) -> int:
        store.get(args.id)  # a clear message for an unknown id before asking
        if not _confirm(f"Incident {args.id} definitief verwijderen?", args.yes):
            print("niets verwijderd")
            return 0
        wiped = store.delete(args.id)
        print(f"incident {args.id} verwijderd")
        if not wiped:
            print("let op: een ander smassist-venster leest nog in het register; de tekst wordt ook uit het "
                  "databasebestand gewist zodra dat venster klaar is of sluit (dat gebeurt vanzelf)", file=sys.stderr)
        return 0

    return _run(args, action)


def cmd_purge(args: argparse.Namespace) -> int:
    from smassist.core.incidents.errors import ValidationError
    from smassist.core.incidents.retention import parse_age

    try:
        age = parse_age(args.older_than)
    except ValidationError as exc:
        raise UserError(f"--older-than: {exc}") from None

    def action(store) -> int:
        cutoff = age.cutoff(store.now())
        due = [s for s in store.list_incidents() if s.updated < cutoff]
        if not due:
            print(f"geen incidenten die langer dan {age} niet zijn gewijzigd")
            return 0
        if args.dry_run:
            print(f"{counted(len(due), 'incident', 'incidenten')} langer dan {age} niet gewijzigd: {', '.join(str(s.id) for s in due)}")
            return 0
        if not _confirm(f"{counted(len(due), 'incident', 'incidenten')} die langer dan {age} niet {'is' if len(due) == 1 else 'zijn'} gewijzigd definitief verwijderen?",
                        args.yes):
            print("niets verwijderd")
            return 0
        removed = store.purge(age)
        print(f"{counted(removed, 'incident', 'incidenten')} verwijderd (langer dan {age} niet gewijzigd)")
        return 0

    return _run(args, action)


def _incident_id(text: str) -> int:
    """A positive number; one beyond any register is answered by the store as "bestaat niet" (exit 1)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 4300 or int(text) == 0:
        raise argparse.ArgumentTypeError(f"'{text}' is geen incidentnummer; zie 'smassist incidents list'")
    return int(text)


def register(sub) -> None:
    p = sub.add_parser("incidents", help="bekijk, exporteer en verwijder opgeslagen incidentmeldingen")
    inner = p.add_subparsers(dest="incidents_command", metavar="ACTIE", required=True)

    q = inner.add_parser("list", help="alle incidenten: status, laatste wijziging, volgende stap")
    q.add_argument("--format", choices=("text", "json"), default="text", help="text (standaard) of json")
    q.add_argument("--from", dest="source", metavar="PAD",
                   help="lees een ander incidentenbestand (bijvoorbeeld een apart gezet beschadigd bestand); "
                        "er wordt niets in gewijzigd")
    q.set_defaults(func=cmd_list)

    q = inner.add_parser("show", help="toon één incident")
    q.add_argument("id", type=_incident_id, help="het nummer van het incident (zie 'smassist incidents list')")
    q.add_argument("--format", choices=("text", "json"), default="text", help="text (standaard) of json")
    q.add_argument("--from", dest="source", metavar="PAD",
                   help="lees een ander incidentenbestand (bijvoorbeeld een apart gezet beschadigd bestand); "
                        "er wordt niets in gewijzigd")
    q.set_defaults(func=cmd_show)

    q = inner.add_parser("export", help="schrijf een incident als json, md, txt, html of pdf")
    q.add_argument("id", type=_incident_id, nargs="?",
                   help="het nummer van het incident (zie 'smassist incidents list')")
    q.add_argument("--all", action="store_true", help="alle incidenten die te lezen zijn, in één json-bestand")
    q.add_argument("--format", choices=("json", "md", "txt", "html", "pdf"), required=True, help="het bestandsformaat")
    q.add_argument("-o", "--output", metavar="PAD", help="bestand (leeg of '-': naar het scherm, niet voor pdf)")
    q.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    q.add_argument("--met-de-hand", dest="by_hand", action="store_true",
                   help="gegevens van de school die nog ontbreken niet vragen: het verslag krijgt daar een lijn "
                        "om met de hand in te vullen")
    q.add_argument("--from", dest="source", metavar="PAD",
                   help="lees een ander incidentenbestand (bijvoorbeeld een apart gezet beschadigd bestand); "
                        "er wordt niets in gewijzigd")
    q.set_defaults(func=cmd_export, parser=q)

    q = inner.add_parser("delete", help="verwijder een incident definitief")
    q.add_argument("id", type=_incident_id, help="het nummer van het incident (zie 'smassist incidents list')")
    q.add_argument("--yes", action="store_true", help="niet om bevestiging vragen")
    q.set_defaults(func=cmd_delete)

    q = inner.add_parser("purge", help="verwijder incidenten die lang niet zijn gewijzigd")
    q.add_argument("--older-than", required=True, metavar="LEEFTIJD", help="bijvoorbeeld 12m (maanden), 2j, 6w, 90d")
    q.add_argument("--dry-run", action="store_true", help="alleen tellen, niets verwijderen")
    q.add_argument("--yes", action="store_true", help="niet om bevestiging vragen")
    q.set_defaults(func=cmd_purge)
