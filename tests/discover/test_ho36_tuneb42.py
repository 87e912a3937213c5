"""Held-out-36 general fixes (tuneB42): DashScope's own API ids of its Wan (Tongyi Wanxiang), Paraformer, Gummy and
Qwen-Image lines, read from their shape (recognition.yaml api_patterns) wherever they are passed, as the Qwen text
ids already are; the open checkpoints' names (a size, no tier) and the open FunASR names are not taken."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_JAVA_SAMPLES = '''package com.acme.media;

public class MediaJobs {
    public static void video() throws Exception {
        VideoSynthesisParam param = VideoSynthesisParam.builder()
                .model("wan2.7-i2v")
                .prompt("a cat")
                .build();
        ImageGenerationParam img = ImageGenerationParam.builder()
                .model("wan2.7-image-pro")
                .build();
        MultiModalConversationParam vlo = MultiModalConversationParam.builder()
                .model("qwen-image")
                .build();
        OmniRealtimeConfig config = OmniRealtimeConfig.builder()
                .InputAudioTranscription("gummy-realtime-v1")
                .build();
        Vocabulary voc = service.createVocabulary("paraformer-v1", "acme", words);
        String label = "video-synthesis";
    }
}
'''


def test_dashscope_api_ids_in_java_builders(tmp_path: Path) -> None:
    got = found(tmp_path, "samples/MediaJobs.java", _JAVA_SAMPLES)
    assert (6, "wan2.7-i2v") in got
    assert (10, "wan2.7-image-pro") in got
    # `qwen-image` reads as a provider word and a role word alone; its API id is known by shape now
    assert (13, "qwen-image") in got
    # an argument of calls that are no model SDK's: the id's own shape is the evidence
    assert (16, "gummy-realtime-v1") in got
    assert (18, "paraformer-v1") in got
    assert (19, "video-synthesis") not in got


_GO_CONSTS = '''package wanx

type ModelWanx = string

const (
	WanxBgGenV2 ModelWanx = "wanx-background-generation-v2"
	TaskName    string    = "background-generation"
)
'''


def test_wanx_task_id_in_go_const(tmp_path: Path) -> None:
    got = found(tmp_path, "wanx/params.go", _GO_CONSTS)
    assert (6, "wanx-background-generation-v2") in got
    assert (7, "background-generation") not in got


def test_dashscope_shapes_leave_open_names() -> None:
    for api_id in ("wan2.6-r2v-flash", "wanx2.1-t2i-turbo", "wan2.5-i2i", "paraformer-realtime-8k-v2",
                   "gummy-chat-v1", "qwen-image-2.0-pro", "qwen-image-edit-plus"):
        hit = classify(api_id, "none")
        assert hit is not None and hit.kind == "api-model" and hit.provider == "dashscope-cn", api_id
    for other in ("wan2.1-t2v-14b", "paraformer-zh", "wan-video", "gummy-bear", "qwen-images-folder"):
        hit = classify(other, "none")
        assert hit is None or hit.provider != "dashscope-cn", other


_JAVA_LENIENT_JSON = '''package com.acme.speech;

class VocabularyTest {
  void query() {
    JsonObject rsp =
        JsonUtils.parse(
            " {'output': {'gmt_create': '2024-08-21 16:12:04', 'vocabulary': [{'weight': 5, 'text': 'hello', 'lang': 'en'}, {'weight': 4, 'text': 'world', 'lang': 'en'}], 'target_model': 'paraformer-realtime-v2', 'gmt_modified': '2024-08-21 16:12:04', 'status': 'OK'}, 'usage': {}, 'request_id': 'bc4f6918-18f7-9ea4-97cb-14dad79efdfe'}");
    JsonObject small = JsonUtils.parse("{'output': {'target_model': 'cosyvoice-v1', 'status': 'OK'}}");
    JsonObject other = JsonUtils.parse("{'output': {'model_tag': 'release', 'status': 'OK'}}");
  }
}
'''


def test_single_quoted_json_in_java_literals(tmp_path: Path) -> None:
    got = found(tmp_path, "src/test/java/com/acme/speech/VocabularyTest.java", _JAVA_LENIENT_JSON)
    # a lenient-JSON text (Gson takes single quotes) over the literal size bound, and a short one: the model-named
    # key's value, when it reads as a model on its own
    assert (7, "paraformer-realtime-v2") in got
    assert (8, "cosyvoice-v1") in got
    assert (9, "release") not in got  # recorded JSON's key alone makes no model


_CS_VERTEX = '''using Google.Cloud.AIPlatform.V1;

public class CreateCache
{
    public void Run(string projectId, string location, string model)
    {
        var request = new CreateCachedContentRequest
        {
            Parent = $"projects/{projectId}/locations/us-central1",
            CachedContent = new CachedContent
            {
                Model = $"projects/{projectId}/locations/us-central1/publishers/google/models/gemini-2.0-flash-001",
            }
        };
        var other = $"projects/{projectId}/locations/{location}/publishers/google/models/{model}";
    }
}
'''


def test_vertex_resource_name_built_from_project(tmp_path: Path) -> None:
    got = found(tmp_path, "aiplatform/CreateCache.cs", _CS_VERTEX)
    # the fixed tail of a resource name built at run time names the publisher model, in Vertex's short form
    assert (12, "publishers/google/models/gemini-2.0-flash-001") in got
    assert not any(line in (9, 15) for line, _ in got)  # no model in the text itself: nothing


_GO_INI = '''package settings

import "testing"

func TestSetup(t *testing.T) {
	expected := `[app]
PageSize = 20

[openai]
Model   = gpt-4o
BaseUrl =
Proxy   =

[local]
ModelDir  = cache
`
	_ = expected
}
'''


def test_ini_text_in_go_raw_string(tmp_path: Path) -> None:
    got = found(tmp_path, "settings/setup_test.go", _GO_INI)
    # an INI section's aligned `Model   = gpt-4o` line in the text a settings test writes
    assert (10, "gpt-4o") in got
    assert (15, "cache") not in got  # recorded text: the key alone makes no model


_GO_MAP_SET = '''package providers

func prepare(req map[string]interface{}) {
	req["model"] = "acme-chat-7b"
	req["label"] = "acme-7b"
	headers := map[string]string{}
	headers["x-request-id"] = "req-12"
}
'''

_CS_MAP_SET = '''public class Body
{
    public void Fill(Dictionary<string, object> body)
    {
        body["model"] = "acme-chat-7b";
        body["user"] = "acme-7b";
    }
}
'''

_PHP_MAP_SET = '''<?php
function payload(array $payload): array {
    $payload['model'] = 'acme-chat-7b';
    $payload['user'] = 'acme-7b';
    return $payload;
}
'''


def test_map_entry_assignment_binds_its_key(tmp_path: Path) -> None:
    # `m["model"] = "…"`: the entry's key is what the value is bound to, as in a map literal's pair
    got = found(tmp_path, "providers/prepare.go", _GO_MAP_SET)
    assert (4, "acme-chat-7b") in got and (5, "acme-7b") not in got
    got = found(tmp_path / "cs", "Body.cs", _CS_MAP_SET)
    assert (5, "acme-chat-7b") in got and (6, "acme-7b") not in got
    got = found(tmp_path / "php", "payload.php", _PHP_MAP_SET)
    assert (3, "acme-chat-7b") in got and (4, "acme-7b") not in got
