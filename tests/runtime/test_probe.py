"""modelmap probe against loopback fakes replaying each server's documented replies (issue 15, item 1)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from modelmap.output import dumps_json
from modelmap.runtime import probe as probing
from tests.conftest import load_schema
from tests.runtime.fakes import header_drip, huge_json, recording, redirect, serve, slow_drip


def run_probe(url: str, **kw: Any) -> dict[str, Any]:
    doc = probing.probe([url], allow_private=True, **kw)
    jsonschema.validate(doc, load_schema("probe.schema.json"))
    return doc["endpoints"][0]


def by_name(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["served_name"]: m for m in entry["models"]}


def test_vllm_alias_over_other_weights_is_a_finding() -> None:
    with serve(recording("vllm")["routes"]) as url:
        entry = run_probe(url)
    assert entry["server"] == "vllm" and entry["reachable"] and entry["error"] is None
    models = by_name(entry)
    gpt = models["gpt-4o"]
    assert gpt["weights"] == "Qwen/Qwen2.5-72B-Instruct"
    assert gpt["evidence"]["root"] == {"value": "Qwen/Qwen2.5-72B-Instruct", "source": "GET /v1/models"}
    # the resolution follows the weights, not the alias: Qwen, not OpenAI
    assert gpt["resolution"]["publisher"]["id"] == "qwen"
    assert gpt["resolution"]["served_by"]["id"] == "vllm"
    assert models["sql-lora"]["adapter_of"] == "gpt-4o"
    messages = [f["message"] for f in entry["findings"]]
    assert "served as gpt-4o, weights Qwen/Qwen2.5-72B-Instruct" in messages


def test_ollama_tags_and_show_give_gguf_general_metadata() -> None:
    with serve(recording("ollama")["routes"]) as url:
        entry = run_probe(url)
    assert entry["server"] == "ollama"
    model = by_name(entry)["llama3:latest"]
    ev = model["evidence"]
    assert ev["general.architecture"] == {"value": "llama", "source": "POST /api/show model_info"}
    assert ev["general.parameter_count"]["value"] == 8030261248
    assert ev["digest"]["source"] == "GET /api/tags"
    assert "tokenizer.ggml.model" not in ev  # only general.* keys are kept
    assert model["weights"] is None  # Ollama does not name a weights repository


def test_tgi_info_names_weights_and_revision() -> None:
    with serve(recording("tgi")["routes"]) as url:
        entry = run_probe(url)
    assert entry["server"] == "tgi"
    (model,) = entry["models"]
    assert model["weights"] == "meta-llama/Llama-3.1-8B-Instruct"
    assert model["evidence"]["model_sha"] == {"value": "0e9e39f249a16976918f6564b8830bc894c89659", "source": "GET /info"}
    assert model["resolution"]["publisher"]["id"] == "meta"
    assert entry["findings"] == []


def test_llama_cpp_alias_and_gguf_path() -> None:
    with serve(recording("llama-cpp")["routes"]) as url:
        entry = run_probe(url)
    assert entry["server"] == "llama-cpp"
    (model,) = entry["models"]
    assert model["served_name"] == "gpt-3.5-turbo"
    assert model["weights"] == "/models/Qwen2.5-7B-Instruct-Q4_K_M.gguf"
    assert model["evidence"]["model_path"]["source"] == "GET /props"
    assert [f["served_name"] for f in entry["findings"]] == ["gpt-3.5-turbo"]


def test_sglang_model_path_matches_its_served_name() -> None:
    with serve(recording("sglang")["routes"]) as url:
        entry = run_probe(url)
    assert entry["server"] == "sglang"
    (model,) = entry["models"]
    assert model["weights"] == "qwen/qwen2.5-0.5b-instruct"
    assert model["evidence"]["model_path"]["source"] == "GET /get_model_info"
    assert entry["findings"] == []


def test_lm_studio_uploader_is_not_the_publisher() -> None:
    with serve(recording("lm-studio")["routes"]) as url:
        entry = run_probe(url)
    assert entry["server"] == "lm-studio"
    models = by_name(entry)
    assert set(models) == {"qwen2-vl-7b-instruct", "meta-llama-3.1-8b-instruct"}
    llama = models["meta-llama-3.1-8b-instruct"]
    assert llama["evidence"]["uploaded_by"]["value"] == "lmstudio-community"
    assert (llama["resolution"]["publisher"] or {}).get("id") != "lmstudio-community"
    assert llama["evidence"]["state"]["value"] == "loaded"


def test_litellm_upstream_is_the_weights_and_owned_by_is_never_a_publisher() -> None:
    with serve(recording("litellm")["routes"]) as url:
        entry = run_probe(url)
    assert entry["server"] == "litellm"
    (model,) = entry["models"]
    assert model["served_name"] == "gpt-4o"
    assert model["weights"] == "deepseek/deepseek-chat"
    assert model["resolution"]["publisher"]["id"] == "deepseek"
    assert model["resolution"]["served_by"]["id"] == "deepseek-api"  # the upstream, not the relaying proxy
    assert "routes gpt-4o to deepseek/deepseek-chat" in model["resolution"]["served_by"]["evidence"]
    assert model["evidence"]["litellm_params.api_base"]["value"] == "https://api.deepseek.com"
    assert "owned_by" not in json.dumps(model["evidence"])
    assert entry["findings"][0]["message"] == "served as gpt-4o, weights deepseek/deepseek-chat"


def test_any_openai_compatible_server_gives_served_names_only() -> None:
    with serve(recording("openai-compatible")["routes"]) as url:
        entry = run_probe(url)
    assert entry["server"] == "openai-compatible"
    (model,) = entry["models"]
    assert model["served_name"] == "team-chat" and model["weights"] is None
    assert model["resolution"]["model"] is None  # unknown, never guessed from owned_by
    assert model["evidence"]["owned_by (a server label, not a publisher)"]["value"] == "organization-owner"


@pytest.mark.parametrize(("listed", "weights", "weights_from", "model_id", "confidence"), [
    # an operator-chosen alias over unknown weights: gpt-4o is a known OpenAI name, but nothing says OpenAI serves
    ("gpt-4o", None, None, None, "unknown"),
    # llama-cpp-python with no alias lists its --model path: the weights are that file, known by its name only
    ("/models/SmolLM2-135M-Instruct.Q4_1.gguf", "/models/SmolLM2-135M-Instruct.Q4_1.gguf", "file-name",
     "huggingfacetb/smollm2-135m-instruct", "inferred"),
])
def test_openai_compatible_names_are_not_weights(listed: str, weights: str | None, weights_from: str | None,
                                                 model_id: str | None, confidence: str) -> None:
    routes = json.loads(json.dumps(recording("openai-compatible")["routes"]))
    routes["GET /v1/models"]["data"][0].update(id=listed, owned_by="me")
    with serve(routes) as url:
        (model,) = run_probe(url)["models"]
    assert (model["weights"], model["weights_from"]) == (weights, weights_from)
    res = model["resolution"]
    assert (res["model"] or {}).get("id") == model_id and res["confidence"] == confidence
    if model_id is None:
        assert res["publisher"] is None and res["origins"] is None


def test_names_alone_are_at_most_inferred() -> None:
    # an Ollama tag and an LM Studio id are names; the weights' identity is not reported by a server field
    for server in ("ollama", "lm-studio"):
        with serve(recording(server)["routes"]) as url:
            entry = run_probe(url)
        for model in entry["models"]:
            assert model["weights"] is None and model["weights_from"] is None
            assert model["resolution"]["confidence"] != "known"
            assert model["resolution"]["reason"].startswith("name-level: resolved from the name the server serves")
    with serve(recording("tgi")["routes"]) as url:
        (tgi,) = run_probe(url)["models"]
    assert tgi["weights_from"] == "server" and tgi["resolution"]["confidence"] == "known"


def test_loopback_needs_the_flag_and_nothing_is_sent_without_it() -> None:
    hits: list[str] = []

    def count(h: BaseHTTPRequestHandler) -> None:
        hits.append(h.path)
        h.send_response(404)
        h.end_headers()

    with serve({}, {"GET /v1/models": count}) as url:
        doc = probing.probe([url])
    entry = doc["endpoints"][0]
    assert entry["reachable"] is False and entry["models"] is None
    assert "--allow-private" in entry["error"]
    assert hits == []


def test_credentials_in_url_refused_and_token_never_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = probing.probe(["http://user:s3cret@127.0.0.1:9/"], allow_private=True)
    assert "credentials in the URL" in doc["endpoints"][0]["error"]
    assert "s3cret" not in dumps_json(doc).decode()

    seen: list[str | None] = []
    routes = recording("openai-compatible")["routes"]

    def auth(h: BaseHTTPRequestHandler) -> None:
        seen.append(h.headers.get("Authorization"))
        body = json.dumps(routes["GET /v1/models"]).encode()
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    monkeypatch.setenv("MODELMAP_PROBE_TOKEN", "tok-123456")
    with serve(routes, {"GET /v1/models": auth}) as url:
        doc = probing.probe([url], allow_private=True)
    assert seen and seen[0] == "Bearer tok-123456"
    assert "tok-123456" not in dumps_json(doc).decode()


def test_huge_reply_is_cut_at_the_size_cap() -> None:
    with serve({}, {"GET /v1/models": huge_json(64 * 1024 * 1024)}) as url:
        entry = run_probe(url, max_bytes=1024 * 1024)
    assert entry["models"] is None and entry["reachable"] is True
    assert "larger than 1048576 bytes" in entry["error"]


def test_slow_drip_ends_at_the_deadline() -> None:
    started = time.monotonic()
    with serve({}, {"GET /v1/models": slow_drip(20.0)}) as url:
        entry = run_probe(url, deadline=1.0)
    assert "deadline" in entry["error"]
    assert entry["reachable"] is True and entry["models"] is None  # it answered, too slowly
    assert time.monotonic() - started < 15  # a guard against hanging, not a timing claim


def test_headers_dripping_in_end_at_the_deadline_too() -> None:
    started = time.monotonic()
    with serve({}, {"GET /v1/models": header_drip(20.0)}) as url:
        entry = run_probe(url, deadline=1.0)
    assert "deadline" in entry["error"] and entry["models"] is None
    assert time.monotonic() - started < 15  # a guard against hanging, not a timing claim


def test_redirect_to_another_host_is_refused_same_origin_followed() -> None:
    with serve({}, {"GET /v1/models": redirect("http://169.254.169.254/latest/meta-data")}) as url:
        entry = run_probe(url)
    assert entry["error"] == "redirect to another host refused"
    routes = recording("openai-compatible")["routes"]
    with serve({"GET /moved/v1/models": routes["GET /v1/models"]},
               {"GET /v1/models": redirect("/moved/v1/models")}) as url:
        entry = run_probe(url)
    assert entry["server"] == "openai-compatible"
    assert [m["served_name"] for m in entry["models"]] == ["team-chat"]


def test_escape_characters_in_model_names_are_shown_safely() -> None:
    from modelmap.cli.probe_cmd import render_table

    hostile = "evil\x1b[2J\u202emodel"
    routes = {"GET /v1/models": {"object": "list", "data": [{"id": hostile, "owned_by": "x"}]}}
    with serve(routes) as url:
        doc = probing.probe([url], allow_private=True)
    assert doc["endpoints"][0]["models"][0]["served_name"] == hostile  # the data is kept as it was
    table = render_table(doc)
    assert "\x1b" not in table and "\u202e" not in table
    assert "\\x1b[2J" in table
    assert "\x1b" not in dumps_json(doc).decode() and "\u202e" not in dumps_json(doc).decode()


def test_unreachable_port_is_reported_not_raised() -> None:
    with serve({}) as url:
        pass  # the server is gone: its port now refuses connections
    entry = run_probe(url)
    assert entry["reachable"] is False and entry["models"] is None
    assert entry["error"].startswith("connection failed")


def test_openai_style_base_url_with_v1_is_accepted() -> None:
    with serve(recording("vllm")["routes"]) as url:
        entry = run_probe(url + "/v1/")
    assert entry["server"] == "vllm" and entry["url"].endswith("127.0.0.1:" + url.rsplit(":", 1)[1])


def test_cli_probe_exit_codes_and_output_file(tmp_path: Path) -> None:
    cmd = [sys.executable, "-c", "from modelmap.cli import main; main()", "probe"]
    out = tmp_path / "probe.json"
    with serve(recording("litellm")["routes"]) as url:
        ok = subprocess.run([*cmd, url, "--allow-private", "--format", "json", "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
        table = subprocess.run([*cmd, url, "--allow-private"], capture_output=True, text=True, timeout=300)
        refused = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(out.read_text())
    jsonschema.validate(doc, load_schema("probe.schema.json"))
    assert doc["endpoints"][0]["server"] == "litellm"
    assert table.returncode == 0 and "finding:" in table.stdout and "deepseek/deepseek-chat" in table.stdout
    assert refused.returncode == 1 and "--allow-private" in refused.stderr
    bad = subprocess.run([*cmd, "http://127.0.0.1:9", "--format", "xml"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2


def test_litellm_upstream_without_prefix_is_placed_by_its_api_base() -> None:
    routes = json.loads(json.dumps(recording("litellm")["routes"]))
    routes["GET /model/info"]["data"][0]["litellm_params"] = {"model": "some-private-finetune",
                                                              "api_base": "https://api.deepseek.com/v1"}
    with serve(routes) as url:
        (model,) = run_probe(url)["models"]
    assert model["resolution"]["model"] is None  # unknown weights stay unknown
    assert model["resolution"]["served_by"]["id"] == "deepseek-api"
    assert model["resolution"]["served_by"]["country"] == "CN"
