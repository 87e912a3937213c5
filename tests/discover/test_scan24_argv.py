"""A model runner's command line written as a Python argument list names its model where the CLI reads it.

``subprocess.run(["ramalama", "serve", "--name", "api", "tiny"])`` is the same command as the shell line
``ramalama serve --name api tiny``: the word after the subcommand and its flags is the model the runner pulls or
serves, even a short name such as ramalama's ``tiny`` that means nothing alone. Other lists (a program that is no
model runner, a runner's command without a model, a model given as a variable) name none.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_PY = """\
import subprocess


def start(model_name):
    subprocess.check_call(["ramalama", "-q", "pull", "tiny"])
    subprocess.check_call(["ramalama", "--debug", "--dryrun", "run", "--rag", "quay.io/example/rag", "tiny"])
    subprocess.check_call(["ramalama", "serve", "--name", "chatsvc", "--port", "8085", "granite"])
    subprocess.check_call(["ollama", "pull", "smollm:135m"])
    subprocess.check_call(("ollama", "run", "tinyllama"))
    subprocess.check_call(["ollama", "pull", model_name])
    subprocess.check_call(["ollama", "list"])
    subprocess.check_call(["ramalama", "run", "--help"])
    subprocess.check_call(["echo", "pull", "tiny"])
    subprocess.check_call(["ramalama", "pull", "foobar"])
    subprocess.check_call(["ramalama", "run", "--temp", "0"])
    subprocess.check_call(["ramalama", "serve", "NON_EXISTING_MODEL"])
    return ["small", "pull", "tiny"]
"""


def test_runner_argv_lists_name_their_model(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/e2e/test_serve.py", _PY)
    assert (5, "tiny") in got
    assert (6, "tiny") in got
    assert (7, "granite") in got
    assert (8, "smollm:135m") in got
    assert (9, "tinyllama") in got


def test_runner_flag_values_and_other_lists_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/e2e/test_serve.py", _PY)
    raws = {raw for _line, raw in got}
    assert "chatsvc" not in raws  # --name's value, not the model
    assert "quay.io/example/rag" not in raws  # --rag's value
    assert "8085" not in raws
    assert not any(line in range(10, 18) for line, _raw in got)  # no model, a stand-in, a flag value, a constant
