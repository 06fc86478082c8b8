"""The built wheel carries the data: installed into a fresh environment, it works from any folder."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*command, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_wheel_installs_and_validates_outside_the_repository(tmp_path):
    dist = tmp_path / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT)
    assert built.returncode == 0, built.stderr
    [wheel] = dist.glob("smassist-*.whl")

    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "-q", wheel)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    validated = run(env_dir / "bin" / "smassist", "validate", cwd=elsewhere)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "5 protocollen" in validated.stdout

    listed = run(python, "-m", "smassist", "protocols", cwd=elsewhere)
    assert listed.returncode == 0 and "togtemaar" in listed.stdout
    located = run(python, "-c", "import smassist.core.paths as p; print(p.decision_trees_dir())", cwd=elsewhere)
    assert str(env_dir) in located.stdout, "the installed command must use the data inside the wheel"
