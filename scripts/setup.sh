#!/usr/bin/env bash
# Installs what Sift's build and tests need, idempotently: the npm packages of the lock file,
# and the real-VS-Code harness for the integration tests (scripts/harness/setup.sh; SIFT_SKIP_HARNESS=1 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js 20.19+ and npm are required (https://nodejs.org)." >&2
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("setup: Node.js 20.19 or newer is required, found "+process.version); process.exit(1) }'

if ! command -v git >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq git
  else
    echo "setup: git is required for the tests (real repositories); please install it." >&2
    exit 1
  fi
fi

# A command the tests need from a Debian package: installed where we can (apt-get, as root), else named with how to get it.
need_tool() { # command package what-needs-it how-elsewhere
  command -v "$1" >/dev/null && return 0
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "$2"
  else
    echo "setup: $1 is missing (Debian/Ubuntu: apt-get install $2; $4); $3 needs it." >&2
    exit 1
  fi
}

# xmllint validates REFI-QDA exports against the vendored Project.xsd in the tests.
need_tool xmllint libxml2-utils "the REFI-QDA schema test" "macOS has it"
# pdftotext reads the real MAXQDA PDF exports in ../shared/fixtures/real/ for the conformance tests and
# benchmarks (test/support/real-fixtures.ts); Sift itself does not need it.
need_tool pdftotext poppler-utils "the conformance tests over real PDF transcripts" "macOS: brew install poppler"

# espeak-ng speaks the recordings the tests make from timed captions (test/support/recordings.ts) and the
# example's recording (scripts/speak-captions.mjs). Optional: without it those recordings are tones, timed the same.
if ! command -v espeak-ng >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq espeak-ng || echo "setup: espeak-ng could not be installed; test recordings will be tones." >&2
  else
    echo "setup: espeak-ng is missing (Debian/Ubuntu: apt-get install espeak-ng; macOS: brew install espeak-ng); test recordings will be tones." >&2
  fi
fi

# npm ci is skipped when node_modules already matches the lock file.
stamp=node_modules/.sift-lock-hash
want=$(sha1sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

# The real-VS-Code harness (code-server + Node 24 + a Chromium) for `npm run test:integration`, cached
# outside the checkout in ${SIFT_HARNESS_HOME:-~/.cache/sift-harness}; about a second once installed.
if [ -z "${SIFT_SKIP_HARNESS:-}" ]; then
  bash scripts/harness/setup.sh || {
    echo "setup: the real-VS-Code harness could not be installed (see above); SIFT_SKIP_HARNESS=1 skips it." >&2
    exit 1
  }
fi
