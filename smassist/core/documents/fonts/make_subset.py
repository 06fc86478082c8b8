"""Make the PDF fonts: DejaVu Sans Condensed, cut down to the characters Dutch documents use.

Run once when the character set must grow (maintainers only; the result is committed):
    python smassist/core/documents/fonts/make_subset.py /usr/share/fonts/truetype/dejavu
The DejaVu fonts are free to copy and change (see LICENSE beside this file).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

# Latin (with Latin Extended-A for names), punctuation, super- and subscripts,
# the euro, arrows, box drawing, ballot boxes and the verdict symbols.
UNICODES = "U+0020-007E,U+00A0-017F,U+0192,U+02C6-02DD,U+2000-206F,U+2070-209F,U+20AC,U+2116,U+2122," \
           "U+2190-21FF,U+2212,U+2500-257F,U+25A0-25FF,U+2610-2612,U+26A0,U+2713-2718"
STYLES = {"": "DejaVuSansCondensed.ttf", "B": "DejaVuSansCondensed-Bold.ttf",
          "I": "DejaVuSansCondensed-Oblique.ttf", "BI": "DejaVuSansCondensed-BoldOblique.ttf"}


def main(source: Path) -> None:
    here = Path(__file__).parent
    for name in STYLES.values():
        options = subset.Options()
        options.hinting = False
        options.layout_features = ["kern", "liga"]
        options.name_IDs = ["*"]
        font = subset.load_font(str(source / name), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        subset.save_font(font, str(here / name), options)
        print(name, (here / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
