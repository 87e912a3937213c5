"""Held-out-36 general fix (tuneA42): an NVIDIA NIM's profile selector (`NIM_TAGS_SELECTOR`, comma-separated tags) names
the model the container serves in its `name=` tag, in a compose environment (mapping or list) and a Kubernetes /
Helm `{name, value}` env entry; the other tags are not models. Fixtures written here."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_COMPOSE = """services:
  tts:
    image: nvcr.io/nim/nvidia/acme-tts:latest
    environment:
      NIM_TAGS_SELECTOR: name=magpie-tts-multilingual,batch_size=8
  asr:
    image: nvcr.io/nim/nvidia/riva-asr:1.3.0
    environment:
      - NIM_TAGS_SELECTOR=mode=ofl,name=parakeet-1-1b-ctc-riva-en-us
  other:
    image: example/app:1
    environment:
      TAGS: name=magpie-tts-multilingual,batch_size=8
"""

_HELM = """asr:
  env:
    - name: NIM_TAGS_SELECTOR
      value: "name=parakeet-1-1b-ctc-en-us,mode=ofl"
    - name: EMBED_MODEL
      value: "nvidia/nv-embedqa-e5-v5"
"""


def test_compose_nim_tags_selector(tmp_path: Path) -> None:
    got = found(tmp_path, "docker-compose.yaml", _COMPOSE)
    assert (5, "magpie-tts-multilingual") in got
    assert (9, "parakeet-1-1b-ctc-riva-en-us") in got
    # only the NIM's own selector variable names its model this way
    assert not {line for line, _ in got if line == 13}
    assert not {raw for _, raw in got if "=" in raw or raw in ("ofl", "8")}


def test_helm_env_entry_nim_tags_selector(tmp_path: Path) -> None:
    got = found(tmp_path, "helm/values.yaml", _HELM)
    assert (4, "parakeet-1-1b-ctc-en-us") in got
