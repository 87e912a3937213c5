"""A constants class that lists one kind of model under its own name (``GiteeVideoModels``, ``OcrModelNames``):
its constants whose values are identifiers with a version or size digit are models (binding-only evidence, the
weakest), unless the constant's own name says it holds something else (a region, a format, an endpoint); a class
named for a client (``QwenChatClient``) says nothing about its constants (polyglot._models_class_constant)."""

from __future__ import annotations

from pathlib import Path

import modelmap

_MODELS = '''\
package com.example.video;

public final class GiteeVideoModels {
    public static final String HUNYUAN_VIDEO_1_5 = "HunyuanVideo-1.5";
    public static final String VIDU_Q3_TURBO = "ViduQ3-Turbo";
    public static final String WAN_2_7 = "Wan2.7";
    public static final String DEFAULT_REGION = "CnNorth4";
    public static final String OUTPUT_FORMAT = "H264";
    private GiteeVideoModels() {}
}
'''

_CLIENT = '''\
package com.example.video;

public final class QwenChatClient {
    public static final String STREAM_MODE = "Stream2";
    public static final String WIRE_NAME = "ChatV2";
}
'''


def test_a_models_class_names_its_constants_models(tmp_path: Path) -> None:
    src = tmp_path / "src/main/java/com/example/video"
    src.mkdir(parents=True)
    (src / "GiteeVideoModels.java").write_text(_MODELS)
    (src / "QwenChatClient.java").write_text(_CLIENT)
    found = {(f.path.rsplit("/", 1)[-1], f.line, f.raw): f.evidence
             for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert set(found) == {("GiteeVideoModels.java", 4, "HunyuanVideo-1.5"), ("GiteeVideoModels.java", 5, "ViduQ3-Turbo"),
                          ("GiteeVideoModels.java", 6, "Wan2.7")}
    assert all("binding-only" in ev and "container:GiteeVideoModels" in ev for ev in found.values())
