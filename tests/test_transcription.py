"""Articles are verbatim: every passage is in the seed, or the notes list the repair."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = next((p for p in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds") if p.is_dir()), None)
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def _plain(text: str) -> str:
    """The seed with the layout artefacts the transcription guide drops, whitespace collapsed."""
    text = re.sub(r"\*\*|__|^#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<sup>(\d)</sup>", lambda m: SUPERSCRIPT[int(m.group(1))], text)
    return " ".join(text.replace("•", "").replace("\\*", "*").split())


@pytest.mark.skipif(SEEDS is None, reason="the seed texts (shared/seeds) are not beside the checkout")
def test_every_passage_is_in_the_seed_or_its_repair_is_listed_in_the_notes(catalog):
    unlisted = []
    for protocol in catalog.protocols.values():
        seed = _plain((SEEDS / protocol.source).read_text(encoding="utf-8"))
        for article in protocol.articles.values():
            for paragraph in article.text.split("\n"):
                paragraph = _plain(paragraph.strip().removeprefix("- "))
                if paragraph and paragraph not in seed and not re.search(rf"(?<![\w.]){re.escape(article.id)}(?![\w])", protocol.notes):
                    unlisted.append(f"{protocol.id} {article.id}: {paragraph[:60]}")
    assert unlisted == []


def test_the_authors_own_slip_stays_marked_sic(catalog):
    text = catalog.protocol("buitengewoon").articles["11.6"].text
    assert "stuur is [sic] samenspraak" in text
    assert "11.6" in catalog.protocol("buitengewoon").notes and "[sic]" in catalog.protocol("buitengewoon").notes
