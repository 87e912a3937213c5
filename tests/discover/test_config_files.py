"""Config files (YAML, JSON/JSONC, TOML, INI) and dotenv files: model keys, positions, endpoints, bad input."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import (
    ConfigFileSource,
    DotenvSource,
    ParseError,
    parse_json,
    parse_toml,
    parse_yaml,
)
from modelmap.types import Finding, Skip
from tests.conftest import FIXTURES

INFRA = FIXTURES / "repos" / "llm-infra"
BAD = FIXTURES / "repos" / "bad-configs"


def scan(source, root, rel: str) -> list[Finding | Skip]:
    return list(source.scan(SourceFile(rel, (root / rel).read_text(), "config")))


def by_pos(items) -> dict[tuple[int, str], Finding]:
    return {(f.line, f.raw): f for f in items if isinstance(f, Finding)}


def test_toml_keys_lists_tables_and_block_endpoint() -> None:
    found = by_pos(scan(ConfigFileSource(), INFRA, "config/settings.toml"))
    gpt = found[(3, "gpt-4o")]
    assert (gpt.column, gpt.kind, gpt.role, gpt.source) == (10, "api-model", "generation", "config-model-key")
    assert (gpt.provider, gpt.endpoint) == ("openai-api", "https://api.openai.com/v1")
    assert found[(4, "https://api.openai.com/v1")].kind == "endpoint"
    emb = found[(8, "text-embedding-3-small")]
    assert (emb.column, emb.role, emb.endpoint) == (4, "embedding", None)  # another table: not that endpoint
    assert found[(9, "BAAI/bge-m3")].kind == "hf-repo"
    claude = found[(14, "claude-3-5-sonnet-20240620")]  # [[agents]] array of tables
    assert (claude.column, claude.provider) == (10, "anthropic-api")
    assert "openai" not in {f.raw for f in found.values()}  # provider = "openai" is not a model
    assert len(found) == 5


def test_jsonc_comments_trailing_commas_and_model_named_keys() -> None:
    found = by_pos(scan(ConfigFileSource(), INFRA, "config/app.jsonc"))
    gem = found[(3, "gemini-1.5-pro")]
    assert (gem.column, gem.kind, gem.role, gem.source) == (22, "api-model", "generation", "config-model-key")
    key = found[(5, "gpt-4o")]  # a pricing table keyed by model name
    assert (key.column, key.source) == (6, "config-value")
    assert set(found) == {(3, "gemini-1.5-pro"), (5, "gpt-4o")}  # GitHub slugs and URLs are not models


def test_ini_sections_and_inline_comment() -> None:
    found = by_pos(scan(ConfigFileSource(), INFRA, "config/setup.cfg"))
    assert (found[(5, "BAAI/bge-large-en-v1.5")].column, found[(5, "BAAI/bge-large-en-v1.5")].role) == (19, "embedding")
    rr = found[(6, "BAAI/bge-reranker-large")]
    assert (rr.column, rr.role, rr.kind) == (18, "rerank", "hf-repo")
    assert len(found) == 2


def test_helm_values_nested_model_name() -> None:
    found = by_pos(scan(ConfigFileSource(), INFRA, "charts/llm/values.yaml"))
    llama = found[(6, "meta-llama/Llama-3.1-8B-Instruct")]  # model: {name: X}
    assert (llama.column, llama.kind) == (9, "hf-repo")
    e5 = found[(12, "intfloat/multilingual-e5-large")]
    assert (e5.column, e5.role) == (10, "embedding")
    assert len(found) == 2  # image.repository (vllm/vllm-openai) is a Docker image, not a model


def test_yaml_anchor_reported_once_at_its_anchor() -> None:
    found = by_pos(scan(ConfigFileSource(), BAD, "config.anchors.yaml"))
    assert set(found) == {(2, "Qwen/Qwen2.5-7B-Instruct"), (8, "gpt-4o")}
    assert found[(2, "Qwen/Qwen2.5-7B-Instruct")].column == 10


def test_yaml_multi_document_and_top_level_list() -> None:
    text = "model: gpt-4o\n---\n- model: gpt-4o-mini\n---\n42\n---\n"
    found = by_pos(ConfigFileSource().scan(SourceFile("multi.yaml", text)))
    assert set(found) == {(1, "gpt-4o"), (3, "gpt-4o-mini")}
    assert (found[(3, "gpt-4o-mini")].column) == 10
    found = by_pos(scan(ConfigFileSource(), BAD, "config.top-list.yaml"))
    assert set(found) == {(1, "gpt-4o-mini")}
    assert scan(ConfigFileSource(), BAD, "config.scalar.yaml") == []


@pytest.mark.parametrize(("name", "detail"), [
    ("config.broken.json", "invalid JSON at line 3"),
    ("config.broken.toml", "invalid TOML"),
    ("config.huge-int.toml", "invalid TOML"),
])
def test_broken_files_become_parse_error_skips(name: str, detail: str) -> None:
    out = scan(ConfigFileSource(), BAD, name)
    assert len(out) == 1 and isinstance(out[0], Skip)
    assert out[0].reason == "parse-error" and detail in out[0].detail


@pytest.mark.parametrize(("name", "detail", "line"), [
    ("config.broken.yaml", "invalid YAML at line 2", 1),
    ("config.alias-bomb.yaml", "alias bomb", 11),
])
def test_broken_yaml_is_read_line_by_line_and_reported(name: str, detail: str, line: int) -> None:
    # open19b: a YAML file that does not parse is not skipped whole: its `key: value` lines are still read (never
    # expanding an alias), and the parse-error skip says so
    out = scan(ConfigFileSource(), BAD, name)
    skips = [o for o in out if isinstance(o, Skip)]
    assert len(skips) == 1 and skips[0].reason == "parse-error" and detail in skips[0].detail
    assert "line by line" in skips[0].detail
    assert {(f.line, f.raw) for f in out if isinstance(f, Finding)} == {(line, "gpt-4o")}


def test_huge_numbers_are_kept_as_text() -> None:
    found = by_pos(scan(ConfigFileSource(), BAD, "config.huge-number.json"))
    assert set(found) == {(1, "gpt-4o")}


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,            # would crash libyaml's recursive composer
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 400)) + "  " * 400 + "model: gpt-4o\n",
    "- " * 5000 + "x\n",
])
def test_deep_yaml_is_refused_not_crashed(text: str) -> None:
    out = list(ConfigFileSource().scan(SourceFile("deep.yaml", text)))
    assert [s.reason for s in out if isinstance(s, Skip)] == ["parse-error"]


def test_deep_json_is_refused() -> None:
    out = list(ConfigFileSource().scan(SourceFile("deep.json", "[" * 5000 + "]" * 5000)))
    assert isinstance(out[0], Skip) and out[0].reason == "parse-error"


def test_cyclic_yaml_alias_terminates() -> None:
    out = list(ConfigFileSource().scan(SourceFile("cycle.yaml", "a: &a\n  model: gpt-4o\n  self: *a\n")))
    assert [(f.line, f.raw) for f in out if isinstance(f, Finding)] == [(2, "gpt-4o")]


def test_lock_files_and_helm_templates_are_left_alone() -> None:
    src = ConfigFileSource()
    assert not src.applies_to("package-lock.json") and not src.applies_to("web/pnpm-lock.yaml")
    assert not src.applies_to("models/tokenizer.json")
    assert src.applies_to("charts/llm/values.yaml")
    tpl = (INFRA / "charts/llm/templates/deployment.yaml").read_text()
    assert list(src.scan(SourceFile("charts/llm/templates/deployment.yaml", tpl))) == []


def test_not_models_in_config() -> None:
    text = (
        "name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n"
        "      image: ollama/ollama:latest\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - uses: docker/build-push-action@v5\n        with:\n          tags: vllm/vllm-openai:latest\n"
        "    working-directory: /glm3\nheaders:\n  content-type: application/json\nrepo: huggingface/transformers\n"
    )
    assert list(ConfigFileSource().scan(SourceFile(".github/workflows/ci.yml", text))) == []


def test_command_in_ci_run_step() -> None:
    text = "jobs:\n  e2e:\n    steps:\n      - run: |\n          ollama pull llama3.2:1b\n          pytest\n"
    found = by_pos(ConfigFileSource().scan(SourceFile(".github/workflows/e2e.yml", text)))
    f = found[(5, "llama3.2:1b")]
    assert (f.column, f.kind, f.source) == (23, "ollama-tag", "config-command")


def test_env_default_value() -> None:
    found = by_pos(ConfigFileSource().scan(SourceFile("app.yaml", "llm:\n  model: ${LLM_MODEL:-qwen2.5:7b}\n")))
    f = found[(2, "qwen2.5:7b")]
    assert (f.column, f.kind) == (23, "ollama-tag")
    assert list(ConfigFileSource().scan(SourceFile("app.yaml", "model: ${LLM_MODEL}\n"))) == []


# ---------------------------------------------------------------------------- dotenv


def test_dotenv_endpoint_attaches_by_prefix() -> None:
    found = by_pos(scan(DotenvSource(), INFRA, ".env.example"))
    mini = found[(3, "gpt-4o-mini")]  # a gpt-4o-mini-looking name sent to DeepSeek
    assert (mini.column, mini.kind, mini.source) == (14, "api-model", "dotenv-model-key")
    assert (mini.provider, mini.endpoint) == ("deepseek-api", "https://api.deepseek.com")
    bge = found[(5, "BAAI/bge-m3")]  # quoted; a local embedding model, not sent to the chat API
    assert (bge.column, bge.role, bge.endpoint) == (18, "embedding", None)
    llama = found[(7, "llama3.2:3b")]  # export + inline comment; OLLAMA_HOST goes with OLLAMA_MODEL
    assert (llama.column, llama.kind, llama.endpoint) == (21, "ollama-tag", "http://localhost:11434")
    assert found[(2, "https://api.deepseek.com")].kind == "endpoint"
    assert not any("postgres" in raw for _, raw in found)


def test_dotenv_names() -> None:
    src = DotenvSource()
    for path in (".env", ".env.example", "docker/env.example", "singularity/env.sh.example", "prod.env",
                 ".env.local.example"):
        assert src.applies_to(path), path
    for path in ("env.py", "src/environment.ts", "README.md", "envs/README.md"):
        assert not src.applies_to(path), path


# ---------------------------------------------------------------------------- parsers never raise anything else


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parsers_raise_only_parse_error(text: str) -> None:
    for parse in (parse_yaml, parse_json, parse_toml):
        with contextlib.suppress(ParseError):
            parse(text)
    for src, name in ((ConfigFileSource(), "x.yaml"), (ConfigFileSource(), "x.json"), (ConfigFileSource(), "x.toml"),
                      (ConfigFileSource(), "x.ini"), (DotenvSource(), ".env")):
        list(src.scan(SourceFile(name, text)))


# ---------------------------------------------------------------------------- the whole fixture repo, all sources


def test_infra_repo_positions_point_at_the_value_and_nothing_is_reported_twice() -> None:
    from modelmap.discover.engine import ScanOptions, scan_paths

    result = scan_paths([INFRA], ScanOptions(jobs=1))
    assert result.skips == []
    keys = [(f.path, f.line, f.column, f.raw) for f in result.findings]
    assert len(keys) == len(set(keys))
    for f in result.findings:
        line = (INFRA / f.path).read_text().splitlines()[f.line - 1]
        assert line[f.column - 1:].startswith(f.raw), (f.path, f.line, f.column, f.raw)
    by_source = {f.source.split("-")[0] for f in result.findings}
    assert by_source == {"config", "dotenv", "litellm", "compose", "k8s", "dockerfile", "modelfile"}
