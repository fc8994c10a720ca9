#!/usr/bin/env bash
# Set up newscrawl in ./.venv and crawl the bundled demo news site into ./archive/.
# Works offline after the first install: the demo site is served on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/python -m newscrawl.demo crawl --output archive "$@"
echo
echo "Done. Items: $(ls archive/items/*.jsonl | tail -n 1)"
