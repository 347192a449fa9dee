#!/usr/bin/env bash
# Reproduces every font file committed in fonts/ from Debian packages and fonttools (PyPI).
# Run as root on Debian (apt-get is used for missing packages): bash fonts/build-fonts.sh
set -euo pipefail
cd "$(dirname "$0")"
# Reproducible output: fontTools stamps head.modified with this time.
export SOURCE_DATE_EPOCH=0

need() { dpkg -s "$1" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"; }
need fonts-noto-cjk
need fonts-noto-core
need unicode-data
need texlive-lang-chinese
python3 -c 'import fontTools' 2>/dev/null || pip install -q fonttools

python3 charset.py > /tmp/nianbao-charset.txt

# The window's UI font: Noto Sans CJK SC (face 2 of the collection), CFF outlines kept,
# no layout features (the UI needs none), subset to the character set above.
pyftsubset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
  --unicodes-file=/tmp/nianbao-charset.txt --layout-features='' --no-hinting \
  --output-file=NotoSansSC-nianbao-ui.otf

# Fallbacks for what Noto Sans CJK SC lacks of that set (general punctuation such as ‗ ‽,
# and in GBK ≒): Noto Sans, then Noto Sans Math, each subset to exactly what is still
# missing. The build fails if anything is left uncovered.
CJK=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
NOTO=/usr/share/fonts/truetype/noto
python3 charset.py missing "$CJK" 2 > /tmp/nianbao-missing.txt
pyftsubset $NOTO/NotoSans-Regular.ttf --unicodes-file=/tmp/nianbao-missing.txt \
  --layout-features='' --no-hinting --output-file=NotoSans-nianbao-fallback.ttf
python3 - <<'PY' > /tmp/nianbao-missing.txt
import charset
left = charset.needed() - charset.covered("NotoSansSC-nianbao-ui.otf") - charset.covered("NotoSans-nianbao-fallback.ttf")
print(",".join("U+%04X" % c for c in sorted(left)))
PY
pyftsubset $NOTO/NotoSansMath-Regular.ttf --unicodes-file=/tmp/nianbao-missing.txt \
  --layout-features='' --no-hinting --output-file=NotoSansMath-nianbao-fallback.ttf
python3 - <<'PY'
import charset
left = charset.needed()
for font in ["NotoSansSC-nianbao-ui.otf", "NotoSans-nianbao-fallback.ttf", "NotoSansMath-nianbao-fallback.ttf"]:
    left -= charset.covered(font)
assert not left, "no font covers: " + "".join(map(chr, sorted(left)))
PY

# The PDF's faces (GB/T 9704 roles) from the Fandol fonts: 仿宋 body, 楷体 for （一） headings,
# a bold Song for the title (the 小标宋 role), and Song for the page numbers (digits and
# dashes only). 黑体 headings use the Noto Sans CJK SC subset above. Characters these lack
# (浉, 喆 …) are drawn from Noto Sans CJK SC, per character.
FANDOL=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
for face in FandolFang-Regular FandolKai-Regular FandolSong-Bold; do
  pyftsubset $FANDOL/$face.otf --unicodes-file=/tmp/nianbao-charset.txt \
    --layout-features='' --no-hinting --output-file=$face-nianbao.otf
done
pyftsubset $FANDOL/FandolSong-Regular.otf --unicodes='U+0020-007E,U+2014,U+2015,U+2500' \
  --layout-features='' --no-hinting --output-file=FandolSong-Regular-nianbao-digits.otf
cp /usr/share/common-licenses/GPL-3 LICENSE-Fandol-GPL-3.txt

# The serif fallback behind 仿宋, 楷体 and the title, so a name character Fandol lacks (浉, 喆,
# 堃 …) stays serif: Noto Serif CJK SC (face 2 of each collection), Regular behind the body
# faces and Bold behind the title, subset to the standard characters the Fandol faces lack
# plus every supplementary-plane ideograph the face has (𠮷 U+20BB7 …).
SERIF=/usr/share/fonts/opentype/noto
python3 charset.py serif $SERIF/NotoSerifCJK-Regular.ttc 2 FandolFang-Regular-nianbao.otf \
  FandolKai-Regular-nianbao.otf > /tmp/nianbao-serif.txt
pyftsubset $SERIF/NotoSerifCJK-Regular.ttc --font-number=2 --unicodes-file=/tmp/nianbao-serif.txt \
  --layout-features='' --no-hinting --output-file=NotoSerifSC-nianbao-fallback.otf
python3 charset.py serif $SERIF/NotoSerifCJK-Bold.ttc 2 FandolSong-Bold-nianbao.otf > /tmp/nianbao-serif.txt
pyftsubset $SERIF/NotoSerifCJK-Bold.ttc --font-number=2 --unicodes-file=/tmp/nianbao-serif.txt \
  --layout-features='' --no-hinting --output-file=NotoSerifSC-Bold-nianbao-fallback.otf

# The 8105 characters of 《通用规范汉字表》, for the coverage tests.
python3 charset.py tgh > tongyong-8105.txt

# Licence: the SIL Open Font License 1.1 text from the package's copyright file
# (its standalone `License: SIL-1.1` paragraph, which runs to the next blank line).
{
  echo "Noto Sans CJK: Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
  echo "Subset for nianbao by fonts/build-fonts.sh. Licensed under the SIL Open Font License, Version 1.1:"
  echo
  awk 'p && /^$/ {exit} p {print} /^License: SIL-1.1$/ {n++; if (n == 2) p = 1}' /usr/share/doc/fonts-noto-cjk/copyright \
    | sed 's/^ \.$//; s/^ //'
} > LICENSE-NotoSansCJK-OFL.txt
{
  echo "Noto Serif CJK: Copyright 2017-2022 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
  echo "Subset for nianbao by fonts/build-fonts.sh (from Debian's fonts-noto-cjk)."
  echo "Licensed under the SIL Open Font License, Version 1.1: the text in LICENSE-NotoSansCJK-OFL.txt."
} > LICENSE-NotoSerifCJK-OFL.txt
{
  echo "Noto Sans and Noto Sans Math: Copyright 2010-2020 Google Inc. and the Noto Project Authors."
  echo "Subset for nianbao by fonts/build-fonts.sh (from Debian's fonts-noto-core)."
  echo "Licensed under the SIL Open Font License, Version 1.1: the text in LICENSE-NotoSansCJK-OFL.txt."
} > LICENSE-NotoSans-OFL.txt
ls -la
