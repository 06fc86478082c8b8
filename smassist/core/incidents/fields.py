"""The incident report's fields, in the order a form shows them, and their checks.

A draft keeps whatever the user typed (saving never blocks, so nothing is lost);
`check_field` and `check_report` say what is still wrong, in Dutch, for the form
to show beside the field. Messages name the field, never its value.

Values: a text for the plain kinds, a list of rows (dicts of texts) for the
list kinds `people` and `contacts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from smassist.core.incidents.errors import ValidationError

Value = str | list[dict[str, str]]


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str = "text"  # text, choice, date, time
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label)


@dataclass(frozen=True)
class ReportField:
    id: str
    label: str
    kind: str  # date, time, text, longtext, choice, people, contacts
    required: bool = False
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    suggestions: tuple[str, ...] = ()  # offered in the form; any text is accepted
    columns: tuple[Column, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.columns)

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


YES_NO = (("ja", "Ja"), ("nee", "Nee"))

INVOLVED_ROLES = (
    ("leerling", "Leerling"),
    ("medewerker", "Medewerker"),
    ("ouder", "Ouder/verzorger"),
    ("school", "De school"),
    ("anders", "Iemand anders of onbekend"),
)
INVOLVED_PARTS = (
    ("slachtoffer", "Slachtoffer"),
    ("pleger", "Pleger"),
    ("getuige", "Getuige"),
    ("onbekend", "Nog onbekend"),
)

FIELDS: tuple[ReportField, ...] = (
    ReportField("date", "Datum van het incident", "date", required=True,
                help="Wanneer gebeurde het? Bijvoorbeeld 22-11-2026."),
    ReportField("time", "Tijdstip", "time",
                help="Ongeveer is goed, bijvoorbeeld 14:30. Leeg laten als je het niet weet."),
    ReportField("reporter", "Wie meldt", "text", required=True, help="Je naam en functie."),
    ReportField("platform", "Platform", "text", required=True,
                suggestions=("WhatsApp", "Instagram", "TikTok", "Snapchat", "Facebook", "X", "YouTube",
                             "Discord", "e-mail", "anders")),
    ReportField("what_happened", "Wat is er gebeurd", "longtext", required=True,
                help="De feiten: wat is er geplaatst of gestuurd, door wie, aan wie. Geen oordelen."),
    ReportField("involved", "Betrokkenen", "people", required=True,
                help="Noem de rol van iedereen die erbij betrokken is; een naam is niet nodig.",
                columns=(
                    Column("role", "Rol", "choice", required=True, choices=INVOLVED_ROLES),
                    Column("part", "Betrokkenheid", "choice", choices=INVOLVED_PARTS),
                    Column("name", "Naam (mag leeg)"),
                )),
    ReportField("evidence_screenshots", "Schermafbeeldingen gemaakt", "choice", required=True, choices=YES_NO),
    ReportField("evidence_links", "Links naar de berichten", "longtext"),
    ReportField("evidence_location", "Waar is het bewijs bewaard", "text",
                help="Bijvoorbeeld: map Incidenten op de schoolserver. Verplicht als er schermafbeeldingen zijn."),
    # "onbekend" (the stored value since the first incidents) is shown as the walk says it: the walk's
    # "Mogelijk, ik twijfel" fills it in, and the report must not reword that answer
    ReportField("criminal", "Is het een strafbaar feit", "choice", required=True,
                choices=(("ja", "Ja"), ("nee", "Nee"), ("onbekend", "Mogelijk (ik twijfel)"))),
    ReportField("informed", "Wie is geïnformeerd en wanneer", "contacts",
                columns=(
                    Column("who", "Wie", required=True),
                    Column("date", "Datum", "date", required=True),
                    Column("time", "Tijdstip", "time"),
                )),
)

BY_ID: dict[str, ReportField] = {f.id: f for f in FIELDS}

# A walk input that asks for a report field under another id: the incident tree's
# "Welk bewijs is veiliggesteld, en waar staat het?" is the form's "Waar is het bewijs bewaard".
WALK_INPUT_FIELDS = {"evidence": "evidence_location"}


def report_field_id(input_id: str) -> str | None:
    """The plain report field a walk input fills in (same id, or its alias), None when there is none."""
    field_id = WALK_INPUT_FIELDS.get(input_id, input_id)
    spec = BY_ID.get(field_id)
    return field_id if spec is not None and not spec.is_list else None


def field(field_id: str) -> ReportField:
    try:
        return BY_ID[field_id]
    except KeyError:
        raise ValidationError(f"onbekend veld '{field_id}'; velden: {', '.join(BY_ID)}") from None


# -- shape: what may be stored at all --------------------------------------------


def normalise(field_id: str, value: object) -> Value:
    """The value as stored; a wrong shape is a programming error and names only the field."""
    spec = field(field_id)
    if not spec.is_list:
        if not isinstance(value, str):
            raise ValidationError(f"{spec.label}: verwacht tekst")
        return value
    if not isinstance(value, (list, tuple)):
        raise ValidationError(f"{spec.label}: verwacht een lijst van regels")
    known = {c.id for c in spec.columns}
    rows = []
    for row in value:
        if not isinstance(row, dict) or set(row) - known or not all(isinstance(v, str) for v in row.values()):
            raise ValidationError(f"{spec.label}: een regel heeft alleen de kolommen {', '.join(sorted(known))} (tekst)")
        rows.append({c.id: row.get(c.id, "") for c in spec.columns})
    return rows


def is_empty(value: Value | None) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return not any(any(v.strip() for v in row.values()) for row in value)


# -- dates and times ---------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")

DATE_FORMAT_HINT = "schrijf dag-maand-jaar, bijvoorbeeld 22-11-2026"
TIME_FORMAT_HINT = "schrijf uu:mm, bijvoorbeeld 14:30"


def parse_date(text: str, label: str = "Datum") -> date:
    """A Dutch (22-11-2026) or ISO (2026-11-22) date; ValidationError with a Dutch message otherwise."""
    text = text.strip()
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValidationError(f"{label}: {DATE_FORMAT_HINT}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{label}: deze datum bestaat niet") from None


def parse_time(text: str, label: str = "Tijdstip") -> time:
    match = _TIME.match(text.strip())
    if not match:
        raise ValidationError(f"{label}: {TIME_FORMAT_HINT}")
    hour, minute = int(match.group(1)), int(match.group(2))
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValidationError(f"{label}: dit tijdstip bestaat niet (uren 0–23, minuten 0–59)")
    return time(hour, minute)


def check_moment(day_text: str, time_text: str, now: datetime, label: str, time_label: str) -> list[str]:
    """Problems with a date (and optional time): format, impossible, or in the future."""
    problems = []
    day = at = None
    try:
        day = parse_date(day_text, label)
    except ValidationError as exc:
        problems.append(str(exc))
    if time_text.strip():
        try:
            at = parse_time(time_text, time_label)
        except ValidationError as exc:
            problems.append(str(exc))
    if day is not None:
        if day > now.date():
            problems.append(f"{label}: deze datum ligt in de toekomst")
        elif at is not None and day == now.date() and at > now.time().replace(second=0, microsecond=0):
            problems.append(f"{time_label}: dit tijdstip ligt vandaag nog in de toekomst")
    return problems


# -- the whole report --------------------------------------------------------------


def check_report(report: dict[str, Value], now: datetime | None = None) -> dict[str, list[str]]:
    """Every problem per field id; an empty dict means the report can be filed (status 'gemeld').

    `now` is local wall-clock time (what the user means by "today").
    """
    now = now or datetime.now()
    problems: dict[str, list[str]] = {}

    def add(field_id: str, message: str) -> None:
        problems.setdefault(field_id, []).append(message)

    for spec in FIELDS:
        value = report.get(spec.id)
        if is_empty(value):
            if spec.required:
                add(spec.id, f"{spec.label}: vul dit in")
            continue
        if spec.kind == "date":
            for message in check_moment(str(value), str(report.get("time") or ""), now, spec.label, BY_ID["time"].label):
                add("time" if message.startswith(BY_ID["time"].label) else spec.id, message)
        elif spec.kind == "time":
            if is_empty(report.get("date")):  # otherwise checked together with the date
                try:
                    parse_time(str(value), spec.label)
                except ValidationError as exc:
                    add(spec.id, str(exc))
        elif spec.kind == "choice":
            if value not in dict(spec.choices):
                add(spec.id, f"{spec.label}: kies uit {', '.join(label.lower() for _, label in spec.choices)}")
        elif spec.is_list:
            for message in _check_rows(spec, value, now):  # type: ignore[arg-type]
                add(spec.id, message)
    if report.get("evidence_screenshots") == "ja" and is_empty(report.get("evidence_location")):
        add("evidence_location", f"{BY_ID['evidence_location'].label}: vul in waar de schermafbeeldingen bewaard zijn")
    return problems


def _check_rows(spec: ReportField, rows: list[dict[str, str]], now: datetime) -> list[str]:
    messages = []
    filled = [row for row in rows if any(v.strip() for v in row.values())]
    for number, row in enumerate(filled, 1):
        where = f"{spec.label}, regel {number}"
        date_column = next((c for c in spec.columns if c.kind == "date"), None)
        time_column = next((c for c in spec.columns if c.kind == "time"), None)
        for column in spec.columns:
            text = row.get(column.id, "").strip()
            if not text:
                if column.required:
                    messages.append(f"{where}: vul '{column.label}' in")
                continue
            if column.kind == "choice" and text not in dict(column.choices):
                messages.append(f"{where}: kies bij '{column.label}' uit {', '.join(lbl.lower() for _, lbl in column.choices)}")
        if date_column and row.get(date_column.id, "").strip():
            time_text = row.get(time_column.id, "") if time_column else ""
            messages += check_moment(row[date_column.id], time_text, now, f"{where}, {date_column.label.lower()}",
                                     f"{where}, {time_column.label.lower() if time_column else 'tijdstip'}")
    return messages


def check_field(field_id: str, value: Value, report: dict[str, Value] | None = None,
                now: datetime | None = None) -> list[str]:
    """The problems of one field as the form shows them beside it (other fields as context)."""
    merged = dict(report or {})
    merged[field_id] = value
    problems = check_report(merged, now)
    return problems.get(field_id, [])
