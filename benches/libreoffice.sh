#!/usr/bin/env bash
# Our PDF export against LibreOffice's, in the same run and from the same input: the full
# example written as a Word file (by `cargo bench --bench export_import`), turned into a PDF
# by `nianbao convert` and by `soffice --headless --convert-to pdf`. Reports the median wall
# time of whole commands and the file sizes, and their ratios.
# Needs Debian's libreoffice-writer-nogui. Usage: bash benches/libreoffice.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
command -v soffice >/dev/null || { echo "soffice not found (apt-get install libreoffice-writer-nogui)"; exit 1; }
cargo build --release --quiet
cargo bench --quiet --bench export_import -- --test docx-example >/dev/null 2>&1
input=target/tmp/published/example.docx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile="file://$work/profile"

ours() { ./target/release/nianbao convert "$input" -o "$work/ours.pdf" --force >/dev/null 2>&1; }
theirs() { soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$work/lo" "$input" >/dev/null 2>&1; }

# Milliseconds of each run of a command, after one untimed run (LibreOffice builds its profile).
median_ms() {
  "$1"
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$1"
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  echo "$1 runs (ms): ${times[*]}" >&2
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( runs / 2 + 1 ))p"
}

our_ms=$(median_ms ours)
their_ms=$(median_ms theirs)
our_bytes=$(stat -c %s "$work/ours.pdf")
their_bytes=$(stat -c %s "$work/lo/example.pdf")
echo "nianbao convert: median $our_ms ms, $our_bytes bytes"
echo "soffice --convert-to pdf: median $their_ms ms, $their_bytes bytes"
awk -v a="$our_ms" -v b="$their_ms" -v c="$our_bytes" -v d="$their_bytes" \
  'BEGIN { printf "time: soffice / nianbao = %.1f; size: nianbao / soffice = %.2f\n", b / a, c / d }'
