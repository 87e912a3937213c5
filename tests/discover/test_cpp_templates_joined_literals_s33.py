"""C++ engines (tuneB33): a llama.cpp-style chat-template renderer's template names, a model folder's generic file
joined onto a path, and adjacent string literals the compiler joins into one.

Fixtures written for these tests in the shape llama.cpp wrappers use: ``tmpl == "llama2"`` branches picking a prompt
layout, ``dir + "/model.gguf"``, a Hub download URL wrapped over two lines, an error message ending in an example URL."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

RENDERER = """\
#include <string>

inline std::string render(const std::string& tmpl, bool add_ass) {
  std::string out;
  if (tmpl == "chatml") {
    out = "<|im_start|>";
  } else if (tmpl == "llama2" || tmpl == "mistral") {
    out = "[INST]";
  } else if (tmpl == "phi3") {
    out = "<|assistant|>";
  } else if (chat_template == "command-r") {
    out = "<|START_OF_TURN_TOKEN|>";
  }
  return out;
}

bool pick(const std::string& model) {
  return model == "llama2";
}
"""


def test_chat_template_names_compared_with_the_template_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "engine/config/renderer.h", RENDERER)
    assert not {(ln, raw) for ln, raw in got if ln < 16}
    assert (18, "llama2") in got  # compared with a variable named `model`, the same word is a model


PATHS = """\
#include <string>

std::string model_file(const std::string& s) {
  auto abs_path = s.substr(0, s.find_last_of('/')) + "/model.gguf";
  auto proj = s.substr(0, s.find_last_of('/')) + "/mmproj.gguf";
  std::string local = "/data/models/llama-2-7b-chat.Q4_K_M.gguf";
  return abs_path + proj + local;
}
"""


def test_generic_weight_file_joined_onto_a_folder_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "engine/config/paths.cc", PATHS)
    raws = {raw for _, raw in got}
    assert "/model.gguf" not in raws and "/mmproj.gguf" not in raws
    assert (6, "/data/models/llama-2-7b-chat.Q4_K_M.gguf") in got


JOINED = """\
#include <string>

void check(const std::string& url) {
  auto expected_url{
      "https://huggingface.co/acme/tiny-reranker-v2-Q4_K_M-GGUF/resolve/"
      "main/tiny-reranker-v2-q4_k_m.gguf"};
  if (url.empty()) {
    throw std::runtime_error(
        "Invalid url: " + url +
        ", a valid URL example is: "
        "https://huggingface.co/acme/tinyllama/blob/1b/model.gguf");
  }
  std::string fmt = "%" PRIu64 "llama-2-7b.gguf";
}
"""


def test_adjacent_literals_are_read_as_the_one_string_they_make(tmp_path: Path) -> None:
    got = found(tmp_path, "engine/test/test_urls.cc", JOINED)
    assert (5, "https://huggingface.co/acme/tiny-reranker-v2-Q4_K_M-GGUF/resolve/main/tiny-reranker-v2-q4_k_m.gguf") in got
    assert not any(raw.startswith("main/") for _, raw in got)  # the second half is no finding of its own
    # the example URL is the tail of an error message: text for people, not a model the program loads
    assert not any("acme/tinyllama" in raw for _, raw in got)
    # a macro between the parts: read part by part, as before
    assert (13, "llama-2-7b.gguf") in got


EVENT_TEST = """\
#include "gtest/gtest.h"

TEST_F(EventTest, EventFromString) {
  std::string ev_str = R"({
    "task": {
      "id": "tinyllama:1b",
      "items": [
        {
          "id": "model.gguf",
          "localPath": "/home/me/app/models/acme/tinyllama/gguf/model.gguf"
        }
      ],
      "type": "Model"
    },
    "type": "DownloadStarted"
  })";
  std::string not_json = R"delim(plain text, no model here)delim";
}
"""


def test_json_held_in_a_cpp_raw_string_is_read_as_json(tmp_path: Path) -> None:
    got = found(tmp_path, "engine/test/components/test_event.cc", EVENT_TEST)
    assert (6, "tinyllama:1b") in got
    assert (10, "/home/me/app/models/acme/tinyllama/gguf/model.gguf") in got
    assert (9, "model.gguf") not in got


SPLIT_REPOS = """\
#include "utils/huggingface_utils.h"

TEST_F(HubTest, Repos) {
  auto branches = huggingface_utils::GetModelRepositoryBranches("TheBloke", "tinyllama");
  auto info = huggingface_utils::GetHuggingFaceModelRepoInfo("unsloth", "tiny-chat-v2");
  auto url = huggingface_utils::GetDownloadableUrl(
      "acme", "mini-reranker-v2-Q4_K_M-GGUF",
      "mini-reranker-v2-q4_k_m.gguf");
  auto gh = github::GetRepo("octocat", "hello-world");
  auto pair = MakePair("TheBloke", "tinyllama");
}
"""


def test_a_repository_named_by_owner_and_name_apart_is_found_on_the_name(tmp_path: Path) -> None:
    got = found(tmp_path, "engine/test/components/test_hub.cc", SPLIT_REPOS)
    assert {(4, "tinyllama"), (5, "tiny-chat-v2"), (7, "mini-reranker-v2-Q4_K_M-GGUF")} <= got
    assert not any(ln in (9, 10) for ln, _ in got)  # a GitHub repository; a call that says nothing of repositories
