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
    out = set()
    for b1 in range(0x81, 0xFF):
        for b2 in range(0x40, 0xFF):
            try:
                out.add(ord(bytes([b1, b2]).decode("gbk")))
            except UnicodeDecodeError:
                pass
    return out


def basic():
    ranges = [(0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0)]
    return {c for lo, hi in ranges for c in range(lo, hi)}


if __name__ == "__main__":
    print(",".join("U+%04X" % c for c in sorted(gbk() | tgh() | basic())))
