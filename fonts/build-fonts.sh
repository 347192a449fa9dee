#!/usr/bin/env bash
# Reproduces every font file committed in fonts/ from Debian packages and fonttools (PyPI).
# Run as root on Debian (apt-get is used for missing packages): bash fonts/build-fonts.sh
set -euo pipefail
cd "$(dirname "$0")"

need() { dpkg -s "$1" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"; }
need fonts-noto-cjk
need unicode-data
python3 -c 'import fontTools' 2>/dev/null || pip install -q fonttools

python3 charset.py > /tmp/nianbao-charset.txt

# The window's UI font: Noto Sans CJK SC (face 2 of the collection), CFF outlines kept,
# no layout features (the UI needs none), subset to the character set above.
pyftsubset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
  --unicodes-file=/tmp/nianbao-charset.txt --layout-features='' --no-hinting \
  --output-file=NotoSansSC-nianbao-ui.otf

# Licence: the SIL Open Font License 1.1 text from the package's copyright file
# (its standalone `License: SIL-1.1` paragraph, which runs to the next blank line).
{
  echo "Noto Sans CJK: Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
  echo "Subset for nianbao by fonts/build-fonts.sh. Licensed under the SIL Open Font License, Version 1.1:"
  echo
  awk 'p && /^$/ {exit} p {print} /^License: SIL-1.1$/ {n++; if (n == 2) p = 1}' /usr/share/doc/fonts-noto-cjk/copyright \
    | sed 's/^ \.$//; s/^ //'
} > LICENSE-NotoSansCJK-OFL.txt
ls -la
