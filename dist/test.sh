#!/usr/bin/env bash
# Tries the artifacts of dist/build.sh as shipped, and compares their answers byte for byte:
#   - the amd64 .deb installed with dpkg into a throw-away root (its own dpkg database, so the
#     package's layout, metadata and dpkg's acceptance are tried without touching this
#     machine; the installed binary runs against this machine's libraries, as on a clerk's);
#   - nianbao.exe from the zip, under Wine (wine64);
#   - the arm64 binary from its .deb, under qemu-user.
# For the examples and the five seeds: `check`, `cells` and `convert` to .pdf, .html and .docx
# (SOURCE_DATE_EPOCH fixed) must give the same bytes on all three.
# Usage: bash dist/test.sh [--windows-only]   (builds what is missing first)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$DIST_ROOT"

only=${1:-}
out=$DIST_ROOT/dist/out
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
zip=$out/nianbao-$version-windows-x64.zip
amd=$out/nianbao_${version}_amd64.deb
arm=$out/nianbao_${version}_arm64.deb
dist_need /usr/lib/wine/wine64:wine64 unzip:unzip
[ "$only" = --windows-only ] || dist_need qemu-aarch64-static:qemu-user-static dpkg-deb:dpkg
if [ "$only" = --windows-only ]; then
    [ -f "$zip" ] || bash dist/build.sh windows
else
    [ -f "$zip" ] && [ -f "$amd" ] && [ -f "$arm" ] || bash dist/build.sh
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600 WINEDEBUG=-all WINEPREFIX=$work/wine WINEDLLOVERRIDES=mscoree,mshtml=

# The Windows program, unpacked as a clerk would.
unzip -q "$zip" -d "$work/zip"
exe=$(echo "$work"/zip/*/nianbao.exe)
runners=(win)
run_win() { /usr/lib/wine/wine64 "$exe" "$@"; }

if [ "$only" != --windows-only ]; then
    root=$work/root
    mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
    : >"$root/var/lib/dpkg/status"
    # (--force-depends: the throw-away root has none of the libraries it depends on)
    dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless -i "$amd" >"$work/dpkg.log" 2>&1 ||
        { cat "$work/dpkg.log" >&2; exit 1; }
    dpkg --root="$root" -s nianbao | grep -q '^Status: install ok installed'
    for f in usr/bin/nianbao usr/share/applications/nianbao.desktop usr/share/mime/packages/nianbao.xml \
        usr/share/icons/hicolor/256x256/apps/nianbao.png; do
        [ -e "$root/$f" ] || { echo "test: the package lacks /$f" >&2; exit 1; }
    done
    grep -q '^Exec=nianbao %f$' "$root/usr/share/applications/nianbao.desktop"
    "$root/usr/bin/nianbao" --version
    dpkg-deb -x "$arm" "$work/armdeb"
    file_arch=$(od -An -tx1 -j18 -N2 "$work/armdeb/usr/bin/nianbao" | tr -d ' ')
    [ "$file_arch" = b700 ] || { echo "test: the arm64 package holds no arm64 binary ($file_arch)" >&2; exit 1; }
    # Linked against Debian 11's glibc (dist/lib.sh): nothing newer than 2.31 is asked for.
    for bin in "$root/usr/bin/nianbao" "$work/armdeb/usr/bin/nianbao"; do
        newest=$(readelf -W --version-info "$bin" | grep -o 'Name: GLIBC_[0-9.]*' | sed 's/.*GLIBC_//' | sort -uV | tail -1)
        printf '%s\n%s\n' "$newest" 2.31 | sort -CV || { echo "test: $bin needs glibc $newest (> 2.31)" >&2; exit 1; }
        echo "test: $bin needs glibc $newest at most"
    done
    run_amd() { "$root/usr/bin/nianbao" "$@"; }
    run_arm() { qemu-aarch64-static -L /usr/aarch64-linux-gnu "$work/armdeb/usr/bin/nianbao" "$@"; }
    runners=(amd win arm)
fi
run_win --version

# Inputs by relative path, so every program prints the same names.
mkdir -p "$work/in"
cp assets/examples/*.nianbao "$work/in/"
if [ -d ../shared/seeds ]; then cp ../shared/seeds/*.txt "$work/in/"; fi
cd "$work/in"
inputs=(*.nianbao *.txt)
if [ "$only" = --windows-only ]; then
    # CI: the Windows answers against this checkout's own Linux build.
    # The debug build the tests made (`cargo test` builds the binary with the dev-dependencies'
    # features, so `cargo build` would compile much of it again): the same answers, no second
    # build and no second copy on a small CI disk.
    linux=$(cd "$DIST_ROOT" && cargo test -q --no-run 2>/dev/null && echo "$DIST_ROOT/target/debug/nianbao")
    run_amd() { "$linux" "$@"; }
    runners=(amd win)
fi

for r in "${runners[@]}"; do
    mkdir -p "$work/$r"
    for f in "${inputs[@]}"; do
        stem=${f%.*}
        "run_$r" check "$f" >"$work/$r/$stem.check" 2>&1 || echo "exit $?" >>"$work/$r/$stem.check"
        "run_$r" cells "$f" >"$work/$r/$stem.cells" 2>&1 || echo "exit $?" >>"$work/$r/$stem.cells"
        for ext in pdf html docx; do
            "run_$r" convert "$f" -o "../$r/$stem.$ext" >/dev/null 2>&1 || echo "exit $?" >"$work/$r/$stem.$ext.failed"
        done
    done
done

status=0
# The same failure everywhere is still a failure.
if ls "$work/${runners[0]}"/*.failed >/dev/null 2>&1; then
    echo "test: a conversion failed: $(cd "$work/${runners[0]}" && ls -- *.failed)" >&2
    status=1
fi
for r in "${runners[@]:1}"; do
    if diff -r "$work/${runners[0]}" "$work/$r" >"$work/diff-$r" 2>&1; then
        echo "test: $r gives the same $(ls "$work/$r" | wc -l) outputs as ${runners[0]}, byte for byte"
    else
        echo "test: $r differs from ${runners[0]}:" >&2
        head -40 "$work/diff-$r" >&2
        status=1
    fi
done
exit $status
