"""Mutated user files for the fuzz test (tests/test_fuzz.py) and the long campaign (scripts/fuzz_campaign.py).

A target is one kind of file a user or a damaged disk hands smassist (a tree, a
protocol, the profile, a --data or --walk file, a scenario file, the saved
preferences or walk) with the real entry point that reads it. A mutation is a
short list of edits (flip a bit, insert a nasty token, delete, repeat or nest a
span) applied to a valid seed file, so most inputs are almost valid and reach
deep into the readers instead of failing on the first byte.

Every run returns an Outcome: the exit code and what was printed, or the
exception that escaped (a traceback for the user), or a hang (the alarm fired).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"

# Tokens that broke readers before, or that YAML/JSON give a meaning to.
TOKENS: tuple[bytes, ...] = (
    b"&a ", b"*a", b"<<: *a", b"? ", b"!!python/object:os.system", b"!!binary ", b"%YAML 1.1\n", b"---\n", b"...\n",
    b"[" * 40, b"{" * 40, b"]", b"}", b"- ", b": ", b"\t", b"\n", b"\r", b"\x00", b"\x07", b"\x1b[2J", b"\xff", b"\xc3",
    b"\xef\xbb\xbf", b"\xe2\x80\xae", b"1e999", b"-1", b"99999999999999999999", b".inf", b".nan", b"null", b"~",
    b"true", b"no", b"'", b'"', b"|-\n", b">\n", b"#", b"@", b"`", b"{{ 7*7 }}", b"{% raw %}", b"<script>", b"..\\",
    b"\\u0000", b'"\\ud800"', b"9C.6", b"\xf0\x9f\x98\x80", b"a" * 300,
)


@dataclass(frozen=True)
class Edit:
    kind: str  # flip | insert | delete | repeat | nest | replace
    at: float  # position as a fraction of the length, so an edit fits any seed
    size: int  # bytes affected, a token index, or a repeat/nesting count


def mutate(seed: bytes, edits: list[Edit]) -> bytes:
    data = bytearray(seed)
    for edit in edits:
        n = len(data)
        at = min(int(edit.at * n), n)
        if edit.kind == "flip" and n:
            at = min(at, n - 1)
            data[at] ^= 1 << (edit.size % 8)
        elif edit.kind == "insert":
            data[at:at] = TOKENS[edit.size % len(TOKENS)]
        elif edit.kind == "replace":
            data[at:at + 1 + edit.size % 8] = TOKENS[edit.size % len(TOKENS)]
        elif edit.kind == "delete":
            del data[at:at + 1 + edit.size % 64]
        elif edit.kind == "repeat":
            chunk = bytes(data[at:at + 1 + edit.size % 32])
            data[at:at] = chunk * (2 + edit.size % 50)
        elif edit.kind == "nest":
            depth = 1 + edit.size % 600
            data[at:at] = b"[" * depth + b"]" * depth
    return bytes(data[:200_000])


KINDS = ("flip", "insert", "delete", "repeat", "nest", "replace")


# -- targets ---------------------------------------------------------------------------------


def _seed(path: Path, limit: int | None = None) -> bytes:
    text = path.read_bytes()
    return text if limit is None else text[:limit]


WALK_SEED = json.dumps({"version": 1, "tree": "photo", "protocol": "quadraam", "role": "staff", "cursor": 4,
                        "answers": {"school_related": "ja", "who": "pupils", "pupil_consent": "written",
                                    "age": "sixteen"}, "inputs": {}}).encode()
DATA_SEED = (b"purpose: Schoolgids en website\naccounts: [Website, Instagram]\nrecipient: ouders\n"
             b"pupil_name: Sanne\nage: 15\narticles: ['4.5']\n")
PROFILE_SEED = (b"# smassist schoolprofiel\nschool_name: De Regenboog\nboard: Stichting Kopwerk\nprotocol: quadraam\n"
                b"function: mentor\nschool_leader: A. Jansen\nprivacy_officer: B. de Vries\n")
PREFERENCES_SEED = b'{\n  "role": "staff",\n  "protocol": "quadraam",\n  "theme": "ansi-dark"\n}\n'


def scenario_seed() -> bytes:
    lines = (ROOT / "decision_trees" / "scenarios" / "quadraam.yaml").read_bytes().splitlines(keepends=True)
    return b"".join(lines[:21])  # the first three cases


def document_seed() -> bytes:
    """The start of a real protocol as plain text: headings and numbered articles."""
    lines = (ROOT / "tests" / "data" / "seeds" / "000_be6cdd57d1a26396.txt").read_bytes().splitlines(keepends=True)
    return b"".join(lines[:120])


def docx_of(text: bytes) -> bytes:
    """A minimal Word file holding the text, one paragraph per line (mutated after zipping or before)."""
    import zipfile
    from xml.sax.saxutils import escape

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>"
                         for line in text.decode("utf-8", "replace").splitlines())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{paragraphs}</w:body></w:document>')
    return buffer.getvalue()


def seeds() -> dict[str, bytes]:
    return {
        "import-txt": document_seed(),
        "import-docx": docx_of(document_seed()),
        "tree": _seed(MINI / "walk.yaml"),
        "protocol": _seed(MINI / "protocols" / "alpha.yaml"),
        "profile": PROFILE_SEED,
        "data": DATA_SEED,
        "walk": WALK_SEED,
        "scenario": scenario_seed(),
        "preferences": PREFERENCES_SEED,
        "draft": b"",  # made from a real walk by `draft_seed`, needs the catalog
    }


def draft_seed(catalog) -> bytes:
    from smassist.core.walk import Walk

    walk = Walk(catalog.tree("incident"), catalog.protocol("buitengewoon"), "staff")
    return json.dumps({"format": "smassist-onderweg", "version": 1, "saved_at": "2026-03-01T12:00:00+00:00",
                       "walk": walk.to_dict(),
                       "pending": {"facts": {"date": "01-02-2026", "platform": "Instagram",
                                             "what_happened": "Een bericht", "evidence": ""}}}).encode()


def place(target: str, data: bytes, work: Path, home: Path) -> list[str] | None:
    """Put the mutated file where its reader looks; the CLI arguments, or None for a state file."""
    if target in ("tree", "protocol"):
        folder = work / "mini"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(MINI, folder)
        (folder / ("walk.yaml" if target == "tree" else "protocols/alpha.yaml")).write_bytes(data)
        return ["validate", str(folder)]
    if target == "profile":
        (home / "config").mkdir(parents=True, exist_ok=True)
        (home / "config" / "profile.yaml").write_bytes(data)
        return ["profile", "show"]
    if target == "data":
        (work / "gegevens.yaml").write_bytes(data)
        return ["render", "consent_photo", "--protocol", "quadraam", "--data", str(work / "gegevens.yaml")]
    if target == "walk":
        (work / "route.json").write_bytes(data)
        return ["render", "consent_photo", "--walk", str(work / "route.json"), "--data", str(work / "vast.yaml")]
    if target == "scenario":
        folder = work / "scenarios"
        folder.mkdir(exist_ok=True)
        (folder / "quadraam.yaml").write_bytes(data)
        return ["scenarios", str(folder)]
    if target.startswith("import-"):
        source = work / f"protocol.{target.split('-')[1]}"
        source.write_bytes(data)
        return ["import", str(source), "--id", "fuzz", "-o", str(work / "fuzz.yaml"), "--force"]
    if target == "preferences":
        (home / "config").mkdir(parents=True, exist_ok=True)
        (home / "config" / "preferences.json").write_bytes(data)
        return None
    if target == "draft":
        (home / "data").mkdir(parents=True, exist_ok=True)
        (home / "data" / "onderweg.json").write_bytes(data)
        return None
    raise ValueError(target)


def prepare(work: Path, home: Path) -> None:
    """Files every run shares: a fixed data file for --walk, and a profile for the documents."""
    (work / "vast.yaml").write_text("purpose: Schoolgids\naccounts: [Website]\n", encoding="utf-8")
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "profile.yaml").write_text(PROFILE_SEED.decode(), encoding="utf-8")


# -- running ---------------------------------------------------------------------------------


class Hang(Exception):
    """The alarm fired: the input kept an entry point busy longer than the bound."""


@dataclass
class Outcome:
    code: int | None = None
    out: str = ""
    err: str = ""
    crash: str = ""  # the traceback of an exception that escaped the entry point
    hang: bool = False

    def problem(self, cli: bool) -> str:
        """What is wrong with this outcome, or '' when it is what a user may see."""
        if self.hang:
            return "hang"
        if self.crash:
            return "traceback:\n" + self.crash
        if not cli:
            return ""
        if self.code not in (0, 1, 2):
            return f"exit code {self.code}"
        if "Traceback" in self.err or "Traceback" in self.out:
            return "traceback printed"
        said = [line for line in self.err.splitlines() if not line.startswith("… ")]  # import's progress
        if len(said) > 1:
            return f"more than one line on stderr: {self.err!r}"
        return ""


@contextlib.contextmanager
def time_bound(seconds: float):
    """Raise Hang in the main thread after `seconds` (POSIX); elsewhere no bound."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(target: str, data: bytes, work: Path, home: Path, catalog, seconds: float) -> Outcome:
    """One input through its entry point, in this process (HOME is whatever SMASSIST_HOME says)."""
    from smassist.cli import main

    argv = place(target, data, work, home)
    outcome = Outcome()
    out, err = io.StringIO(), io.StringIO()
    try:
        with time_bound(seconds), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            if argv is not None:
                try:
                    outcome.code = main(argv)
                except SystemExit as exc:
                    outcome.code = exc.code if isinstance(exc.code, int) else 2
            else:  # a state file: 0 when the app uses it, 1 when it is moved aside with one notice
                notices = _start_with_preferences() if target == "preferences" else _start_with_draft(catalog)
                outcome.code = 1 if notices else 0
    except Hang:
        outcome.hang = True
    except Exception:  # noqa: BLE001 - exactly what the fuzz test looks for
        outcome.crash = traceback.format_exc(limit=-8)
    outcome.out, outcome.err = out.getvalue(), err.getvalue()
    _clean(home)
    return outcome


def _clean(home: Path) -> None:
    """Each input starts from the shared files only: state files and the ones moved aside go."""
    for folder in (home / "config", home / "data"):
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name != "profile.yaml" and not path.is_dir():
                    path.unlink()


def _start_with_preferences() -> list[str]:
    """What the app does with preferences.json when it starts."""
    from smassist.core.preferences import read_preferences

    notices: list[str] = []
    read_preferences(notices)
    assert len(notices) <= 1, notices
    return notices


def _start_with_draft(catalog) -> list[str]:
    """What the start screen does with onderweg.json."""
    from smassist.core.walk_draft import load_draft

    notices: list[str] = []
    draft = load_draft(catalog, notices)
    if draft is not None:
        draft.walk.result() if draft.walk.finished else draft.walk.question_text()
    assert len(notices) <= 1, notices
    return notices


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "SMASSIST_HOME": str(home), "NO_COLOR": "1"}
