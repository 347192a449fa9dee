#!/usr/bin/env bash
# Draws the application icon (assets/icon/nianbao.png, 256×256): a white sheet with a folded
# corner on a red rounded square, 「年报」 in red on the sheet, three grey text lines below.
# Also the Windows icon nianbao.ico (256, 48, 32 and 16 pixels) for the exe. Needs ImageMagick; the glyphs come from the bundled 小标宋 stand-in (FandolSong Bold). Usage: bash assets/icon/make-icon.sh
set -euo pipefail
cd "$(dirname "$0")"
font=../../fonts/FandolSong-Bold-nianbao.otf
red='#c8161d'
convert -size 256x256 xc:none \
  -fill "$red" -draw 'roundrectangle 8,8 247,247 40,40' \
  -fill white -draw 'polygon 52,30 170,30 204,64 204,226 52,226' \
  -fill '#f2b8ba' -draw 'polygon 170,30 170,64 204,64' \
  -font "$font" -fill "$red" -pointsize 64 -annotate +64+130 '年报' \
  -fill '#9a9a9a' -draw 'rectangle 72,156 184,164' \
  -draw 'rectangle 72,178 184,186' -draw 'rectangle 72,200 148,208' \
  -strip PNG32:nianbao.png
convert nianbao.png -define icon:auto-resize=256,48,32,16 nianbao.ico
