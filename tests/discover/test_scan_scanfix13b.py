"""Scan shapes grouped from the opened splits' misses and false positives in the language analysers (scanfix13b,
issue 10), written here as our own fixtures (no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


JAVA_VERTEX_ENUM = '''package acme.vertex;

public enum AcmeVertexEmbeddingModelName {

    TEXT_EMBEDDING_005("text-embedding-005", 768),
    GECKO_MULTI_001("textembedding-gecko-multilingual@001", 768),
    GECKO_002("textembedding-gecko@002", 768),
    GECKO_003("textembedding-gecko@003", 768);

    private final String id;
    private final Integer dimension;

    AcmeVertexEmbeddingModelName(String id, Integer dimension) {
        this.id = id;
        this.dimension = dimension;
    }
}
'''

JAVA_VERTEX_BUILDER = '''class Embed {
    void f() {
        var m = VertexAiEmbeddingModel.builder().project("p").modelName("textembedding-gecko@001").build();
        String contact = "ops@001";
        String pkg = "left-pad@1.3.0";
    }
}
'''


def test_vertex_version_pins_are_models_where_a_model_is_expected(tmp_path: Path) -> None:
    (tmp_path / "AcmeVertexEmbeddingModelName.java").write_text(JAVA_VERTEX_ENUM)
    (tmp_path / "Embed.java").write_text(JAVA_VERTEX_BUILDER)
    found = _found(tmp_path)
    for line, raw in ((6, "textembedding-gecko-multilingual@001"), (7, "textembedding-gecko@002"),
                      (8, "textembedding-gecko@003")):
        assert ("AcmeVertexEmbeddingModelName.java", line, raw) in found
    assert ("Embed.java", 3, "textembedding-gecko@001") in found
    assert not {raw for path, _, raw in found if path == "Embed.java"} & {"ops@001", "left-pad@1.3.0"}


def test_vertex_version_pin_rule() -> None:
    assert classify("orbit-embed-gecko@003", "key") is not None
    assert classify("orbit-embed-gecko@003", "none") is None  # a bare literal: the name is not known
    known = classify("gemini-1.0-pro@001", "none")
    assert known is not None and known.kind == "api-model"
    assert classify("ops@001", "key") is None  # one word before the pin
    assert classify("left-pad@1.3.0", "key") is None  # a package version, not a Vertex pin
    assert classify("user@example.com", "key") is None



# --- a local model folder with a generic name, where a loader or a model setting takes it ---

PY_GENERIC_DIRS = '''from dataclasses import dataclass, field

from langchain_community.embeddings import HuggingFaceEmbeddings
from transformers import AutoModel, TrainingArguments

embeddings = HuggingFaceEmbeddings(model_name="/root/autodl-tmp/embedding_model")
st = HuggingFaceEmbeddings(model_name="/root/autodl-tmp/sentence-transformer")
llm = AutoModel.from_pretrained("/data/weights/model")


@dataclass
class FinetuneArguments:
    model_path: str = field(default="../../dataset/model")
    lora_rank: int = field(default=8)


args = TrainingArguments(output_dir="./output/qwen2_5_7b_lora")
scratch = AutoModel.from_pretrained("./model")
shared = HuggingFaceEmbeddings(model_name="/tmp/model")
several = HuggingFaceEmbeddings(model_name="/mnt/models")
kind = HuggingFaceEmbeddings(model_name="/opt/app/model/embedding")
'''


def test_generic_local_model_folders_where_a_loader_takes_them(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(PY_GENERIC_DIRS)
    found = {(line, raw) for _, line, raw in _found(tmp_path)}
    assert {(6, "/root/autodl-tmp/embedding_model"), (7, "/root/autodl-tmp/sentence-transformer"),
            (8, "/data/weights/model"), (13, "../../dataset/model")} <= found
    raws = {raw for _, raw in found}
    # a training run's output folder, a folder with no named parent or under scratch space, a folder of several
    # models, a kind of model
    assert not raws & {"./output/qwen2_5_7b_lora", "./model", "/tmp/model", "/mnt/models", "/opt/app/model/embedding"}


def test_generic_model_folder_rule() -> None:
    assert classify("/root/autodl-tmp/model", "hf") is not None
    assert classify("/root/autodl-tmp/model", "none") is None
    assert classify("/root/autodl-tmp/embedding_model", "key") is not None
    assert classify("./output/model", "hf") is None
    assert classify("/root/autodl-tmp/models", "hf") is None



# --- cross-file constants (Go, Java, Kotlin, C#): the polyglot side of the SymbolUse seam (links.py) ---

GO_PARAM = '''package param

// model ids of the Orbit API
const (
	OrbitChat    = "orbit-chat-v2"
	OrbitLite    = "orbit-lite-250901"
	OrbitUnused  = "orbit-unused-v3"
	Greeting     = "hello-world-v1"
	BucketPrefix = "orbit-bucket-v1"
)
'''

GO_BOT = '''package bot

import (
	"fmt"

	"github.com/acme/orbit/internal/param"
)

func run(cfg Config) {
	req := Request{Model: param.OrbitChat, Title: param.Greeting}
	cfg.EmbeddingModel = param.OrbitLite
	store.Bucket = param.BucketPrefix
	fmt.Println(req, cfg.DefaultModel)
}
'''

GO_SAME_PACKAGE_DEFS = '''package bot

// the bot's default model
const DefaultOrbit = "orbit-pro-v4"
'''

GO_SAME_PACKAGE_USE = '''package bot

func defaults() Request {
	return Request{Model: DefaultOrbit}
}
'''

JAVA_NAMES = '''package acme.orbit;

/** Orbit ids (model names among them). */
public final class OrbitIds {
    public static final String ORBIT_MAX = "orbit-max-v2";
    public static final String ORBIT_TINY = "orbit-tiny-v1";
    public static final String REGION = "eu-west-1";
}
'''

JAVA_USE = '''package acme.app;

class Chat {
    void f() {
        var m = OrbitChatModel.builder().modelName(OrbitIds.ORBIT_MAX).region(OrbitIds.REGION).build();
    }
}
'''

KOTLIN_NAMES = '''package acme.orbit

// ids the Orbit API takes (model ids among them)
object OrbitIdsKt {
    const val ORBIT_VISION = "orbit-vision-v2"
}
'''

KOTLIN_USE = '''package acme.app

fun client() = OrbitClient(model = OrbitIdsKt.ORBIT_VISION)
'''

CSHARP_NAMES = '''namespace Acme.Orbit;

// Orbit model ids
public static class OrbitIdTable
{
    public const string OrbitEmbed = "orbit-embed-v3";
}
'''

CSHARP_USE = '''namespace Acme.App;

public class Setup
{
    public void Configure(Options o)
    {
        o.EmbeddingModel = OrbitIdTable.OrbitEmbed;
    }
}
'''


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_cross_file_constants_are_kept_where_they_are_written(tmp_path: Path) -> None:
    _write(tmp_path, {
        "internal/param/models.go": GO_PARAM, "internal/bot/llm.go": GO_BOT,
        "internal/bot/defaults.go": GO_SAME_PACKAGE_DEFS, "internal/bot/request.go": GO_SAME_PACKAGE_USE,
        "src/main/java/acme/orbit/OrbitIds.java": JAVA_NAMES, "src/main/java/acme/app/Chat.java": JAVA_USE,
        "app/src/main/kotlin/OrbitIdsKt.kt": KOTLIN_NAMES, "app/src/main/kotlin/Client.kt": KOTLIN_USE,
        "Orbit/OrbitIdTable.cs": CSHARP_NAMES, "App/Setup.cs": CSHARP_USE,
    })
    result = modelmap.scan(tmp_path, resolve=False)
    found = {(f.path, f.line, f.raw): f for f in result.findings if f.kind != "endpoint"}
    for key in (("internal/param/models.go", 5, "orbit-chat-v2"), ("internal/param/models.go", 6, "orbit-lite-250901"),
                ("internal/bot/defaults.go", 4, "orbit-pro-v4"),
                ("src/main/java/acme/orbit/OrbitIds.java", 5, "orbit-max-v2"),
                ("app/src/main/kotlin/OrbitIdsKt.kt", 5, "orbit-vision-v2"), ("Orbit/OrbitIdTable.cs", 6, "orbit-embed-v3")):
        assert key in found, key
        evidence = found[key].evidence or ()
        assert "use-only" in evidence and any(e.startswith("used-at:") for e in evidence)
        assert "binding-pending" not in evidence
    assert found[("internal/param/models.go", 6, "orbit-lite-250901")].role == "embedding"
    raws = {raw for _, _, raw in found}
    # never used as a model anywhere: a title, a bucket, a region, an unused constant
    assert not raws & {"hello-world-v1", "orbit-bucket-v1", "eu-west-1", "orbit-unused-v3", "orbit-tiny-v1"}
    # nothing is placed at the use sites
    assert not any(path in ("internal/bot/llm.go", "src/main/java/acme/app/Chat.java", "App/Setup.cs")
                   for path, _, _ in found)


def test_cross_file_constants_need_the_same_package_or_type(tmp_path: Path) -> None:
    other = GO_BOT.replace("github.com/acme/orbit/internal/param", "github.com/acme/orbit/internal/settings")
    _write(tmp_path, {
        "internal/param/models.go": GO_PARAM, "internal/bot/llm.go": other,
        "internal/other/defaults.go": GO_SAME_PACKAGE_DEFS.replace("package bot", "package other"),
        "internal/bot/request.go": GO_SAME_PACKAGE_USE,
        "src/main/java/acme/orbit/OrbitIds.java": JAVA_NAMES,
        "src/main/java/acme/app/Chat.java": JAVA_USE.replace("OrbitIds.ORBIT_MAX", "OtherNames.ORBIT_MAX"),
    })
    raws = {f.raw for f in modelmap.scan(tmp_path, resolve=False).findings}
    assert not raws & {"orbit-chat-v2", "orbit-lite-250901", "orbit-pro-v4", "orbit-max-v2"}


def test_cross_file_constants_are_bounded_by_budget_steps(tmp_path: Path) -> None:
    """100k constants in one file and 100k uses in another: each file's share is bounded (MAX_NAMED pending
    constants, MAX_USES uses, each a budget step), and a small step budget stops the file with a reported skip."""
    from modelmap.discover.candidates import MAX_NAMED, MAX_USES
    from modelmap.discover.engine import ScanOptions, scan_paths

    defs = "package param\n\n// model ids\nconst (\n" + "".join(
        f'\tOrbit{i} = "orbit-{i}-v1"\n' for i in range(100_000)) + ")\n"
    uses = "package bot\n\nimport \"github.com/acme/orbit/param\"\n\nvar all = []Request{\n" + "".join(
        f"\t{{Model: param.Orbit{i}}},\n" for i in range(100_000)) + "}\n"
    _write(tmp_path, {"param/models.go": defs, "bot/all.go": uses})
    from modelmap.discover.base import SourceFile, file_budget
    from modelmap.discover.polyglot import PolyglotSource
    from modelmap.types import SymbolUse

    with file_budget(seconds=600, steps=10**9):
        out = list(PolyglotSource().scan(SourceFile("param/models.go", defs, "app")))
    assert sum(1 for f in out if "binding-pending" in (getattr(f, "evidence", None) or ())) <= MAX_NAMED
    with file_budget(seconds=600, steps=10**9):
        out = list(PolyglotSource().scan(SourceFile("bot/all.go", uses, "app")))
    assert 0 < sum(1 for u in out if isinstance(u, SymbolUse)) <= MAX_USES
    result = scan_paths([tmp_path], ScanOptions(jobs=1, budget_steps=2_000))
    assert {s.path for s in result.skips if s.reason == "analysis-budget"} >= {"param/models.go", "bot/all.go"}


# --- Ruby word arrays, provider one-word models, YAML held in a literal, LoRA adapter names ---

RUBY_WORD_ARRAYS = '''module Acme
  module Models
    SEARCH_MODEL_IDS = %w[
      sonar
      sonar-pro
      orbit-search-v2
    ].freeze
    EMBEDDING_MODEL_IDS = %w[acme-embed-v1-4b].freeze
    LOG_LEVELS = %w[debug info warn].freeze
  end
end
'''

RUST_YAML_FIXTURE = '''#[test]
fn parses_provider_models() {
    let yaml = r#"
openai:
  models:
    - "gpt-4o"
    - "gpt-4o-mini"
  base-url: https://api.openai.com
anthropic:
  default-model: claude-3-opus-20240229
  tags:
    - "prod-east"
"#;
    let cfg: Config = serde_yaml::from_str(yaml).unwrap();
}
'''

GO_LORA_TEST = '''package datastore

func TestAdapters(t *testing.T) {
	cases := []struct{ modelName string }{
		{modelName: "math-lora"},
		{modelName: "lora-adapter-1"},
		{modelName: "qwen2.5-7b-instruct"},
	}
	_ = cases
}
'''


def test_ruby_word_arrays_yaml_in_literals_and_adapter_names(tmp_path: Path) -> None:
    (tmp_path / "models.rb").write_text(RUBY_WORD_ARRAYS)
    (tmp_path / "providers.rs").write_text(RUST_YAML_FIXTURE)
    (tmp_path / "store_test.go").write_text(GO_LORA_TEST)
    found = _found(tmp_path)
    assert {("models.rb", 4, "sonar"), ("models.rb", 5, "sonar-pro"), ("models.rb", 6, "orbit-search-v2"),
            ("models.rb", 8, "acme-embed-v1-4b")} <= found
    assert {("providers.rs", 6, "gpt-4o"), ("providers.rs", 7, "gpt-4o-mini"),
            ("providers.rs", 10, "claude-3-opus-20240229")} <= found
    assert ("store_test.go", 7, "qwen2.5-7b-instruct") in found
    raws = {raw for _, _, raw in found}
    assert not raws & {"debug", "info", "warn", "prod-east", "math-lora", "lora-adapter-1"}


# --- C# defaults after ??, a C# argument named by the one before it, a Go record's type, a model alias ---

CSHARP_DEFAULTS = '''class Setup
{
    const string DefaultModelAlias = "orbit-3.5-mini";

    void F(IConfiguration config, State state)
    {
        var imageModelName = config["Orbit:ImageModelName"] ?? "Orbit-Image-2";
        var model = state.GetState("model", "orbit-7b-chat.Q8_0");
        var title = config["Title"] ?? "orbit-title-v2";
        var label = state.GetState("label", "orbit-label-v2");
    }
}
'''

GO_MODEL_RECORD = '''package vlm

func TestLocal(t *testing.T) {
	m := &types.Model{
		Name:   "qwen2-vl-orbit",
		Source: types.ModelSourceLocal,
	}
	meta := metav1.ObjectMeta{Name: "qwen2-vl-svc-v1"}
	fake := &types.Model{Name: "emb-1"}
	_, _, _ = m, meta, fake
}
'''


def test_csharp_defaults_argument_keys_go_records_and_aliases(tmp_path: Path) -> None:
    (tmp_path / "Setup.cs").write_text(CSHARP_DEFAULTS)
    (tmp_path / "config_test.go").write_text(GO_MODEL_RECORD)
    found = _found(tmp_path)
    assert {("Setup.cs", 3, "orbit-3.5-mini"), ("Setup.cs", 7, "Orbit-Image-2"), ("Setup.cs", 8, "orbit-7b-chat.Q8_0"),
            ("config_test.go", 5, "qwen2-vl-orbit")} <= found
    raws = {raw for _, _, raw in found}
    assert not raws & {"orbit-title-v2", "orbit-label-v2", "qwen2-vl-svc-v1", "emb-1"}


TFVARS_LIST = '''# Azure OpenAI
app_az_oai_models = "gpt-4o,orbit-chat-v2,gpt-4-vision-preview"
app_regions       = "eastus,westeurope"
'''

GO_ENV_LIST = '''package cfg

// model list default
var Models = envOr("MODELS", "")
const DefaultModels = "qwen-plus,qwen-max"
const Regions = "cn-beijing,cn-shanghai"
'''


def test_comma_separated_model_lists(tmp_path: Path) -> None:
    (tmp_path / "common.auto.tfvars").write_text(TFVARS_LIST)
    (tmp_path / "cfg.go").write_text(GO_ENV_LIST)
    found = _found(tmp_path)
    assert {("common.auto.tfvars", 2, "gpt-4o"), ("common.auto.tfvars", 2, "gpt-4-vision-preview"),
            ("cfg.go", 5, "qwen-plus"), ("cfg.go", 5, "qwen-max")} <= found
    raws = {raw for _, _, raw in found}
    assert not raws & {"eastus", "westeurope", "cn-beijing", "cn-shanghai"}
    columns = {f.raw: f.column for f in modelmap.scan(tmp_path, resolve=False).findings if f.path == "cfg.go"}
    assert columns["qwen-max"] == columns["qwen-plus"] + len("qwen-plus,")
