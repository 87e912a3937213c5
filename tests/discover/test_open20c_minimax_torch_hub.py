"""Issue 10, session 22 (open20c): MiniMax's API names of any M<N> generation are recognised, and
``torch.hub.load("owner/repo[:ref]", …)`` reports the GitHub repo a PyTorch Hub model is loaded from."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify
from modelmap.types import Finding


def _scan(tmp_path: Path, name: str, text: str) -> dict[str, Finding]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return {f.raw: f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}


def test_minimax_api_names_of_any_generation_are_recognised() -> None:
    for raw in ("MiniMax-M3", "minimax-m3", "MiniMax-M2.5", "MiniMax-M1"):
        hit = classify(raw, "none")
        assert hit is not None and hit.kind == "api-model" and hit.provider == "minimax-cn", (raw, hit)
    # a word that only starts like one is no model
    assert classify("minimax-mini", "none") is None
    assert classify("minimax-m", "none") is None


def test_minimax_m3_in_java_test_arguments_is_found(tmp_path: Path) -> None:
    java = """\
package org.acme.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MinimaxClientTest {
    @Test
    void buildsTheChatModel() {
        ChatModel model = service.buildChatModel(modelVo("https://api.minimax.io/v1", "MiniMax-M3"));
        assertEquals("MiniMax-M3", model.name());
    }
}
"""
    found = _scan(tmp_path, "src/test/java/org/acme/chat/MinimaxClientTest.java", java)
    assert "MiniMax-M3" in found, sorted(found)


_TORCH_HUB = '''\
import torch
import tensorflow_hub as tfhub


class SileroVAD:
    def __init__(self) -> None:
        self.model, self.utils = torch.hub.load(
            "snakers4/silero-vad:master",
            "silero_vad",
            trust_repo=True,
        )
        self.depth = torch.hub.load(repo_or_dir="intel-isl/MiDaS", model="DPT_Large")
        self.local = torch.hub.load("./vendor/yolov5-fork", "custom", path="runs/best.pt", source="local")
        self.encoder = tfhub.load("https://tfhub.dev/google/universal-sentence-encoder/4")
'''


def test_torch_hub_load_reports_the_github_repo_without_its_ref(tmp_path: Path) -> None:
    found = _scan(tmp_path, "vad/handler.py", _TORCH_HUB)
    assert "snakers4/silero-vad" in found, sorted(found)
    assert found["snakers4/silero-vad"].line == 8
    assert "snakers4/silero-vad:master" not in found
    assert "intel-isl/MiDaS" in found, sorted(found)
    # a local folder (source="local") is no repo, and the entry point's name is not reported as the repo
    assert not {"./vendor/yolov5-fork", "vendor/yolov5-fork", "silero_vad"} & set(found)
