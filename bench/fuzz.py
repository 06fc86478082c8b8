"""The long fuzz campaign (not in CI): many mutated user files through the real entry points.

    python bench/fuzz.py                  # 500 inputs per kind of file, seed 1
    python bench/fuzz.py --per-target 3000 --seed 7 --subprocess-every 100

Uses the same targets and mutations as tests/test_fuzz.py (tests/fuzz_inputs.py),
with plain random edits and many more inputs, plus the special files that a
mutation cannot make (a FIFO, a link to /dev/zero, a 2 GiB sparse file, a
folder, a 5,000-character path) for every file kind, and every Nth input again
as a real subprocess with a timeout. Prints the figures the issue asks for:
inputs tried, tracebacks, hangs (goal: 0 and 0), with the first few offending
inputs saved to the output folder for replay.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzz_inputs import KINDS, Edit, draft_seed, environment, mutate, place, prepare, run, seeds  # noqa: E402

TARGETS = ("tree", "protocol", "profile", "data", "walk", "scenario", "preferences", "draft", "import-txt", "import-docx")
CLI_TARGETS = ("tree", "protocol", "profile", "data", "walk", "scenario", "import-txt", "import-docx")


def special_inputs(work: Path) -> dict[str, Path]:
    """Files no byte mutation makes; each is put where a target reads its file."""
    made: dict[str, Path] = {}
    folder = work / "special"
    folder.mkdir(exist_ok=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pijp")
        made["fifo"] = folder / "pijp"
    if Path("/dev/zero").exists():
        (folder / "nul").symlink_to("/dev/zero")
        made["dev-zero"] = folder / "nul"
    with open(folder / "groot", "wb") as handle:
        handle.truncate(2 * 1024 ** 3)
    made["2-gib"] = folder / "groot"
    (folder / "map").mkdir()
    made["folder"] = folder / "map"
    return made


def special_argv(target: str, kind: str, special: Path, work: Path, home: Path) -> list[str] | None:
    """The CLI arguments that make a target read `special` (a subprocess run: the FIFO must not block us)."""
    long = str(work / ("x" * 5000))
    source = long if kind == "long-path" else str(special)
    if target == "data":
        return ["render", "consent_photo", "--protocol", "quadraam", "--data", source]
    if target == "walk":
        return ["render", "consent_photo", "--walk", source]
    if target in ("tree", "protocol"):
        return ["validate", source]
    if target == "scenario":
        return ["scenarios", source]
    if target.startswith("import-"):
        return ["import", source, "--id", "fuzz", "-o", str(work / "fuzz.yaml"), "--force"]
    if target == "profile":
        if kind == "long-path":
            return None
        config = home / "config"
        config.mkdir(parents=True, exist_ok=True)
        profile = config / "profile.yaml"
        if profile.exists() or profile.is_symlink():
            profile.unlink() if not profile.is_dir() else profile.rmdir()
        if kind == "folder":
            profile.mkdir()
        else:
            profile.symlink_to(special)
        return ["profile", "show"]
    return None


def subprocess_run(argv: list[str], home: Path, timeout: float) -> tuple[str, str]:
    """('', '') when fine, else (problem, detail)."""
    try:
        out = subprocess.run([sys.executable, "-m", "smassist", *argv], capture_output=True, text=True,
                             timeout=timeout, env=environment(home), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "hang", " ".join(a[:80] for a in argv)
    if "Traceback" in out.stderr:
        return "traceback", out.stderr[-2000:]
    if out.returncode not in (0, 1, 2):
        return f"exit {out.returncode}", out.stderr[-500:]
    if len([line for line in out.stderr.splitlines() if not line.startswith("… ")]) > 1:
        return "more than one line", out.stderr[-500:]
    return "", ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-target", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--targets", default=",".join(TARGETS), help=f"comma-separated, from: {', '.join(TARGETS)}")
    parser.add_argument("--bound", type=float, default=20.0, help="seconds before an input counts as a hang")
    parser.add_argument("--subprocess-every", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "smassist-fuzz")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="smassist-fuzz-"))
    home, work = base / "home", base / "work"
    work.mkdir(parents=True)
    os.environ["SMASSIST_HOME"] = str(home)
    prepare(work, home)
    args.out.mkdir(parents=True, exist_ok=True)

    from smassist.core.catalog_sources import load_user_catalog

    catalog = load_user_catalog()
    all_seeds = {**seeds(), "draft": draft_seed(catalog)}
    rng = random.Random(args.seed)
    tried = collections.Counter()
    problems: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    started = time.monotonic()

    def record(target: str, problem: str, detail: str, data: bytes | None = None) -> None:
        kind = "hang" if problem == "hang" else ("traceback" if "traceback" in problem else "other")
        problems[kind].append((target, detail[-600:]))
        if data is not None and len(problems[kind]) <= 20:
            (args.out / f"{kind}-{target}-{len(problems[kind])}.bin").write_bytes(data)

    chosen = [t for t in TARGETS if t in args.targets.split(",")]
    for target in chosen:
        for n in range(args.per_target):
            edits = [Edit(rng.choice(KINDS), rng.random(), rng.randrange(10_000)) for _ in range(rng.randint(1, 6))]
            data = mutate(all_seeds[target], edits)
            outcome = run(target, data, work, home, catalog, args.bound)
            tried[target] += 1
            problem = outcome.problem(cli=target in CLI_TARGETS)
            if problem:
                record(target, problem, problem, data)
            if target in CLI_TARGETS and args.subprocess_every and n % args.subprocess_every == 0:
                argv = place(target, data, work, home)
                tried[f"{target} (subprocess)"] += 1
                problem, detail = subprocess_run(argv, home, args.bound * 3)
                if problem:
                    record(target, problem, f"{problem}: {detail}", data)
        print(f"{target}: {tried[target]} inputs, {time.monotonic() - started:.0f} s", file=sys.stderr)

    specials = special_inputs(work)
    for target in [t for t in CLI_TARGETS if t in chosen]:
        for kind, special in [*specials.items(), ("long-path", work)]:
            argv = special_argv(target, kind, special, work, home)
            if argv is None:
                continue
            tried[f"special: {kind}"] += 1
            problem, detail = subprocess_run(argv, home, 60)
            if problem:
                record(target, problem, f"{kind}: {problem}: {detail}")
        profile = home / "config" / "profile.yaml"
        if profile.is_symlink() or profile.is_file():
            profile.unlink()
        elif profile.is_dir():
            profile.rmdir()
        prepare(work, home)

    total = sum(tried.values())
    print(f"inputs tried: {total} ({', '.join(f'{k} {v}' for k, v in sorted(tried.items()))})")
    print(f"tracebacks: {len(problems['traceback'])}")
    print(f"hangs: {len(problems['hang'])}")
    print(f"other (exit code, more than one line): {len(problems['other'])}")
    for kind, found in problems.items():
        for target, detail in found[:5]:
            print(f"--- {kind} in {target}:\n{detail}")
    print(f"time: {time.monotonic() - started:.0f} s; offending inputs in {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
