"""Hardening of the one output layer (modelmap.output): data is never markup, never terminal
control, always valid UTF-8 and well-formed XML/Markdown; ``-o`` never replaces what it points
at; a failed write is exit 2, a closed pipe is quiet. Items 1-5, 8 and 9 of the hardening brief."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from modelmap.output import dumps_json, md_code, md_text, visible, xml_clean

CALL = "c.chat.completions.create(model='gpt-4o')\n"
ESC_URL = 'from openai import OpenAI\nc = OpenAI(base_url="http://localhost:11434/v1\x1b]2;OWNED\x1b\\\x1b[2J")\n'


def run(*args: str, cwd: Path | None = None, stdout: int | None = subprocess.PIPE,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    full_env = {**os.environ, "MODELMAP_CACHE_DIR": str(cwd or Path.cwd()) + "/.cache", **(env or {})}
    return subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, timeout=120, env=full_env,
                          check=False)


def assert_inert(data: bytes) -> None:
    """Valid UTF-8 with no terminal controls (ESC, BEL, C1, bidi overrides), and no traceback."""
    text = data.decode("utf-8")
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "Traceback"):
        assert bad not in text, (bad, text[-400:])


# --------------------------------------------------------------------------- unit: the escapes


def test_visible_escapes_controls_bidi_and_undecodable_bytes() -> None:
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("x\u202ey\x9b") == "x\\u202ey\\x9b"
    assert visible("b/\udcff.py") == "b/\\xff.py"  # a file-name byte that is not UTF-8
    assert visible("two\nlines") == "two\\nlines"
    assert visible("two\nlines", multiline=True) == "two\nlines"
    assert visible("[/bold] ok") == "[/bold] ok"  # brackets are text, not markup, and stay as they are


def test_json_is_valid_utf8_and_inert() -> None:
    data = dumps_json({"path": "b/\udcff.py", "url": "x\x1b]2;T\x07\u202e\x85"})
    assert_inert(data)
    doc = json.loads(data)
    assert doc["path"] == "b/\\xff.py"
    assert doc["url"] == "x\x1b]2;T\x07\u202e\x85"  # JSON escapes keep the value exact


def test_xml_clean_removes_every_xml_illegal_character() -> None:
    ET.fromstring(f"<a b='{xml_clean(chr(1) + chr(0xFFFE))}'>{xml_clean('x' + chr(0x1b) + chr(0xDCFF))}</a>")


def test_markdown_escapes_html_and_code_spans_outlast_backticks() -> None:
    assert "<" not in md_text("<script>alert(1)</script>")
    assert md_text("**bold** [x](y) a|b") == "\\*\\*bold\\*\\* \\[x\\](y) a\\|b"
    assert md_code("a`b") == "``a`b``"
    assert md_code("``x``") == "``` ``x`` ```"
    assert md_code("a|b") == "`a\\|b`" and md_code("a|b", in_table=False) == "`a|b`"


# --------------------------------------------------------------------------- 1, 2, 3: scan / trace / inspect


def test_markup_in_a_file_name_is_text(tmp_path: Path) -> None:
    (tmp_path / "m" / "x[").mkdir(parents=True)
    (tmp_path / "m" / "x[" / "x[").mkdir()
    (tmp_path / "m" / "x[/bold].py").write_text(CALL)
    proc = run("scan", "m", "--no-progress", cwd=tmp_path, env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    assert "x[/bold].py" in proc.stdout.decode()


@pytest.mark.parametrize("ident", ["[/]x", "[bold]x[/bold]", "x[/]\x1b[2J\u202e"])
def test_trace_markup_and_escapes_in_an_identifier(ident: str, tmp_path: Path) -> None:
    for width in ("80", "200"):
        proc = run("trace", ident, cwd=tmp_path, env={"COLUMNS": width})
        assert_inert(proc.stdout)
        assert_inert(proc.stderr)
        if "\x1b" in ident:  # a malformed identifier: exit 2 with the escapes shown, not obeyed
            assert proc.returncode == 2 and b"x[/]\\x1b[2J\\u202e" in proc.stderr, proc.stderr
        else:
            assert proc.returncode == 0, proc.stderr
            assert ident in proc.stdout.decode()


def test_terminal_escapes_in_data_are_shown_not_obeyed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "app.py").write_text(ESC_URL + "c.chat.completions.create(model='gpt-4o\u202e')\n")
    (tmp_path / "a" / "z\x1b]2;OWNED\x07.py").write_text(CALL)
    for fmt in ("table", "json", "jsonl"):
        proc = run("scan", "a", "-f", fmt, "--no-progress", cwd=tmp_path, env={"COLUMNS": "300"})
        assert proc.returncode == 0, proc.stderr
        assert_inert(proc.stdout)
        assert_inert(proc.stderr)
    table = run("scan", "a", "--no-progress", cwd=tmp_path, env={"COLUMNS": "300"}).stdout.decode()
    assert "\\x1b]2;OWNED" in table


def test_gguf_metadata_with_markup_and_escapes(tmp_path: Path) -> None:
    gguf = pytest.importorskip("gguf")
    path = tmp_path / "[bold]x\x1b[2J.gguf"
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("[/]evil\x1b]2;OWNED\x07\u202e")
    writer.add_string("general.license", "[/red]mit\x1b[31m")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    for fmt in ("table", "json"):
        proc = run("inspect", path.name, "-f", fmt, cwd=tmp_path, env={"COLUMNS": "200"})
        assert proc.returncode in (0, 2), proc.stderr
        assert_inert(proc.stdout)
        assert_inert(proc.stderr)
    table = run("inspect", path.name, cwd=tmp_path, env={"COLUMNS": "200"}).stdout.decode()
    assert "[/]evil\\x1b]2;OWNED" in table


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any byte in a name")
def test_undecodable_file_name_in_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / os.fsdecode(b"\xff.py")).write_text(CALL)
    for fmt in ("table", "json", "jsonl"):
        proc = run("scan", "b", "-f", fmt, "--no-progress", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert_inert(proc.stdout)
        assert "\\xff.py" in proc.stdout.decode()
    doc = json.loads(run("scan", "b", "-f", "json", cwd=tmp_path).stdout)
    assert doc["findings"][0]["path"] == "\\xff.py"
    for fmt in ("json", "xml"):
        proc = run("bom", "b", "-f", fmt, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        proc.stdout.decode("utf-8")
    ET.fromstring(run("bom", "b", "-f", "xml", cwd=tmp_path).stdout)


# --------------------------------------------------------------------------- 4, 5: XML and Markdown


POLICY = """version: 1
flows:
  "<script>alert(1)</script>":
    paths: ["**"]
