"""Python source: the flow rules added for issue 2 (precision and recall >= 0.95 on real code)."""

from __future__ import annotations

import textwrap

from modelmap.discover.base import SourceFile
from modelmap.discover.python import PythonSource
from modelmap.types import Finding


def scan(code: str, path: str = "app/llm.py") -> list[Finding]:
    out = PythonSource().scan(SourceFile(path, textwrap.dedent(code)))
    return [f for f in out if isinstance(f, Finding) and f.kind != "endpoint"]


def raws(code: str) -> set[tuple[int, str]]:
    return {(f.line, f.raw) for f in scan(code)}


def test_model_variable_compared_with_aliases() -> None:
    # issue 2: app-level selectors compared with a model variable (docker/genai-stack style)
    code = """
    def load_llm(llm_name: str):
        if llm_name == "gpt-3.5":
            return make("gpt-3.5-turbo")
        elif llm_name == "claudev2":
            return make("anthropic.claude-v2")
        elif llm_name in ["qwen-vl-plus", "qwen-vl-chat"]:
            return None
        elif llm_name == "openai":
            return None
    """
    found = raws(code)
    assert {(3, "gpt-3.5"), (5, "claudev2"), (7, "qwen-vl-chat"), (7, "qwen-vl-plus")} <= found
    assert not any(raw == "openai" for _, raw in found)


def test_substring_tests_are_not_models() -> None:
    # issue 2: `'qwen3' in model` matches a fragment of the name
    code = """
    def pick(model: str) -> bool:
        return 'qwq' in model.lower() or 'qwen3' in model.lower()
    """
    assert raws(code) == set()


def test_architecture_comparisons_are_silenced() -> None:
    code = """
    def is_vlm(config) -> bool:
        return config.model_type in {"llava_next", "gemma3", "llama4"}
    """
    assert raws(code) == set()


def test_argparse_model_option_default_and_choices() -> None:
    # issue 2: argparse options named like a model, with an extra pair of quotes in the default
    code = """
    import argparse
    p = argparse.ArgumentParser()
    p.add_argument('--model_name', type=str, choices=["chatglm3_6b", "chatglm3_6b_32k"], default="chatglm3_6b")
    p.add_argument('--vis-judger', default="'gpt-4-vision-preview'")
    p.add_argument('--judge-model', default="'gpt-4-vision-preview'")
    p.add_argument('--output', default="out.json")
    """
    found = scan(code)
    got = {(f.line, f.raw) for f in found}
    assert {(4, "chatglm3_6b"), (4, "chatglm3_6b_32k"), (5, "gpt-4-vision-preview"), (6, "gpt-4-vision-preview")} <= got
    judge = next(f for f in found if f.line == 6)
    assert judge.source == "python-argparse"
    # columns point at the identifier itself, inside the quotes (here inside both pairs)
    assert judge.column == textwrap.dedent(code).splitlines()[5].index("gpt-4-vision") + 1
    assert all(raw != "out.json" for _, raw in got)


def test_keys_of_a_model_map() -> None:
    # issue 2: lists of model names written as the keys of a dict named like "model"
    code = """
    MODEL_TYPE_MAP = {
        'qwen-72b-chat': 'qwen',
        'internlm-20b-chat': 'internlm',
        'llama': 'llama',
    }
    """
    assert raws(code) == {(3, "qwen-72b-chat"), (4, "internlm-20b-chat")}


def test_size_values_and_variable_names_in_model_collections() -> None:
    code = """
    MODEL_SIZES = {"meta-llama/Llama-3.1-8B-Instruct": "8B"}
    model_fixtures = ["text_model_id", "embedding_model_id"]
    """
    assert raws(code) == {(2, "meta-llama/Llama-3.1-8B-Instruct")}


def test_siblings_of_a_known_model_in_a_list() -> None:
    # issue 2: one well-known name makes a choices list a list of models; fragments stay out
    code = """
    JUDGES = ['gpt-4-vision-preview', 'qwen-vl-chat', 'qwen-vl-plus']
    AWS_PREFIXES = ("ai21.jamba-instruct-v1:0", "anthropic.claude", "meta.llama", "mistral.mi")
    COLORS = ["red", "green", "blue-1"]
    """
    found = raws(code)
    assert {(2, "gpt-4-vision-preview"), (2, "qwen-vl-chat"), (2, "qwen-vl-plus"),
            (3, "ai21.jamba-instruct-v1:0")} == found


def test_docstring_example_and_commented_out_config() -> None:
    # issue 2: code examples inside docstrings and commented-out model settings (low confidence)
    code = '''
    def get_chat_model(cfg=None):
        """Build a model.

        Example:
            cfg = {'model': 'qwen-max', 'model_server': 'dashscope'}
            # 'model': 'Qwen',
        """
        # 'model': 'qwen2.5-72b-instruct',
        # model = "llama"
        return cfg
    '''
    found = scan(code)
    got = {(f.line, f.raw) for f in found}
    assert got == {(6, "qwen-max"), (9, "qwen2.5-72b-instruct")}
    assert all(f.confidence <= 0.6 for f in found)
    assert {f.source for f in found} == {"python-docstring", "python-comment"}


def test_fstring_fragments_are_not_values() -> None:
    code = """
    import os
    url = f"{os.getenv('HF_ENDPOINT')}/datasets/org/bge-m3-data"
    """
    assert raws(code) == set()


def test_weight_download_urls_and_weight_file_names() -> None:
    # issue 2: torchvision-style model_urls and conventional weight file names
    code = """
    import os, torch
    model_urls = {
        'resnet18': 'https://download.pytorch.org/models/resnet18-5c106cde.pth',
    }
    state = torch.load(os.path.join(ckpt_dir, "pytorch_model.bin"))
    other = os.path.join(out_dir, "metrics.json")
    base_url = "https://api.openai.com/v1"
    """
    found = scan(code)
    assert {(f.line, f.raw, f.kind) for f in found} == {
        (4, "https://download.pytorch.org/models/resnet18-5c106cde.pth", "model-file"),
    }  # issue 10: "pytorch_model.bin" inside code names a checkpoint file, not a model


def test_local_model_directory_assigned_to_model_path() -> None:
    code = """
    from transformers import AutoModel
    model_path = "D:\\\\AI\\\\ChatGLM3\\\\model/chatglm3-6b/"
    model = AutoModel.from_pretrained(model_path, trust_remote_code=True)
    """
    found = scan(code)
    assert [(f.line, f.raw, f.kind) for f in found] == [(3, "D:\\AI\\ChatGLM3\\model/chatglm3-6b/", "model-file")]


def test_service_names_are_not_models() -> None:
    # issue 2: "rerank" / "embed" name a local service, not a model
    code = """
    LOCAL_RERANK_MODEL_NAME = 'rerank'
    LOCAL_EMBED_MODEL_NAME = 'embed'
    LOCAL_RERANK_MODEL_PATH = os.path.join(LOCAL_RERANK_PATH, "rerank.onnx")
    """
    assert raws(code) == {(4, "rerank.onnx")}


def test_display_name_returned_by_llm_type_is_not_a_model() -> None:
    code = """
    class ChatGLM3(LLM):
        @property
        def _llm_type(self) -> str:
            return "ChatGLM3"
    """
    assert raws(code) == set()
