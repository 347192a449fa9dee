"""Writes crates/nianbao-core/src/import/pdf/radicals.txt: (radical, ideograph) pairs for every
CJK Radicals Supplement / Kangxi Radicals character (U+2E80-U+2FDF) that Noto Sans/Serif CJK SC
draw with the glyph of a unified ideograph (U+4E00-U+9FFF, the lowest kept), the remaining
Kangxi radicals by their NFKC decomposition. Needs fonts-noto-cjk and fonttools:
    python3 fonts/radicals.py
"""
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTCollection

NOTO = "/usr/share/fonts/opentype/noto/"
OUT = Path(__file__).parent.parent / "crates/nianbao-core/src/import/pdf/radicals.txt"

pairs = {}
for name in ["NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc"]:
    for font in TTCollection(NOTO + name).fonts:
        if "SC" not in font["name"].getDebugName(1):
            continue
        cmap = font.getBestCmap()
        by_glyph = {}
        for cp, glyph in cmap.items():
            if 0x4E00 <= cp <= 0x9FFF:
                by_glyph.setdefault(glyph, []).append(cp)
        for cp in range(0x2E80, 0x2FE0):
            if cp in cmap and cp not in pairs and cmap[cp] in by_glyph:
                pairs[cp] = min(by_glyph[cmap[cp]])
for cp in range(0x2F00, 0x2FD6):
    decomposed = unicodedata.normalize("NFKC", chr(cp))
    if cp not in pairs and decomposed != chr(cp):
        pairs[cp] = ord(decomposed)
OUT.write_text("".join(chr(a) + chr(b) for a, b in sorted(pairs.items())), encoding="utf-8")
print(f"{len(pairs)} pairs -> {OUT}")
