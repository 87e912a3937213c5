"""A model CLI's command line written as a Python argument list (issue 10): ``["modelscope", "download", "--model",
"org/name", name]`` or ``("huggingface-cli", "download", "org/name", "--local-dir", d)`` built for ``subprocess.run`` is
the command a shell script would run, read by the shell's command reader and reported on the list item that holds the
model. A list that is not a model CLI's, a variable in the model's place and the download folder stay out. Fixture
written for this test."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

DOWNLOAD = """\
import subprocess


def fetch_avatar(avatar_name, avatar_dir):
    cmd = [
        "modelscope", "download",
        "--model", "acme-lab/AvatarGallery",
        avatar_name,
        "--local_dir", avatar_dir,
    ]
    subprocess.run(cmd, check=True)


def fetch_weights(repo, target):
    subprocess.check_call(("huggingface-cli", "download", "acme-lab/talking-head-v2", "--local-dir", target))
    subprocess.check_call(["huggingface-cli", "download", repo, "--local-dir", target])
    subprocess.run(["git", "clone", "https://github.com/acme-lab/avatar-tools", "tools"])


SERVER = ["vllm", "serve", "Qwen/Qwen3-8B", "--port", "8000"]
"""


def test_model_cli_argument_lists(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/download_models.py", DOWNLOAD)
    assert (7, "acme-lab/AvatarGallery") in got
    assert (15, "acme-lab/talking-head-v2") in got
    assert (20, "Qwen/Qwen3-8B") in got
    assert {line for line, _ in got} == {7, 15, 20}
