#!/usr/bin/env bash
# Set up everything the test suite needs and run it (lint, format check, pytest).
# Used as-is by CI (.ci/run). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

# --- system packages the tests need ---------------------------------------
APT_PACKAGES=()
# (components add their Debian packages here)
# --- WARC archiving: Debian's Chromium renders pywb replays (tests/test_warc_replay.py)
APT_PACKAGES+=(chromium)
# --- replay: Debian's wget writes foreign WARCs (tests/test_replay_foreign.py)
APT_PACKAGES+=(wget)
# --- distributed crawls: a real Redis for the shared queue and state (tests/test_distributed_*.py)
APT_PACKAGES+=(redis-server)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Python environment -------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

# --- WARC archiving: pywb in a virtualenv of its own -------------------------------
# pywb 2.10 pins redis 2.x, which clashes with scrapy-redis; the replay tests run it
# as a separate process from .venv-pywb (or $NEWSCRAWL_PYWB_VENV).
if ! .venv-pywb/bin/python -c "import pywb" >/dev/null 2>&1; then
    "$PYTHON" -m venv --clear .venv-pywb
fi
.venv-pywb/bin/python -m pip install --quiet --upgrade pip
.venv-pywb/bin/python -m pip install --quiet 'pywb==2.10.*'

# --- checks -------------------------------------------------------------------
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
