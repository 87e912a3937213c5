"""Red-team probes of brief redteam17: the paths sessions 16-17 add. Gzip'd vocabularies (artifacts/serialized.py's
``_gzip_tokenizer``, b0b9178: a payload the tokenizer reader sniffs is inflated again up to max_text_bytes and parsed),
a tokenizer_config.json read alone (7f2f171), bash argument arrays read as command arguments and Megatron checkpoint
flags (discover/shell.py, 1ffd001 / f35aeb1), case-clause label spellings (discover/polyglot.py, 6f7d832), JS/TS
objects whose name repeats the id (1e154d0) and a voice app's engine keys (9e66cbe).

Imported by tests/redteam/probes.py after probes_session15, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the terminal, every
file a finding or a skip). Stdlib only at import time.
"""

from __future__ import annotations

import gzip
import json
import struct
import zlib

from tests.redteam.probes import OK_OR_USAGE, probe, scan_probe, write
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Ctx

ESC = "\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]"
_BOUNDED = (cpu_below(20.0), rss_below(500))


def _inspect(id: str, cls: str, build: object, target: str = ".", **kw: object) -> None:
    probe(id, cls, build, ("inspect", target, "-f", "json"), OK_OR_USAGE, fmt="json", **kw)  # type: ignore[arg-type]


def _gz_member(chunks: list[bytes] | bytes, name: bytes = b"", comment: bytes = b"") -> bytes:
    """One gzip member of these bytes (a list is compressed piece by piece, never joined), with FNAME / FCOMMENT."""
    flg = (0x08 if name else 0) | (0x10 if comment else 0)
    head = b"\x1f\x8b\x08" + bytes([flg]) + b"\0\0\0\0\x02\xff"
    head += (name + b"\0" if name else b"") + (comment + b"\0" if comment else b"")
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc, size, body = 0, 0, []
    for piece in ([chunks] if isinstance(chunks, bytes) else chunks):
        crc, size = zlib.crc32(piece, crc), size + len(piece)
        body.append(comp.compress(piece))
    body.append(comp.flush())
    return head + b"".join(body) + struct.pack("<II", crc, size & 0xFFFFFFFF)


def _tiktoken_lines(start: int, count: int) -> bytes:
    return b"".join(b"dA== %d\n" % i for i in range(start, start + count))


# (a) gzip'd vocabularies (b0b9178): bombs of tiktoken lines, many members, cut / huge tokenizer.json, binary tails
def _gzip_bombs(ctx: Ctx) -> None:
    # 600 MB of one tiktoken line inflated from ~0.6 MB: read only up to the text cap
    block = b"IQ== 0\n" * (1 << 17)
    write(ctx.work / "a/cl100k_base.tiktoken.gz", _gz_member([block] * 680))
    # 2M distinct tiktoken lines (31 MB inflated)
    write(ctx.work / "b/o200k_base.tiktoken.gz", _gz_member([_tiktoken_lines(s, 200_000)
                                                            for s in range(0, 2_000_000, 200_000)]))
    # 20,000 concatenated members, each a few tiktoken lines; then a member of binary noise
    members = b"".join(_gz_member(_tiktoken_lines(i * 4, 4)) for i in range(20_000))
    write(ctx.work / "c/p50k_base.tiktoken.gz", members + _gz_member(bytes(range(256)) * 4_000))
    # a vocabulary first KB, then 30 MB of bytes that are no text (NULs and 0xff)
    write(ctx.work / "d/r50k_base.tiktoken.gz", _gz_member([_tiktoken_lines(0, 100)] + [b"\xff\x00\xfe" * 350_000] * 30))
    # a tokenizer.json cut short after 300,000 vocab entries (its deflate stream cut too)
    vocab = [b'{"version": "1.0", "added_tokens": [], "model": {"type": "BPE", "vocab": {']
    vocab += [", ".join(f'"t{i}": {i}' for i in range(s, s + 100_000)).encode() + b", " for s in range(0, 300_000, 100_000)]
    write(ctx.work / "e/tokenizer.json.gz", _gz_member([*vocab, b'"x'])[:-8])  # deflate stream cut too


_inspect("s17-gzip-vocabulary-bombs-and-members", "big-header", _gzip_bombs, checks=_BOUNDED)


def _gzip_added_1m(ctx: Ctx) -> None:
    added = [b'{"version": "1.0", "added_tokens": [']
    added += [b"".join(b'{"id": %d, "content": "<|t%d|>", "special": true}, ' % (i, i)
                       for i in range(s, s + 100_000)) for s in range(0, 1_000_000, 100_000)]
    added += [b'{"id": 0, "content": "x"}], "model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}}']
    write(ctx.work / "f/tokenizer.json.gz", _gz_member(added))


