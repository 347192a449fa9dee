#!/usr/bin/env python3
"""Prints the code points every bundled font must cover, as pyftsubset's --unicodes list:
all of GBK, the 8105 characters of 《通用规范汉字表》 (Unihan kTGH, from Debian's unicode-data),
ASCII, Latin-1, general punctuation, CJK symbols and punctuation, and full-width forms."""
import bz2

UNIHAN = "/usr/share/unicode/Unihan_OtherMappings.txt.bz2"


def tgh():
    out = set()
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        for line in f:
            if "\tkTGH\t" in line:
                out.add(int(line.split("\t")[0][2:], 16))
    assert len(out) == 8105, len(out)
    return out


def gbk():
    """Two-byte GBK as Python decodes it, and as browsers do (the WHATWG GBK decoder is
    GB18030's: radicals, vertical forms and 20 CJK Extension A characters that Python's
    GBK leaves to private use), plus 0x80 (€). Private-use code points are left out."""
    import unicodedata

    # €, and the code points GB18030-2005 gave to characters that Python still decodes to
    # private use: vertical forms, ḿ, and eight CJK ideographs.
    out = {0x20AC, 0x1E3F, *range(0xFE10, 0xFE1A), *range(0x9FB4, 0x9FBC)}
    for b1 in range(0x81, 0xFF):
        for b2 in range(0x40, 0xFF):
            for codec in ("gbk", "gb18030"):
                try:
                    c = bytes([b1, b2]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(c) == 1 and unicodedata.category(c) != "Co":
                    out.add(ord(c))
    return out


def basic():
    import unicodedata

    ranges = [(0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0)]
    # Printable, assigned characters only (no controls, format or unassigned code points).
    skip = ("Cn", "Cc", "Cf", "Co", "Cs", "Zl", "Zp")
    return {c for lo, hi in ranges for c in range(lo, hi) if unicodedata.category(chr(c)) not in skip}


def needed():
    return gbk() | tgh() | basic()


def serif_fallback(serif, number, *faces):
    """What the serif fallback must draw: the 8105 standard characters (every character a
    name may be written with) and the basic set that the given faces lack, plus every
    supplementary-plane character the serif face has (𠮷 U+20BB7 and the other extension
    ideographs), so names stay serif."""
    have = covered(serif, number)
    left = tgh() | basic()
    for face in faces:
        left -= covered(face)
    return (left | {c for c in have if c > 0xFFFF}) & have


def covered(path, number=0):
    from fontTools.ttLib import TTFont

    return set(TTFont(path, fontNumber=number).getBestCmap())


if __name__ == "__main__":
    import sys

    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what == "all":
        # Every code point the fonts must cover, for pyftsubset --unicodes-file.
        print(",".join("U+%04X" % c for c in sorted(needed())))
    elif what == "tgh":
        # The 8105 characters themselves, for the tests.
        print("".join(chr(c) for c in sorted(tgh())))
    elif what == "serif":
        # The serif fallback's code points: serif path, face number, then the faces it backs.
        path, number = sys.argv[2], int(sys.argv[3])
        print(",".join("U+%04X" % c for c in sorted(serif_fallback(path, number, *sys.argv[4:]))))
    elif what == "missing":
        # Code points the given font (path, face number) lacks.
        path, number = sys.argv[2], int(sys.argv[3])
        print(",".join("U+%04X" % c for c in sorted(needed() - covered(path, number))))
