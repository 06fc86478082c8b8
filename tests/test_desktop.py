"""Handing a saved file or the answer's text to the desktop: viewer, folder, clipboard (issue 14)."""

from __future__ import annotations

import stat
import sys
import time

import pytest

from smassist.core import desktop
from smassist.core.answer_export import result_text
from smassist.core.walk import Walk

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fake xdg-open/xclip are shell scripts")


def fake_tool(folder, name: str, body: str):
    tool = folder / name
    tool.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return tool


def wait_for_file(path, what: str):
    deadline = time.monotonic() + 10
    while not path.exists() or not path.read_text(encoding="utf-8"):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return path.read_text(encoding="utf-8")


def test_a_file_opens_with_xdg_open_without_waiting_for_it(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "seen.txt"
    fake_tool(bin_dir, "xdg-open", f'echo "$1" > "{seen}"')
    monkeypatch.setenv("PATH", str(bin_dir))
    document = tmp_path / "brief.pdf"
    document.write_bytes(b"%PDF")
    desktop.open_path(document)
    assert wait_for_file(seen, "xdg-open").strip() == str(document)
    seen.unlink()
    desktop.show_folder(document)
    assert wait_for_file(seen, "xdg-open on the folder").strip() == str(tmp_path)


def test_without_a_viewer_the_message_says_so_and_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    document = tmp_path / "brief.pdf"
    document.write_bytes(b"%PDF")
    with pytest.raises(desktop.DesktopProblem) as problem:
        desktop.open_path(document)
    assert "geen programma om bestanden te openen" in str(problem.value) and str(document) in str(problem.value)


def test_copy_uses_the_systems_clipboard_tool_and_says_when_there_is_none(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    clipboard = tmp_path / "clipboard.txt"
    fake_tool(bin_dir, "xclip", f'/bin/cat > "{clipboard}"')
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert desktop.copy_text("Niet toegestaan (9C.6)") is True
    assert clipboard.read_text(encoding="utf-8") == "Niet toegestaan (9C.6)"
    monkeypatch.delenv("DISPLAY")  # over ssh, in a bare console: no clipboard tool to use
    assert desktop.copy_text("x") is False


def test_the_copied_text_has_no_border_characters_and_unbroken_paragraphs(catalog):
    walk = Walk(catalog.tree("photo"), catalog.protocol("quadraam"), "staff")
    for option in ("ja", "pupils", "written", "sixteen"):
        walk.answer(option)
    result = walk.result()
    plain = result_text(result, {}, plain=True)
    assert "│" not in plain
    framed = result_text(result, {})
    assert "│" in framed  # the screen/file version keeps the quote bar
    article = result.citations[0].text({}).split("\n")[0]
    assert article in plain  # one line, as the protocol has it, not wrapped at 78 characters
