"""Ollama Modelfiles: ``FROM <tag | gguf path | model dir>`` and ``ADAPTER <path>``.

``FROM llama3.1:8b`` is an Ollama tag (``modelfile-from``); ``FROM ./qwen2.5-7b-q4_k_m.gguf``
a model file; ``ADAPTER ./lora.gguf`` a model file (``modelfile-adapter``). The instruction
keyword is case-insensitive, as Ollama reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from modelmap.discover.base import Collector, Sample, SourceFile
from modelmap.discover.identify import Hint, classify
from modelmap.types import Finding, Skip

_NAME = re.compile(r"(^|/)(Modelfile[^/]*|[^/]+\.modelfile)$", re.I)
_LINE = re.compile(r"^[ \t]*(FROM|ADAPTER)[ \t]+(\S+)", re.I | re.M)


class ModelfileSource:
    id = "modelfile"
    description = "Ollama Modelfiles: FROM base model (tag or GGUF) and ADAPTER"
    samples = (
        Sample("ollama/Modelfile",
               "FROM qwen2.5:7b-instruct\nPARAMETER temperature 0.2\nSYSTEM \"\"\"You are helpful.\"\"\"\n",
               ("qwen2.5:7b-instruct",)),
        Sample("ollama/Modelfile.local", "FROM ./models/mistral-7b-instruct-v0.2.Q4_K_M.gguf\nADAPTER ./lora/adapter.gguf\n",
               ("./models/mistral-7b-instruct-v0.2.Q4_K_M.gguf", "./lora/adapter.gguf")),
        Sample("ollama/Modelfile.empty", "# no base yet\nPARAMETER num_ctx 4096\nTEMPLATE \"{{ .Prompt }}\"\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        return bool(_NAME.search(path)) and not path.lower().endswith((".md", ".txt", ".py", ".go", ".json"))

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        collector = Collector(file, "modelfile-from")
        for m in _LINE.finditer(file.text):
            keyword, value = m.group(1).upper(), m.group(2).strip("\"'")
            line, col = collector.position(m.start(2) + (1 if m.group(2)[:1] in "\"'" else 0))
            is_path = value.startswith((".", "/", "~")) or "\\" in value or value.lower().endswith(
                (".gguf", ".ggml", ".bin", ".safetensors"))
            hint: Hint = "path" if (is_path or keyword == "ADAPTER") else "ollama"
            source_id = "modelfile-adapter" if keyword == "ADAPTER" else "modelfile-from"
            if is_path and classify(value, "path") is None:
                # a directory of safetensors weights: FROM /models/Llama-3.2-1B-Instruct
                from modelmap.discover.identify import Match

                collector.add(value, line, col, Match("model-file", None, 0.7), api="ollama", source_id=source_id)
                continue
            collector.model(value, line, col, hint=hint, api="ollama", source_id=source_id)
        return collector.findings
