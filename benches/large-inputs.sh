#!/usr/bin/env bash
# Time and peak memory of importing the largest inputs accepted (just under the 8 MB limit),
# in shapes that stress each step: thousands of paragraphs, a huge table, one huge cell,
# hundreds of thousands of heading-like or label-like lines. Needs python3 and GNU time.
# Usage: bash benches/large-inputs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo bench --quiet --bench export_import -- --test docx-example >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seed=$(ls ../shared/seeds/004_*.txt 2>/dev/null | head -1 || true)
python3 - "$work" target/tmp/published/example.html "$seed" <<'EOF'
import sys
work, page, seed = sys.argv[1], open(sys.argv[2], encoding="utf-8").read(), sys.argv[3]
seed = open(seed, encoding="utf-8").read() if seed else page
def put(name, text):
    open(f"{work}/{name}", "w", encoding="utf-8").write(text)
put("paragraphs.html", page.replace("</body>", "".join(
    f"<p>（{i}）本镇全年主动公开政府信息。</p>" for i in range(130000)) + "</body>"))
put("table.html", page.replace("</body>", "<table>" + ("<tr>" + "<td>1</td>" * 15 + "</tr>") * 25000 + "</table></body>"))
put("cell.html", page.replace("</body>", "<table><tr><td>" + "规章" * 1300000 + "</td></tr></table></body>"))
put("labels.html", page.replace("</body>", "<table>" + ("<tr><td>（一）予以公开</td>" + "<td>1</td>" * 7 + "</tr>") * 40000 + "</table></body>"))
put("headings.txt", seed + "\n".join(f"一、总体情况{i}" for i in range(330000)))
put("lines.txt", seed + "\n".join(f"本镇全年主动公开政府信息群众满意度较高{i}" for i in range(120000)))
# Hostile shapes found by trying (issue 11): they must stay linear and bounded.
put("blank-lines.txt", seed + "\n规章\t0\t0\t0" + "\n" * 40000 + "规范性文件\t0\t0\t0\n" + ("\n" * 40000 + "a\tb\n") * 90)
put("bookmarks.txt", seed + "[bookmark: ]" * 580000)
put("scripts.html", page.replace("</body>", "<script></script>" * 480000 + "</body>"))
put("spans.html", page.replace("</body>", "<table>" + "<tr><td colspan=64 rowspan=64>1</td></tr>" * 190000 + "</table></body>"))
# Many tiny parts (issue 25): refused by their count before any parsing, or just within it.
put("ones.txt", "1\n" * 4_000_000)
put("tabs.txt", "1\t" * 4_000_000)
put("ones-within.txt", seed + "1\n" * 480_000)
import zipfile
with zipfile.ZipFile(f"{work}/paragraphs.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
               + '<w:p><w:r><w:t>1</w:t></w:r></w:p>' * 900_000 + '</w:body></w:document>')
cell = '<w:tc><w:tcPr><w:gridSpan w:val="18446744073709551615"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'
rows = ('<w:tr>' + cell * 8 + '<w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p/></w:tc></w:tr>') * 22000
xml = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:tbl>' + rows + '</w:tbl></w:body></w:document>'
with zipfile.ZipFile(f"{work}/spans.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", xml)
EOF
for input in "$work"/*.html "$work"/*.txt "$work"/*.docx; do
  size=$(stat -c %s "$input")
  # A refusal (exit 2) is an answer too: what is timed is that it comes quickly.
  /usr/bin/time -o "$work/time" -f "$(basename "$input") ($size bytes): %e s, peak %M KB, exit %x" \
    ./target/release/nianbao convert "$input" -o "$work/out.nianbao" --force >/dev/null 2>&1 || true
  cat "$work/time"
done
# A batch of four files just within the limits, on all cores: peak memory within the desk's
# reading budget, whatever the number of cores.
mkdir -p "$work/batch"
for i in 1 2 3 4; do cp "$work/ones-within.txt" "$work/batch/$i.txt"; done
/usr/bin/time -o "$work/time" -f "batch of 4 × ones-within.txt: %e s, peak %M KB, exit %x" \
  ./target/release/nianbao check "$work/batch" >/dev/null 2>&1 || true
cat "$work/time"
