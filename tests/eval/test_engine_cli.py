"""The HTTP engine against the loopback fake, and `modelmap eval` end to end (issue 16)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from modelmap.errors import UsageError
from modelmap.eval import engine as engine_mod
from modelmap.eval.engine import HttpEngine, ModelSpec, parse_model
from tests.eval.fake_openai import FakeServer

ROOT = Path(__file__).resolve().parents[2]
HELLO = [{"role": "user", "content": "What is the capital of France?"}]


def test_parse_model_endpoints() -> None:
    assert parse_model("qwen3@http://127.0.0.1:8000/v1/", None) == ModelSpec("qwen3", "http://127.0.0.1:8000/v1")
    assert parse_model("gpt-4o", "https://api.example.com/v1").base_url == "https://api.example.com/v1"
    with pytest.raises(UsageError, match="no endpoint"):
        parse_model("gpt-4o", None)
    with pytest.raises(UsageError, match="credentials"):
        parse_model("m@http://user:secret@127.0.0.1:1/v1", None)
    with pytest.raises(UsageError, match="not an http"):
        parse_model("m", "ftp://127.0.0.1/v1")


def test_engine_reads_answer_usage_and_sends_the_key_as_a_header() -> None:
    with FakeServer(api_key="sk-test-123") as srv:
        model = ModelSpec("careful", srv.base_url)
        reply = HttpEngine("sk-test-123").complete(model, HELLO, max_tokens=32, temperature=0)
        assert reply.text == "Paris." and reply.error is None
        assert reply.prompt_tokens and reply.completion_tokens
        denied = HttpEngine("wrong").complete(model, HELLO, max_tokens=32, temperature=0)
        assert denied.text is None and denied.error == "HTTP 401"
        unknown = HttpEngine("sk-test-123").complete(ModelSpec("nope", srv.base_url), HELLO, max_tokens=8,
                                                     temperature=0)
        assert unknown.error == "HTTP 404"
    assert "sk-test" not in repr(HttpEngine("sk-test-123"))


def test_engine_errors_are_replies_not_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    closed = HttpEngine(timeout=5).complete(ModelSpec("m", f"http://127.0.0.1:{port}/v1"), HELLO, max_tokens=8,
                                            temperature=0)
    assert closed.text is None and closed.error and closed.error.startswith("connection failed")
    monkeypatch.setattr(engine_mod, "REPLY_LIMIT", 64)
    with FakeServer() as srv:
        big = HttpEngine().complete(ModelSpec("careful", srv.base_url), HELLO, max_tokens=8, temperature=0)
    assert big.text is None and big.error == "reply larger than 64 bytes"


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, **env})


def test_cli_writes_every_output_gates_and_never_prints_the_key(tmp_path: Path) -> None:
    key = "sk-very-secret-0042"
    with FakeServer(api_key=key) as srv:
        proc = _run("eval", "jailbreak", "slant", "--engine", "http", "--model", "careful", "--model", "reckless", "-o",
                    str(tmp_path / "out"), "--gate", "--limit", "12",
                    env={"MODELMAP_EVAL_BASE_URL": srv.base_url, "MODELMAP_EVAL_API_KEY": key})
        assert set(srv.seen_auth) == {f"Bearer {key}"}
    assert proc.returncode == 1, proc.stderr
    assert "gates: 0 passed, 2 failed" in proc.stdout
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["eval.html", "eval.json", "eval.junit.xml", "transcript.jsonl"]
    for path in (tmp_path / "out").iterdir():
        assert key not in path.read_text()
    assert key not in proc.stdout + proc.stderr
    doc = json.loads((tmp_path / "out" / "eval.json").read_text())
    assert [sd["requests_per_model"] for sd in doc["suites"]] == [12 * 5, 12 * 3]


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    proc = _run("eval", "jailbreak", "--model", "careful", env={"MODELMAP_EVAL_BASE_URL": ""})
    assert proc.returncode == 2 and "no endpoint" in proc.stderr
    proc = _run("eval", "no-such-suite", "--model", "m@http://127.0.0.1:9/v1", env={})
    assert proc.returncode == 2 and "no such suite" in proc.stderr
    proc = _run("eval", "jailbreak", "-m", "m@http://127.0.0.1:9/v1", "--format", "pdf", env={})
    assert proc.returncode == 2 and "unknown --format" in proc.stderr


def test_loopback_is_reached_directly_even_with_a_proxy_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with FakeServer() as srv:
        reply = HttpEngine().complete(ModelSpec("careful", srv.base_url), HELLO, max_tokens=8, temperature=0)
    assert reply.text == "Paris."


def test_hostile_model_names_and_answers_are_escaped_in_every_format() -> None:
    import xml.etree.ElementTree as ET

    from modelmap.eval import render
    from modelmap.eval.runner import Settings, run_eval
    from modelmap.eval.suites import load_suite

    evil = '<img src=x onerror=alert(1)>\x1b[31m'
    with FakeServer(aliases={evil: "reckless"}) as srv:
        models = [ModelSpec("careful", srv.base_url), ModelSpec(evil, srv.base_url)]
        doc = run_eval([load_suite("jailbreak")], models, HttpEngine(), Settings(limit=2)).document
    page = render.render_html(doc).decode()
    assert "<img" not in page and "&lt;img src=x" in page
    assert "\x1b" not in page and "\x1b" not in render.render_table(doc)
    root = ET.fromstring(render.render_junit(doc))
    assert any("<img" in (case.get("name") or "") for case in root.iter("testcase"))  # text, parsed back


def test_a_candidate_that_never_answers_fails_its_gate_instead_of_passing(tmp_path: Path) -> None:
    with FakeServer() as srv:
        proc = _run("eval", "jailbreak", "--engine", "http", "-m", "careful", "-m", "no-such-model", "--limit", "3", "--gate",
                    "--format", "json", env={"MODELMAP_EVAL_BASE_URL": srv.base_url})
    assert proc.returncode == 1, proc.stderr
    assert "no-such-model: 15 of 15 requests failed (first: HTTP 404)" in proc.stderr
    doc = json.loads(proc.stdout)
    (gate,) = doc["gates"]
    assert not gate["passed"] and gate["n"] == 0 and gate["reason"].startswith("no paired answers")
    assert doc["suites"][0]["metrics"]["no-such-model"]["attack_success_rate"]["n"] == 0


def test_a_server_that_drips_its_reply_is_cut_at_the_overall_timeout() -> None:
    import threading
    import time

    stop = threading.Event()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            while not stop.is_set():
                try:
                    conn.sendall(b" ")
                except OSError:
                    return
                time.sleep(0.2)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        port = listener.getsockname()[1]
        reply = HttpEngine(timeout=1.5).complete(ModelSpec("m", f"http://127.0.0.1:{port}/v1"), HELLO, max_tokens=8,
                                                 temperature=0)
    finally:
        stop.set()
        listener.close()
    assert reply.text is None and reply.error == "no complete reply in 1.5 s"
    assert reply.latency_s < 10