rules:
  - id: no-gpt
    severity: error
    message: "No <img src=x onerror=alert(1)> **bold** models"
    deny: "model.id == 'openai/gpt-4o'"
"""


def test_control_character_in_a_path_keeps_junit_and_bom_xml_well_formed(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "x\x01\x1b.py").write_text(CALL)
    (repo / "modelmap.yaml").write_text(POLICY)
    proc = run("check", "r", "-f", "junit", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    ET.fromstring(proc.stdout)
    assert "x\\x01\\x1b.py" in proc.stdout.decode()
    proc = run("bom", "r", "-f", "xml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    ET.fromstring(proc.stdout)


def test_markdown_report_escapes_data(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "a`b`c.py").write_text("c.chat.completions.create(model='acme/secret-model')\n" + CALL)
    (repo / "<b>.py").write_text(CALL)
    (repo / "modelmap.yaml").write_text(POLICY)
    proc = run("report", "r", "-f", "md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    assert "<script>" not in text and "<img" not in text
    assert text.count("<b>") == text.count("`<b>.py:1`")  # only inside code spans, where it is literal
    assert "&lt;script&gt;" in text
    assert "``a`b`c.py:2``" in text  # a fence longer than the path's backtick runs
    html = run("report", "r", "-f", "html", cwd=tmp_path).stdout.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


# --------------------------------------------------------------------------- 8: -o never replaces what it points at


def test_output_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(CALL)
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    proc = run("scan", ".", "-f", "json", "-o", str(fifo), cwd=tmp_path)
    out, _ = reader.communicate(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out)["schema"] == "modelmap.scan/1"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_to_a_symlink_or_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(CALL)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "link.json").symlink_to(victim)
    proc = run("scan", ".", "-f", "json", "-o", "link.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"symbolic link" in proc.stderr and b"Traceback" not in proc.stderr
    assert victim.read_text() == "keep me" and (tmp_path / "link.json").is_symlink()
    (tmp_path / "dir").mkdir()
    proc = run("check", ".", "-o", "dir", cwd=tmp_path)
    assert proc.returncode == 2 and b"folder" in proc.stderr


def test_a_refused_output_is_refused_before_the_work(tmp_path: Path) -> None:
    """The -o target is checked when the option is read: the scan of a path that does not exist never
    starts, so the error names the link, not the missing path (and a long scan is not wasted)."""
    (tmp_path / "link.html").symlink_to(tmp_path / "elsewhere.html")
    proc = run("report", "no-such-folder", "-o", "link.html", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"symbolic link" in proc.stderr and b"no-such-folder" not in proc.stderr
    proc = run("scan", "no-such-folder", "-o", ".", cwd=tmp_path)
    assert proc.returncode == 2 and b"folder" in proc.stderr and b"no-such-folder" not in proc.stderr
    assert not (tmp_path / "elsewhere.html").exists()


def test_output_to_dev_null_keeps_it_a_character_device(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(CALL)
    proc = run("scan", ".", "-f", "json", "-o", os.devnull, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)


def test_output_keeps_an_existing_mode_and_new_files_honour_the_umask(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(CALL)
    existing = tmp_path / "existing.json"
    existing.write_text("old")
    existing.chmod(0o644)
    assert run("scan", ".", "-f", "json", "-o", "existing.json", cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o644
    assert json.loads(existing.read_text())["schema"] == "modelmap.scan/1"
    old = os.umask(0o027)
    try:
        assert run("bom", ".", "-o", "new.json", cwd=tmp_path).returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    assert run("scan", ".", "-f", "json", "-o", "-", cwd=tmp_path).stdout.startswith(b"{")
    assert not list(tmp_path.glob(".*.tmp"))


# --------------------------------------------------------------------------- 9: write errors


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("check", "."), ("scan", ".", "-f", "json"), ("scan", "."), ("trace", "gpt-4o"),
                                  ("bom", "."), ("report", "."), ("trace", "gpt-4o", "-f", "json")])
def test_a_full_disk_is_exit_2_with_a_message(args: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(CALL)
    (tmp_path / "modelmap.yaml").write_text(POLICY)  # check prints a table of violations
    with open("/dev/full", "wb") as full:
        proc = run(*args, cwd=tmp_path, stdout=full.fileno())
    assert proc.returncode == 2, proc.stderr
    assert b"No space left on device" in proc.stderr
    assert b"Traceback" not in proc.stderr
    proc = run(*args[:2], "-o", "/dev/full", *args[2:], cwd=tmp_path) if args[0] != "trace" else proc
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [("scan", ".", "-f", "json"), ("scan", "."), ("check", "."), ("bom", "."),
                                  ("trace", "gpt-4o", "qwen2.5:7b"), ("--version",)])
def test_a_closed_pipe_exits_quietly(args: tuple[str, ...], tmp_path: Path) -> None:
    """``modelmap ... | head -c1``: the reader is gone. Exit 141 (128 + SIGPIPE), no traceback."""
    (tmp_path / "app.py").write_text(CALL * 3)
    (tmp_path / "modelmap.yaml").write_text(POLICY)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before anything is written: every write is EPIPE
    try:
        proc = run(*args, cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 141, proc.stderr
    assert b"Traceback" not in proc.stderr and b"Exception ignored" not in proc.stderr, proc.stderr
