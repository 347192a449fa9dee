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
EOF
for input in "$work"/*.html "$work"/*.txt; do
  size=$(stat -c %s "$input")
  /usr/bin/time -f "$(basename "$input") ($size bytes): %e s, peak %M KB" \
    ./target/release/nianbao convert "$input" -o "$work/out.nianbao" --force >/dev/null
done
