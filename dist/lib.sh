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
    dist_need /usr/bin/rustc:rustc-web /usr/lib/rustlib/src/rust/library/std:rust-web-src \
        x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 x86_64-w64-mingw32-windres:binutils-mingw-w64-x86-64
    [ "${1:-}" = windows ] ||
        dist_need aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu /usr/aarch64-linux-gnu/lib/libc.so.6:libc6-dev-arm64-cross
    # bookworm's first rustc-web (1.85) is too old for this code; bookworm-security has 1.96.
    /usr/bin/rustc --version | awk '{ split($2, v, "."); exit !(v[2] >= 95) }' || {
        echo "dist: /usr/bin/rustc is older than 1.95: apt-get update && apt-get install rustc-web rust-web-src" >&2
        return 1
    }
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
        env+=(RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_${upper}_LINKER=aarch64-linux-gnu-gcc)
        std=(-Zbuild-std=std,panic_abort) ;;
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
