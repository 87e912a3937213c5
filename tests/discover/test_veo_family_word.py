"""Google's Veo video-generation models as relays and SDKs spell them where a model is expected.

Veo is Google's video model family (veo-2.0-generate-001, veo-3.1-generate-preview; ai.google.dev/gemini-api/docs/
video, as_of 2026-12-05); OpenAI-compatible relays serve it as ``veo3.1`` / ``veo3.1-fast``, and SDK tests pass that
to a video request's model. ``veo`` is a family word like ``flux`` or ``kolors``: under a model setting the name is
a model; a word outside one (a theme, a CSS class) is not taken for one.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_JAVA = """\
package demo.video;

public class VideoDemo {
    public VideoResponse run(VideoService service) {
        String theme = "veo3-dark";
        return service.create(VideoCreateRequest.builder()
                .model("veo3.1")
                .prompt("a kite over the sea")
                .seconds(8)
                .build());
    }
}
"""

_PY = """\
from openai import OpenAI

client = OpenAI(base_url="https://relay.example.com/v1")
job = client.videos.create(model="veo3.1-fast", prompt="a kite over the sea")
"""


def test_a_veo_name_under_a_model_setting_is_a_model(tmp_path: Path) -> None:
    assert found(tmp_path / "java", "src/main/java/demo/video/VideoDemo.java", _JAVA) == {(7, "veo3.1")}
    assert found(tmp_path / "py", "app/video.py", _PY) == {(4, "veo3.1-fast")}
