"""A Hub downloader's argument list with the program left unsaid (tuneD33).

A job spec gives a downloader image its arguments only (`recipe_container_command_args: [<repo id>, "--local-dir",
<folder>, …]`): the config reader read the list as a command line with no program, so the folder the repo is fetched
into, a model directory when it names the model (as `huggingface-cli download <repo> --local-dir <folder>` is read
by the shell reader), went unreported. A loose argument list whose first item is a Hub repo id and which has a
`--local-dir` is read as that download now; a bare folder (`/models`) or a list that starts with something else stays
as it was."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

JOB = """\
{
    "recipe_mode": "job",
    "recipe_container_command_args": [
        "NousResearch/Meta-Llama-3.1-8B-Instruct",
        "--local-dir",
        "/models/NousResearch/Meta-Llama-3.1-8B-Instruct",
        "--max-workers",
        "4"
    ]
}
"""

BARE = """\
{
    "recipe_container_command_args": ["Qwen/Qwen2.5-7B-Instruct", "--local-dir", "/models", "--max-workers", "4"]
}
"""

OTHER = """\
{
    "recipe_container_command_args": ["sync", "--local-dir", "/models/Qwen/Qwen2.5-7B-Instruct", "--dry-run"]
}
"""


def test_folder_of_a_downloaded_repo(tmp_path: Path) -> None:
    out = found(tmp_path, "jobs/hf_downloader.json", JOB)
    assert {(4, "NousResearch/Meta-Llama-3.1-8B-Instruct"), (6, "/models/NousResearch/Meta-Llama-3.1-8B-Instruct")} <= out


def test_bare_folder_and_other_programs_unchanged(tmp_path: Path) -> None:
    assert not {raw for _, raw in found(tmp_path / "a", "jobs/a.json", BARE) if raw.startswith("/")}
    assert not {raw for _, raw in found(tmp_path / "b", "jobs/b.json", OTHER) if raw.startswith("/")}
