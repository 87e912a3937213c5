"""tuneC33 (issue 10): a LocalAI model config entry names the model clients call. LocalAI's format (also read by
AIKit's aikitfiles and other servers built on LocalAI) lists entries ``{name, backend, parameters: {model: …}}``: the
loader's arguments sit under ``parameters``, and an OpenAI-style request sends the entry's ``name`` as its model.
The served-name rule (an entry named after the model its model section loads) did not look under ``parameters``, so
such a name was reported only where the knowledge base already knew it. Now ``parameters`` beside a ``backend`` is
that section; a name that is not the loaded model's (``chat``, ``my-assistant``) is still no model.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found as _found

_AIKITFILE = """\
apiVersion: v1alpha1
runtime: cuda
models:
  - name: orca-9b-chat
    source: https://example.org/weights/orca-9b-chat-q4_k_m.gguf
config: |
  - name: orca-9b-chat
    backend: llama
    parameters:
      model: orca-9b-chat-q4_k_m.gguf
    context_size: 8192
  - name: flux-1-schnell
    backend: diffusers
    parameters:
      model: black-forest-labs/FLUX.1-schnell
  - name: chat
    backend: llama
    parameters:
      model: orca-9b-chat-q4_k_m.gguf
"""


def test_localai_entry_name_of_its_loaded_model(tmp_path: Path) -> None:
    got = _found(tmp_path, "models/orca-9b-chat.yaml", _AIKITFILE)
    assert (7, "orca-9b-chat") in got
    assert (12, "flux-1-schnell") in got
    assert (10, "orca-9b-chat-q4_k_m.gguf") in got
    assert (15, "black-forest-labs/FLUX.1-schnell") in got
    assert not any(raw == "chat" for _, raw in got)


def test_parameters_without_a_backend_is_not_a_localai_entry(tmp_path: Path) -> None:
    text = _AIKITFILE.replace("    backend: llama\n", "").replace("    backend: diffusers\n", "")
    got = _found(tmp_path, "models/orca-9b-chat.yaml", text)
    assert not any(raw == "flux-1-schnell" for _, raw in got)
