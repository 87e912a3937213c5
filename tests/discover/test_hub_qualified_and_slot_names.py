"""Two identify rules of session 15-16, found on the opened held-out-13 set.

* An app that downloads from several model hubs writes the hub before the repository (``ModelScope/MNN/Qwen3-4B-MNN``,
  ``Modelers/org/name``): the repository is the model (hf-repo); a hub word before anything that is not a repository
  id is nothing.
* A deployment's or setting's own name made only of role words, fillers, regions and copy letters
  (``default-chat``, ``embedding-prod-eastus``, ``chat-b``) names no model, even under a model key; API names the
  knowledge base holds that are made of such words (``embedding-2``, ``tts-1``) still are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", [
    "ModelScope/MNN/Qwen3-4B-MNN",
    "modelscope/Qwen/Qwen2.5-7B-Instruct",
    "Modelers/MindSpore-Lab/Qwen2.5-7B-Instruct",
    "WiseModel/THUDM/glm-4-9b-chat",
])
def test_a_hub_word_before_a_repository_is_the_repository(value: str) -> None:
    m = classify(value, "key")
    assert m is not None and m.kind == "hf-repo", (value, m)


@pytest.mark.parametrize("value", ["ModelScope/models/list", "modelscope/api/v1", "ModelScope/A/B"])
def test_a_hub_word_before_a_path_is_not_a_model(value: str) -> None:
    m = classify(value, "key")
    assert m is None or m.kind != "hf-repo", (value, m)


@pytest.mark.parametrize("value", [
    "default-chat", "existing-embedding", "embedding-prod-eastus", "chat-b", "tts-default", "my-embedding-deployment",
    "rerank-secondary-2",
])
def test_slot_names_are_not_models(value: str) -> None:
    assert classify(value, "key") is None, value


@pytest.mark.parametrize("value", ["gpt-4o-mini", "embedding-2", "tts-1", "text-embedding-3-small", "qwen-plus",
                                   "deepseek-chat", "rerank-2"])
def test_model_names_made_of_the_same_words_are_still_models(value: str) -> None:
    assert classify(value, "key") is not None, value


_CS = '''\
public class DeploymentTests
{
    [Fact]
    public async Task Resolves_the_default_deployment()
    {
        var chat = new AIDeployment { Name = "default-chat", ModelName = "gpt-4o-mini" };
        var embed = new AIDeployment { Name = "embedding-prod-eastus", ModelName = "text-embedding-3-large" };
        var other = new AIDeployment { DeploymentName = "chat-b", Model = "gpt-4.1" };
        Assert.Equal("default-chat", chat.Name);
    }
}
'''


def test_a_csharp_test_names_deployments_and_their_models(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "tests/DeploymentTests.cs", _CS)}
    assert {"gpt-4o-mini", "text-embedding-3-large", "gpt-4.1"} <= got
    assert not got & {"default-chat", "embedding-prod-eastus", "chat-b"}


_KT = '''\
package com.example.market

object Defaults {
    val models = listOf(
        ModelItem(modelId = "ModelScope/MNN/Qwen3-4B-MNN"),
        ModelItem(modelId = "Modelers/MNN/DeepSeek-R1-1.5B-Qwen-MNN"),
    )
}
'''


def test_hub_qualified_ids_in_a_kotlin_model_list(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "app/src/main/java/Defaults.kt", _KT)}
    assert {"ModelScope/MNN/Qwen3-4B-MNN", "Modelers/MNN/DeepSeek-R1-1.5B-Qwen-MNN"} <= got
