"""license-commercial-use's details say what commercial use the licence allows when it is not a plain yes.

Under permissive-licenses-only, Llama 3.2 (commercial use 'conditional') and Claude (an API's terms: unknown) were
errors whose details named only the licence, so the reader could not tell why a licence 'does not allow commercial
use'. An Apache-2.0 model's details stay as they were.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.policy.summary import describe

LOCAL = '''import { Ollama } from "ollama";
const ollama = new Ollama({ host: "http://ollama:11434" });
export async function classify(text: string) {
  const r = await ollama.chat({ model: "llama3.2:3b", messages: [{ role: "user", content: text }] });
  return r.message.content;
}
'''

SUMMARIZE = '''import Anthropic from "@anthropic-ai/sdk";
const anthropic = new Anthropic();
export async function summarize(text: string) {
  return anthropic.messages.create({
    model: "claude-3-5-haiku-20241022",
    max_tokens: 512,
    messages: [{ role: "user", content: text }],
  });
}
'''

CHAT = '''from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-14B-Instruct")
'''


def test_commercial_use_is_stated_when_it_is_not_a_plain_yes(tmp_path: Path) -> None:
    (tmp_path / "local.ts").write_text(LOCAL, encoding="utf-8")
    (tmp_path / "summarize.ts").write_text(SUMMARIZE, encoding="utf-8")
    (tmp_path / "chat.py").write_text(CHAT, encoding="utf-8")
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\npreset: [permissive-licenses-only]\nrules:\n  - id: qwen-review\n    severity: note\n"
        "    message: Qwen models need a review.\n    deny: \"publisher.id == 'qwen'\"\n", encoding="utf-8")
    check = evaluate(modelmap.scan([tmp_path], resolve=True), load_config(tmp_path, root=tmp_path), date(2026, 12, 6))
    by = {(v.rule_id, v.path): describe(v) for v in check.violations}

    llama = by[("license-commercial-use", "local.ts")]
    assert "license Llama 3.2 Community License Agreement (commercial use: conditional)" in llama
    claude = by[("license-commercial-use", "summarize.ts")]
    assert "(commercial use: unknown)" in claude
    qwen = by[("qwen-review", "chat.py")]
    assert "license Apache-2.0." in qwen and "commercial use" not in qwen