# the ranking normalised the million specials again for each catalogue entry (39 s CPU; fixed, 5 s); the parse of a
# tokenizer.json of a million added-token objects peaked at 495-508 MB gzip'd and ~600 MB uncompressed, under
# max_json_containers: now refused (skipped) by max_json_memory before json.loads (session 18: 168 MB, 2.5 s)
_inspect("s17-gzip-tokenizer-json-1m-added-tokens", "big-header", _gzip_added_1m, checks=_BOUNDED)


def _gzip_more(ctx: Ctx) -> None:
    # deep JSON: 100,000 nested arrays under "{"; a sentencepiece-looking head then noise
    write(ctx.work / "g/tokenizer.json.gz", _gz_member([b'{"model": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"]))
    write(ctx.work / "h/tokenizer.model.gz", _gz_member([b"\x0a\x05\x0a\x01a\x15" + b"\x0a\xff\xff\xff\x0f" * 200_000]))


_inspect("s17-gzip-deep-and-sentencepiece-payloads", "deep-nesting", _gzip_more, checks=_BOUNDED)


def _gzip_hostile_headers(ctx: Ctx) -> None:
    lines = _tiktoken_lines(0, 1_000)
    write(ctx.work / "a/cl100k_base.tiktoken.gz", _gz_member(lines, name=ESC.encode(), comment=ESC.encode() * 20))
    write(ctx.work / "b/x.tiktoken.gz", _gz_member(lines, name=b"\x1b[31m" * 200))  # an FNAME of 1,000 bytes
    write(ctx.work / "c/y.tiktoken.gz", _gz_member(lines, comment=b"\x1b" * 5_000))  # FCOMMENT past the name cap
    # a vocabulary whose tokens decode to terminal escapes; a tokenizer.json whose added tokens are escapes
    esc_b64 = __import__("base64").b64encode(ESC.encode()).decode()
    write(ctx.work / "d/z.tiktoken.gz", _gz_member("".join(f"{esc_b64} {i}\n" for i in range(50)).encode()))
    tj = {"version": "1.0", "added_tokens": [{"id": i, "content": f"{ESC}<|{i}|>", "special": True} for i in range(200)],
          "model": {"type": "BPE", "vocab": {ESC: 0, "a": 1}, "merges": []}}
    write(ctx.work / "e/tokenizer.json.gz", gzip.compress(json.dumps(tj).encode()))
    write(ctx.work / "f/v.tiktoken.gz", gzip.compress(lines)[:-12])  # cut inside the stream


_inspect("s17-gzip-vocabulary-hostile-headers", "terminal-escape", _gzip_hostile_headers, checks=_BOUNDED)


# (b) a tokenizer_config.json alone (7f2f171): 4M additional special tokens, 1M added_tokens_decoder, deep, escapes
def _config_alone(ctx: Ctx) -> None:
    with open(ctx.work / "a_tokenizer_config.json", "w", encoding="utf-8") as fh:
        fh.write('{"tokenizer_class": "PreTrainedTokenizerFast", "additional_special_tokens": [')
        for s in range(0, 4_000_000, 200_000):
            fh.write("".join(f'"<|r{i}|>", ' for i in range(s, s + 200_000)))
        fh.write('"<|image|>"]}')


_inspect("s17-tokenizer-config-alone-4m-specials", "big-header", lambda ctx: (
    _config_alone(ctx), (ctx.work / "a_tokenizer_config.json").rename(ctx.work / "tokenizer_config.json")),
    "tokenizer_config.json", checks=_BOUNDED)


def _config_decoder_1m(ctx: Ctx) -> None:
    dec = ", ".join(f'"{i}": {{"content": "<|reserved_special_token_{i}|>", "special": true}}'
                    for i in range(1_000_000))
    write(ctx.work / "tokenizer_config.json", '{"added_tokens_decoder": {' + dec + '}, "bos_token": "<|begin_of_text|>"}')


# 1M added_tokens_decoder objects (77 MB, under max_json_containers) parsed to a 595-608 MB peak: each small object
# costs ~300-500 bytes parsed; now refused (skipped) by max_json_memory before json.loads (session 18: 126 MB)
_inspect("s17-tokenizer-config-alone-1m-added-tokens-decoder", "big-header", _config_decoder_1m,
         "tokenizer_config.json", checks=_BOUNDED)


def _config_shapes(ctx: Ctx) -> None:
    write(ctx.work / "b/tokenizer_config.json", '{"added_tokens_decoder": ' + "{\"a\": " * 100_000 + "1" + "}" * 100_000 + "}")
    write(ctx.work / "c/tokenizer_config.json", json.dumps({
        "added_tokens_decoder": {str(i): {"content": f"{ESC}<|image|>{i}", "special": True} for i in range(300)},
        "bos_token": ESC, "eos_token": {"content": ESC}, "chat_template": ESC * 1_000, "model_max_length": ESC}))
    write(ctx.work / "d/tokenizer_config.json", '{"additional_special_tokens": [' + "[" * 200_000)  # cut, deep
    write(ctx.work / "e/tokenizer_config.json", '{"added_tokens_decoder": {"0": {"content": "'
          + "<|image|>" * 400_000 + '"}}}')  # one 3.6 MB token


_inspect("s17-tokenizer-config-alone-shapes", "big-header", _config_shapes, checks=_BOUNDED)
_inspect("s17-tokenizer-config-alone-escapes", "terminal-escape", lambda ctx: write(ctx.work / "tokenizer_config.json", json.dumps({
    "added_tokens_decoder": {str(i): {"content": f"{ESC}<|start_header_id|>{i}", "special": True} for i in range(300)},
    "additional_special_tokens": ["<|image|>", ESC, "\u202e\u200b<|eot_id|>"]})), "tokenizer_config.json",
    checks=_BOUNDED)


# (c) discover/shell.py: bash argument arrays read as command arguments, Megatron checkpoint flags (1ffd001, f35aeb1)
def _shell_arrays() -> dict[str, str]:
    tail = 'python train.py "${CKPT_ARGS[@]}"\n'
    return {
        # 100,000 elements on one line; 100,000 lines of flags (past the 200-line open-array limit)
        "a/run.sh": "CKPT_ARGS=(" + " ".join(f"--load /root/zq-{i}_torch_dist" for i in range(100_000)) + ")\n"
                    + "CKPT_ARGS2=(--hf-checkpoint /root/Qwen3-8B/)\n" + tail,
        "b/run.sh": "CKPT_ARGS=(\n  --hf-checkpoint /root/Qwen3-8B/\n" + "  --load /root/x_torch_dist\n" * 100_000
                    + ")\n" + tail,
        # never closed; nested $( ) in the array, 5,000 deep; a backslash continuation on every line inside
        "c/run.sh": "CKPT_ARGS=(\n  --hf-checkpoint /root/Qwen3-8B/\n" + "  --save $(dirname $(x))/run_slime\n" * 50_000,
        "d/run.sh": "CKPT_ARGS=(\n  --hf-checkpoint /root/Qwen3-8B/\n  --load " + "$(" * 5_000 + "x" + ")" * 5_000
                    + "/DeepSeek-R1_torch_dist\n)\n" + tail,
        "e/run.sh": "CKPT_ARGS=(\n  --hf-checkpoint /root/Qwen3-8B/ \\\n" + "  --x y \\\n" * 50_000 + ")\n" + tail,
        # a checkpoint folder whose last part is 500 KB of _-separated pieces; 50,000 pieces each a model-ish name
        "f/run.sh": "MODEL_ARGS=(\n  --hf-checkpoint /root/Qwen3-8B/\n  --load ${BASE_DIR}/" + "DeepSeek_" * 60_000
                    + "torch_dist\n  --save /root/" + "_".join(f"Kimi-K2-{i}" for i in range(50_000)) + "\n)\n" + tail,
        # a flag with an escape-sequence folder; an array of 100,000 quoted items with $( ) each
        "g/run.sh": f"CKPT_ARGS=(\n  --hf-checkpoint /root/Qwen3-8B/\n  --load /root/{ESC}GLM-5_slime\n)\n" + tail,
        "h/run.sh": "ARGS=(" + " ".join(f'"--model-name $(echo zq-{i})"' for i in range(100_000)) + ")\n"
                    + "vllm serve Qwen/Qwen2.5-7B-Instruct\n",
    }


scan_probe("s17-shell-argument-arrays", "huge-line", _shell_arrays,
           accounted=[f"{c}/run.sh" for c in "abcdefgh"], checks=_BOUNDED)


# (d) discover/polyglot.py: case-clause label spellings (6f7d832) with 50,000 labels
def _case_clauses() -> dict[str, str]:
    labels = ", ".join(f'"kimi-k2-{i}"' for i in range(50_000))
    clauses = "".join(f'\tcase "zq-{i}-x", "kimi-k2.{i}":\n\t\treturn "kimi-k2"\n' for i in range(20_000))
    return {
        "a/norm.go": 'package main\n\nfunc norm(m string) string {\n\tswitch m {\n\tcase "kimi-k2", ' + labels
                     + ':\n\t\treturn "kimi-k2"\n\t}\n\treturn m\n}\n',
        "b/norm.go": 'package main\n\nfunc norm(m string) string {\n\tswitch m {\n' + clauses + '\t}\n\treturn m\n}\n',
        "c/norm.ts": "export function norm(m: string): string {\n  switch (m) {\n"
                     + "".join(f"    case 'kimi-k2-{i}':\n" for i in range(50_000))
                     + "    case 'kimi-k2':\n      return 'kimi-k2';\n  }\n  return m;\n}\n",
        "d/Norm.kt": "fun norm(m: String): String = when (m) {\n    \"kimi-k2\", " + labels + " -> \"kimi-k2\"\n"
                     + "    else -> m\n}\n",
        "e/norm.rs": "fn norm(m: &str) -> &str {\n    match m {\n        \"kimi-k2\" | "
                     + " | ".join(f'"kimi-k2-{i}"' for i in range(50_000)) + ' => "kimi-k2",\n        _ => m,\n    }\n}\n',
        "f/Norm.java": "class Norm {\n  static String norm(String m) {\n    switch (m) {\n"
                       + "".join(f'      case "kimi-k2-{i}":\n' for i in range(50_000))
                       + '      case "kimi-k2": return "kimi-k2";\n    }\n    return m;\n  }\n}\n',
        "g/norm.go": 'package main\n\nfunc norm(m string) string {\n\tswitch m {\n\tcase "kimi-k2", "' + ESC
                     + 'kimi-k2.5":\n\t\treturn "kimi-k2"\n\t}\n\treturn m\n}\n',
    }


# one scan per three files: each file is held to its own 2 s budget, and four files of 10,000 findings each (the
# per-file cap) cost more than the whole-run CPU check allows on a loaded 2-core machine
_CC_A = ("a/norm.go", "b/norm.go", "c/norm.ts")
_CC_B = ("d/Norm.kt", "e/norm.rs", "f/Norm.java", "g/norm.go")
scan_probe("s17-case-clause-50k-labels-go-ts", "quadratic-position",
           lambda: {k: v for k, v in _case_clauses().items() if k in _CC_A}, accounted=_CC_A, checks=_BOUNDED)
scan_probe("s17-case-clause-50k-labels-kt-rs-java", "quadratic-position",
           lambda: {k: v for k, v in _case_clauses().items() if k in _CC_B}, accounted=_CC_B, checks=_BOUNDED)


# (e) JS/TS objects whose name repeats the id (1e154d0), many entries; voice-app engine keys (9e66cbe), 100k keys
def _js_and_voice() -> dict[str, str]:
    return {
        "a/models.ts": "export const MODELS = [\n"
                       + "".join(f"  {{ id: 'glm-4.{i}', name: 'GLM-4.{i}' }},\n" for i in range(50_000)) + "];\n",
        "b/models.js": "module.exports = [" + ",".join(f"{{id:'zq-{i}',name:'ZQ-{i}'}}" for i in range(100_000))
                       + "];\n" + "const c = { model: 'gpt-4o' };\n",
        "c/models.ts": "export const M = { id: 'glm-4.7', name: '" + "GLM-4.7" * 200_000 + "' };\n",
        "d/models.ts": f"export const M = [{{ id: 'glm-4.7', name: '{ESC}GLM-4.7' }}, {{ id: '{ESC}', name: '{ESC}' }}];\n",
        # one object of 50,000 pairs: its id, then the name key again and again (each name looked for the id)
        "h/models.ts": "export const M = { " + "".join(f"name: 'GLM-4.{i}', " for i in range(50_000))
                       + "id: 'glm-4.7', name: 'GLM-4.7' };\n",
        "e/conf.yaml": "tts:\n" + "".join(f"  engine_{i}_tts: edge_tts\n" for i in range(100_000))
                       + "llm:\n  model: gpt-4o-mini\n",
        "f/conf.yaml": "".join(f"asr_model_{i}: sherpa_onnx_asr\ntts_model_{i}: cosyvoice2_tts\n" for i in range(50_000))
                       + "model_dir: models/whisper\n",
        "g/conf.yaml": "character_config:\n  tts_config:\n    tts_model: " + "edge_tts_" * 100_000 + "tts\n"
                       + "  llm: {model: gpt-4o-mini}\n",
    }


scan_probe("s17-js-name-ids-and-voice-engine-keys", "quadratic-position", _js_and_voice,
           accounted=["a/models.ts", "b/models.js", "c/models.ts", "d/models.ts", "e/conf.yaml", "f/conf.yaml",
                      "g/conf.yaml", "h/models.ts"], checks=_BOUNDED)
