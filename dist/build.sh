#!/usr/bin/env bash
# Builds every artifact from a clean checkout into dist/out/:
#   nianbao-<version>-windows-x64.zip   nianbao.exe (win7 target: runs on Windows 7 to 11), README, licences
#   nianbao_<version>_amd64.deb         for UOS, Kylin, Debian, Ubuntu on x86-64
#   nianbao_<version>_arm64.deb         the same on arm64 (飞腾, 鲲鹏)
# Installs what it needs with apt-get (and cargo-deb with cargo) where absent. The same checkout
# gives the same bytes: every timestamp is the last commit's, paths are remapped.
# Usage: bash dist/build.sh [windows|amd64|arm64 ...]   (default: all three)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$DIST_ROOT"

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(windows amd64 arm64)
if [ "${want[*]}" = windows ]; then dist_need_cross windows; else dist_need_cross; fi
dist_need python3:python3
[ "${want[*]}" = windows ] || command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --version 3.8.0

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(dist_epoch)}
version=$(cargo metadata --no-deps --format-version 1 |
    python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="nianbao"))')
out=$DIST_ROOT/dist/out
mkdir -p "$out"

# The desktop entry and MIME type as `install-desktop` writes them (their one owner), the
# Exec line for the installed /usr/bin/nianbao.
desktop_files() {
    local stage=$DIST_ROOT/target/dist/deb/share
    rm -rf "$stage" && mkdir -p "$stage"
    dist_cargo "$DIST_AMD" build --bin nianbao
    XDG_DATA_HOME=$stage "$(dist_bin "$DIST_AMD")" install-desktop >/dev/null
    sed -i 's|^Exec=.*|Exec=nianbao %f|' "$stage/applications/nianbao.desktop"
}

windows() {
    dist_cargo "$DIST_WIN" build --bin nianbao
    local name=nianbao-$version-windows-x64 exe
    exe=$(dist_bin "$DIST_WIN")
    python3 - "$out/$name.zip" "$name" "$exe" "$SOURCE_DATE_EPOCH" <<'PY'
import sys, time, zipfile, glob, os
zip_path, top, exe, epoch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
stamp = time.gmtime(max(epoch, 315532800))[:6]
files = [(exe, "nianbao.exe"), ("dist/windows/README.txt", "README.txt")]
files += [(f, "licenses/" + os.path.basename(f)) for f in sorted(glob.glob("fonts/LICENSE-*"))]
with zipfile.ZipFile(zip_path + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for src, name in files:
        info = zipfile.ZipInfo(top + "/" + name, stamp)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        data = open(src, "rb").read()
        if name.endswith(".txt") and not data.startswith(b"\xef\xbb\xbf"):
            # Notepad on Windows 7 reads UTF-8 only with its mark.
            data = b"\xef\xbb\xbf" + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        z.writestr(info, data)
os.replace(zip_path + ".tmp", zip_path)
PY
    echo "dist: $out/$name.zip ($(du -h "$out/$name.zip" | cut -f1); exe $(du -h "$exe" | cut -f1))"
}

deb() {
    local arch=$1 target=$2
    dist_cargo "$target" build --bin nianbao
    mkdir -p target/dist/deb
    cp "$(dist_bin "$target")" target/dist/deb/nianbao
    cargo deb --no-build --no-strip --target "$target" --output "$out/nianbao_${version}_$arch.deb" >/dev/null
    echo "dist: $out/nianbao_${version}_$arch.deb ($(du -h "$out/nianbao_${version}_$arch.deb" | cut -f1))"
}

for w in "${want[@]}"; do
    case $w in
    windows) windows ;;
    amd64) [ -f target/dist/deb/share/applications/nianbao.desktop ] || desktop_files; deb amd64 "$DIST_AMD" ;;
    arm64) [ -f target/dist/deb/share/applications/nianbao.desktop ] || desktop_files; deb arm64 "$DIST_ARM" ;;
    *) echo "dist: unknown artifact $w (windows, amd64, arm64)" >&2; exit 2 ;;
    esac
done
(cd "$out" && sha256sum -- *.zip *.deb 2>/dev/null > SHA256SUMS || true)
