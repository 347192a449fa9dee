#!/usr/bin/env bash
# Start-up time of the real window: starts the release build under Xvfb several times and
# reports the median time until the window is mapped (target: under 500 ms).
# Needs Debian's xvfb and xdotool. Usage: bash benches/startup.sh [RUNS] [FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
file=${2:-assets/examples/2025-qingshi.nianbao}
cargo build --release --quiet
display=:97
Xvfb $display -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
config=$(mktemp -d)
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  NIANBAO_CONFIG_DIR=$config DISPLAY=$display ./target/release/nianbao "$file" >/dev/null 2>&1 &
  app=$!
  # Poll every 5 ms (xdotool's own --sync waits in half-second steps).
  until DISPLAY=$display xdotool search --onlyvisible --name 'nianbao' >/dev/null 2>&1; do sleep 0.005; done
  end=$(date +%s%N)
  kill "$app"; wait "$app" 2>/dev/null || true
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "runs (ms): ${times[*]}"
echo "median: ${sorted[$(( runs / 2 ))]} ms until the window is mapped ($runs runs)"
