# Shared by dist/build.sh, dist/test.sh and .ci/run (sourced, not run): the toolchain for
# other targets and the settings that make a build reproducible.
#
# Other targets are built with Debian's rustc-web and its standard library's source
# (rust-web-src) through -Zbuild-std, because rustup cannot fetch a target's std here.

DIST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIST_WIN=x86_64-win7-windows-gnu
DIST_ARM=aarch64-unknown-linux-gnu
DIST_AMD=x86_64-unknown-linux-gnu

# Installs the Debian packages whose commands are missing: "command:package ...".
dist_need() {
    local missing=() pair
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || [ -e "${pair%%:*}" ] || missing+=("${pair#*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "dist: apt-get install ${missing[*]}" >&2
        local sudo=
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# The toolchains for other targets: Windows, and arm64 unless "windows" is given.
dist_need_cross() {
    dist_need curl:curl xz:xz-utils /usr/bin/rustc:rustc-web /usr/lib/rustlib/src/rust/library/std:rust-web-src \
        x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 x86_64-w64-mingw32-windres:binutils-mingw-w64-x86-64
    [ "${1:-}" = windows ] ||
        dist_need aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu /usr/aarch64-linux-gnu/lib/libc.so.6:libc6-dev-arm64-cross
    # bookworm's first rustc-web (1.85) is too old for this code; bookworm-security has 1.96.
    /usr/bin/rustc --version | awk '{ split($2, v, "."); exit !(v[2] >= 95) }' || {
        echo "dist: /usr/bin/rustc is older than 1.95: apt-get update && apt-get install rustc-web rust-web-src" >&2
        return 1
    }
}

# The glibc the Linux binaries are linked against: Debian 11's 2.31, not the build machine's
# (2.36), whose versioned symbols (2.34, 2.35) would keep the program off 银河麒麟 V10 SP1,
# Ubuntu 20.04 and other older systems. libc6 and libc6-dev of that release are unpacked into
# target/dist/sysroot-ARCH with that release's libgcc_s, and the linker is pointed there
# (`dist_linker`).
DIST_GLIBC_SUITE=bullseye

dist_sysroot() {
    local arch=$1 dir=$DIST_ROOT/target/dist/sysroot-$1 f
    if [ ! -f "$dir/.done" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        for f in $(curl -fsS "http://deb.debian.org/debian/dists/$DIST_GLIBC_SUITE/main/binary-$arch/Packages.xz" | xz -dc |
            awk '/^Package: /{ p = $2 } /^Filename: /{ if (p == "libc6" || p == "libc6-dev" || p == "libgcc-s1") print $2 }'); do
            echo "dist: linking against $(basename "$f")" >&2
            curl -fsS -o "$dir/pkg.deb" "http://deb.debian.org/debian/$f"
            dpkg-deb -x "$dir/pkg.deb" "$dir"
        done
        rm -f "$dir/pkg.deb"
        # Absolute links (/lib64/ld-linux-x86-64.so.2 -> /lib/…) would lead out to this machine's.
        find "$dir" -type l -lname '/*' | while read -r link; do ln -sfn "$dir$(readlink "$link")" "$link"; done
        # The unwinder of the same release: this machine's libgcc_s asks for glibc 2.35.
        ln -sfn "$dir/lib/$(dist_triple "$arch")/libgcc_s.so.1" "$dir/usr/lib/$(dist_triple "$arch")/libgcc_s.so"
        [ -f "$dir/usr/lib/$(dist_triple "$arch")/libc.so" ] || { echo "dist: no libc.so in $dir" >&2; return 1; }
        touch "$dir/.done"
    fi
    echo "$dir"
}

dist_triple() {
    case $1 in amd64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac
}

# A linker for ARCH that links against the older glibc: the C compiler with --sysroot.
dist_linker() {
    local arch=$1 cc=gcc sysroot wrapper=$DIST_ROOT/target/dist/cc-$1
    [ "$arch" = arm64 ] && cc=aarch64-linux-gnu-gcc
    sysroot=$(dist_sysroot "$arch")
    # The compiler's own multiarch folder (this machine's glibc) comes before the sysroot's
    # in its search path: the sysroot's folders go first, for start files (-B) and libraries.
    local lib=$sysroot/usr/lib/$(dist_triple "$arch")
    printf '#!/bin/sh\nexec %s --sysroot=%s -B%s -L%s -L%s "$@"\n' "$cc" "$sysroot" "$lib" "$lib" \
        "$sysroot/lib/$(dist_triple "$arch")" >"$wrapper"
    chmod +x "$wrapper"
    echo "$wrapper"
}

# The last commit's time: every timestamp in the artifacts.
dist_epoch() {
    git -C "$DIST_ROOT" log -1 --format=%ct
}

# Runs cargo for TARGET (then cargo's arguments) with the settings of a shipped build:
# release, stripped, paths remapped (the checkout's folder and cargo's home do not reach the
# binary), no link timestamp in the Windows PE header. Builds go to target/dist.
dist_cargo() {
    local target=$1 upper
    shift
    upper=$(echo "$target" | tr 'a-z-' 'A-Z_')
    local flags="--remap-path-prefix=$DIST_ROOT=/build/nianbao --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo"
    local env=(CARGO_PROFILE_RELEASE_STRIP=symbols "CARGO_TARGET_${upper}_RUSTFLAGS=$flags")
    local std=()
    case $target in
    "$DIST_WIN")
        env+=(RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_${upper}_LINKER=x86_64-w64-mingw32-gcc
            "CARGO_TARGET_${upper}_RUSTFLAGS=$flags -C link-arg=-Wl,--no-insert-timestamp")
        std=(-Zbuild-std=std,panic_abort) ;;
    "$DIST_ARM")
        env+=(RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 "CARGO_TARGET_${upper}_LINKER=$(dist_linker arm64)")
        std=(-Zbuild-std=std,panic_abort) ;;
    "$DIST_AMD")
        env+=("CARGO_TARGET_${upper}_LINKER=$(dist_linker amd64)") ;;
    esac
    (cd "$DIST_ROOT" && env "${env[@]}" nice -n 10 cargo "$@" --release "${std[@]}" \
        --target "$target" --target-dir "$DIST_ROOT/target/dist")
}

# Where dist_cargo put a target's binary.
dist_bin() {
    local target=$1 name=nianbao
    [ "$target" = "$DIST_WIN" ] && name=nianbao.exe
    echo "$DIST_ROOT/target/dist/$target/release/$name"
}
