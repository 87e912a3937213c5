"""Red-team probes of brief redteam15: the paths sessions 14-15 add. The Bicep source (tree-sitter-bicep), the Windows
batch / PowerShell reader of discover/shell.py, the Python AST-size bound's tree-sitter fallback, the ggml and
CTranslate2 headers, zipped safetensors (cut, overlapping, lying sizes), TOML / dotenv files kept as YAML literal
blocks (config_files.embedded_config), vocabularies cut short (inspect17: closed at one of their last commas) and the
knowledge resolver on hostile and many identifiers (``modelmap trace``'s batch of ids, the scan's resolution).

Imported by tests/redteam/probes.py after probes_session14, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the terminal, FIFOs
/ symlinks left as they were, every file a finding or a skip). Stdlib only at import time.
"""

from __future__ import annotations

import json
import struct
import zipfile
import zlib

from tests.redteam.probes import OK_OR_USAGE, files, probe, scan_probe, write
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Ctx

ESC = "\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]"
_BOUNDED = (cpu_below(20.0), rss_below(500))


def _inspect(id: str, cls: str, build: object, target: str = ".", **kw: object) -> None:
    probe(id, cls, build, ("inspect", target, "-f", "json"), OK_OR_USAGE, fmt="json", **kw)  # type: ignore[arg-type]


# (a) Azure Bicep (.bicep / .bicepparam, tree-sitter-bicep, 80bd068): deep nesting, huge params files, odd encodings
_BICEP_MODEL = "param chatModelName string = 'gpt-4o-mini'\n"


def _bicep_shapes() -> dict[str, str | bytes]:
    return {
        # 20,000 nested objects, 50,000 nested arrays, 5,000 nested ternaries, 3,000 nested string interpolations
        "a/main.bicep": _BICEP_MODEL + "var x = " + "{\n a: " * 20_000 + "'gpt-4o'" + "\n}" * 20_000 + "\n",
        "b/main.bicep": _BICEP_MODEL + "var y = " + "[\n" * 50_000 + "'gpt-4o'" + "\n]" * 50_000 + "\n",
        "c/main.bicep": _BICEP_MODEL + "var z = " + "c ? 'gpt-4o' : (" * 5_000 + "'x'" + ")" * 5_000 + "\n",
        "d/main.bicep": _BICEP_MODEL + "var s = '" + "${'" * 3_000 + "gpt-4o" + "'}" * 3_000 + "'\n",
        # 40,000 params, each with a decorator list of model names; a .bicepparam of 150,000 params
        "e/main.bicep": _BICEP_MODEL + "".join(f"@allowed([\n  'zq-{i}-x'\n  'gpt-4o'\n])\nparam m{i} string = 'zq-{i}-x'\n"
                                               for i in range(40_000)),
        "f/main.bicepparam": "using 'main.bicep'\n" + "".join(f"param modelName{i} = 'zq-{i}-chat'\n"
                                                                for i in range(150_000)) + "param model = 'gpt-4o'\n",
        # a 1 MB string literal, an unterminated multi-line string, 200,000 unclosed braces
        "g/main.bicep": _BICEP_MODEL + "var big = '" + "gpt-4o " * 150_000 + "'\n",
        "h/main.bicep": _BICEP_MODEL + "var ml = '''\n" + "model: gpt-4o\n" * 100_000,
        "i/main.bicep": _BICEP_MODEL + "resource r 'x@1' = " + "{" * 200_000 + "\n",
    }


scan_probe("s15-bicep-deep-and-huge", "deep-nesting", _bicep_shapes,
           accounted=[f"{c}/main.bicep" for c in "abcdeghi"] + ["f/main.bicepparam"], checks=_BOUNDED)


def _bicep_encodings() -> dict[str, str | bytes]:
    body = _BICEP_MODEL + "var m = 'Phi-4-mini-instruct'\n"
    return {
        "a/main.bicep": b"\xff\xfe" + body.encode("utf-16-le"),
        "b/main.bicep": body.encode("utf-32"),
        "c/main.bicep": body.encode() + b"var bad = '\xc0\xaf\xed\xa0\x80\xff'\n" * 1_000,
        "d/main.bicep": body.encode() + b"\x00" * 200_000,
        "e/main.bicep": "\ufeff" + body + f"// {ESC}\nvar t = '{ESC}gpt-4o'\n",
        "f/main.bicepparam": ("using 'main.bicep'\nparam model = '" + "\u202e\u200b" * 50_000 + "gpt-4o'\n"),
        "g/main.bicep": body.replace("\n", "\r") * 20_000,
    }


scan_probe("s15-bicep-encodings", "encoding", _bicep_encodings,
           accounted=["a/main.bicep", "b/main.bicep", "c/main.bicep", "d/main.bicep", "e/main.bicep",
                      "f/main.bicepparam", "g/main.bicep"], checks=_BOUNDED)


# (b) Windows scripts (discover/shell.py, 1108487 / 5c22f2e): continuations, here-strings, huge lines, nested blocks
def _batch_shapes() -> dict[str, str]:
    return {
        "a/run.bat": "@echo off\npython serve.py ^\n" + "  --x y ^\n" * 100_000 + "  --model gpt-4o\n",
        "b/run.bat": "set MODEL=" + "a" * 1_000_000 + "\nset CHAT_MODEL=gpt-4o-mini\n",
        "c/run.cmd": "(" * 100_000 + "set MODEL=gpt-4o" + ")" * 100_000 + "\n",
        "d/run.bat": "".join(f"set M{i}=zq-{i}-x& " for i in range(60_000)) + "set MODEL=gpt-4o\n",
        "e/run.bat": "".join(f'if "%A%"=="{i}" (set MODEL{i}=zq-{i}-x) else (setx OPENAI_MODEL "gpt-4o")\n'
                             for i in range(60_000)),
        "f/run.bat": "set" + " " * 500_000 + "\n" + ("set " * 200_000) + "\nset MODEL=gpt-4o\n",
        "g/run.cmd": "^\n" * 200_000 + "set MODEL=gpt-4o\n",
        "h/run.bat": "rem " + ESC + "\nset MODEL=" + ESC + "gpt-4o\n" + "::" + "^" * 300_000 + "\n",
    }


scan_probe("s15-batch-shapes", "huge-line", _batch_shapes,
           accounted=[f"{c}/run.bat" for c in "abdefh"] + ["c/run.cmd", "g/run.cmd"], checks=_BOUNDED)


def _powershell_shapes() -> dict[str, str]:
    return {
        # a here-string never closed, 200,000 lines of assignments inside it; a block comment never closed
        "a/run.ps1": '$text = @"\n' + '$model = "zq-1-x"\n' * 200_000,
        "b/run.ps1": "<#\n" + '$env:OPENAI_MODEL = "gpt-4o"\n' * 200_000,
        # 100,000 backtick continuations, one hashtable of 60,000 entries on a line, one array of 2,000-char items
        "c/run.ps1": "python -m vllm.entrypoints.openai.api_server `\n" + "    --x y `\n" * 100_000 + "  --model gpt-4o\n",
        "d/run.ps1": "$body = @{ " + "; ".join(f'm{i} = "zq-{i}-x"' for i in range(60_000)) + ' }\n',
        "e/run.ps1": "".join('$models = @("' + "a" * 1_990 + '") ' for _ in range(400)) + "\n"
                     + '$models = @(' + ", ".join(f'"zq-{i}-x"' for i in range(50_000)) + ")\n",
        # dotted names at the regex's limits, a `$` every other character, an `=` every other character
        "f/run.psm1": "".join("$" + ".".join(["a" * 100] * 12) + ' = "gpt-4o"\n' for _ in range(20_000))
                      + "$" * 500_000 + "\n" + "=" * 500_000 + "\n",
        "g/run.ps1": "$env:OPENAI_MODEL = '" + ESC + "gpt-4o'\n" + "azd env set AZURE_OPENAI_MODEL " + ESC + "\n",
        "h/run.ps1": "".join(f"azd env set M{i} zq-{i}-x; " for i in range(50_000)) + "\n",
    }


scan_probe("s15-powershell-shapes", "huge-line", _powershell_shapes,
           accounted=[f"{c}/run.ps1" for c in "abcdegh"] + ["f/run.psm1"], checks=_BOUNDED)


# (c) Python over python_size.MAX_AST_ESTIMATE (the tree-sitter fallback): the deepest shapes at the size limit
_MODEL_TAIL = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n'
scan_probe("s15-py-fallback-deep-nesting", "deep-nesting", lambda: {
    "a.py": "x = " + "[" * 1_000_000 + "]" * 1_000_000 + "\n" + _MODEL_TAIL,
    "b.py": "x = " + "(" * 600_000 + "'gpt-4o'" + ")" * 600_000 + "\n" + _MODEL_TAIL,
    "c.py": "x = " + "{'model': " * 300_000 + "'gpt-4o'" + "}" * 300_000 + "\n" + _MODEL_TAIL,
    "d.py": "".join(" " * i + "if a:\n" for i in range(2_800)) + "a\n" * 1_000_000 + _MODEL_TAIL,
    "e.py": "x = " + "-" * 1_900_000 + "a\n" + _MODEL_TAIL,
    "f.py": "x = " + "lambda: " * 400_000 + "'gpt-4o'\n" + _MODEL_TAIL},
    accounted=["a.py", "b.py", "c.py", "d.py", "e.py", "f.py"], checks=(cpu_below(25.0), rss_below(500)))


# (d) legacy ggml (whisper.cpp) and CTranslate2 headers (7d40e15, 354d676): forged sizes, truncation, huge vocabularies
def _whisper_head(n_vocab: int = 51_864, n_mel: int = 80, n_fft: int = 201, ftype: int = 1) -> bytes:
    hp = (n_vocab, 1500, 384, 6, 4, 448, 384, 6, 4, n_mel, ftype)
    return b"lmgg" + struct.pack("<11i", *hp) + struct.pack("<2i", n_mel, n_fft) + b"\0" * (4 * n_mel * n_fft)


def _ggml_vocab(count: int, token: bytes | None, n_vocab: int = 1 << 20) -> bytes:
    head = _whisper_head(n_vocab)
    if token is None:  # each token distinct, 26 bytes
        body = b"".join(struct.pack("<i", 26) + f"t{i:025d}".encode() for i in range(count))
    else:
        body = (struct.pack("<i", len(token)) + token) * count
    return head + struct.pack("<i", count) + body


def _ggml_big(ctx: Ctx) -> None:
    write(ctx.work / "a/ggml-base.bin", _ggml_vocab(1_000_000, None))  # 30 MB: under MAX_VOCAB_BYTES, 1M tokens
    write(ctx.work / "b/ggml-base.bin", _ggml_vocab(1_000_000, b"<|" + b"s" * 22 + b"|>"))  # 1M specials, one text
    with open(ctx.work / "c.bin", "wb") as fh:  # 1M distinct specials
        fh.write(_whisper_head(1 << 20) + struct.pack("<i", 1_000_000))
        for start in range(0, 1_000_000, 100_000):
            fh.write(b"".join(struct.pack("<i", 26) + f"<|{i:022d}|>".encode() for i in range(start, start + 100_000)))
    write(ctx.work / "d/ggml-base.bin", _ggml_vocab(1_000_000, b""))  # 1M empty tokens: 4 MB


_inspect("s15-ggml-whisper-1m-token-vocabularies", "big-header", _ggml_big, checks=_BOUNDED)


def _ggml_forged() -> dict[str, bytes]:
    return {
        "a.bin": _whisper_head()[:200],  # cut inside the filter bank
        "b.bin": _whisper_head() + struct.pack("<i", 51_864),  # count, then nothing
        "c.bin": _whisper_head() + struct.pack("<i", 3) + struct.pack("<i", 1 << 30) + b"x" * 100,  # a 1 GB token
        "d.bin": _whisper_head() + struct.pack("<i", 3) + struct.pack("<i", -5),  # a negative length
        "e.bin": _whisper_head() + struct.pack("<i", -1),  # a negative count
        "f.bin": _whisper_head(n_mel=512, n_fft=4096)[:5_000],  # an 8 MB filter bank claimed, 5 KB given
        "g.bin": b"lmgg" + struct.pack("<I", 64) + ESC.encode()[:64],  # a model-type string of escapes
        "h.bin": b"lmgg" + struct.pack("<I", 0xFFFFFFFF) + b"silero",  # a 4 GB model-type string
        "i.bin": b"lmgg" + struct.pack("<11i", *([1 << 20] * 10 + [0])) + struct.pack("<2i", 512, 4096),
        "j.bin": _whisper_head() + struct.pack("<i", 60_000) + (struct.pack("<i", 1024) + b"\xff" * 1024) * 40_000,
    }


_inspect("s15-ggml-forged-headers", "artifact-parse", files(_ggml_forged), checks=_BOUNDED)


def _ct2(version: int, name: bytes, revision: int = 3, count: int = 10, tail: bytes = b"") -> bytes:
    return struct.pack("<IH", version, len(name) + 1) + name + b"\0" + struct.pack("<II", revision, count) + tail


_inspect("s15-ctranslate2-forged-headers", "artifact-parse", files(lambda: {
    "a/model.bin": _ct2(6, b"WhisperSpec", 0xFFFFFFFF, 0xFFFFFFFF),
    "b/model.bin": _ct2(6, b"W" * 123 + b"Spec"),
    "c/model.bin": _ct2(6, b"WhisperSpec")[:12],
    "d/model.bin": _ct2(6, ESC.encode("utf-8", "replace")[:40] + b"Spec"),
    "e/model.bin": _ct2(6, b"TransformerSpec", tail=b"\xff" * 50_000_000),
    "f/model.bin": struct.pack("<IH", 6, 0xFFFF) + b"WhisperSpec\0" * 6_000,
    "g/model.bin": _ct2(1 << 31, b"WhisperSpec")}), checks=_BOUNDED)


# (e) zipped safetensors (inspect16 / 070e121): a zip cut before its central directory holding a 200 MB header of
# spaces (the cut reader inflated it into a bytearray), overlapping members, lying sizes, 60,000 members
_ST_HEAD = b'{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'


def _deflated_header(spaces: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [comp.compress((len(_ST_HEAD) + spaces).to_bytes(8, "little") + _ST_HEAD)]
    block = b" " * (1 << 20)
    for _ in range(spaces >> 20):
        out.append(comp.compress(block))
    out.append(comp.compress(b"\0" * 4))
    out.append(comp.flush())
    return b"".join(out)


def _local_header(name: bytes, data: bytes, method: int = 8, usize: int = 0) -> bytes:
    return (b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", 20, 0, method, 0, 0, 0, len(data), usize, len(name), 0)
            + name + data)


def _zip_cut_bomb(ctx: Ctx) -> None:
    data = _deflated_header(200 << 20)
    write(ctx.work / "model.zip", _local_header(b"m/model.safetensors", data, usize=(200 << 20) + 100)[:-10])


_inspect("s15-zip-cut-safetensors-200mb-header-bomb", "big-header", _zip_cut_bomb, "model.zip", checks=_BOUNDED)


def _zip_shapes(ctx: Ctx) -> None:
    # 5,000 central-directory entries all naming the one local header (overlapping members)
    member = _local_header(b"model.safetensors", _deflated_header(1 << 20))
    central = (b"PK\x01\x02" + struct.pack("<HHHHHHIIIHHHHHII", 20, 20, 0, 8, 0, 0, 0, len(member) - 47,
                                            (1 << 20) + 100, 17, 0, 0, 0, 0, 0, 0) + b"model.safetensors") * 5_000
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 5_000, 5_000, len(central), len(member), 0)
    write(ctx.work / "a/model.zip", member + central + end)
    # a member whose central entry says 1 TB uncompressed; a header length past the member's real size
    (ctx.work / "b").mkdir()
    with zipfile.ZipFile(ctx.work / "b/model.zip", "w", zipfile.ZIP_STORED) as z:
        z.writestr("model.safetensors", (1 << 27).to_bytes(8, "little") + _ST_HEAD)
    # 60,000 small members and one safetensors member last
    (ctx.work / "c").mkdir()
    with zipfile.ZipFile(ctx.work / "c/model.zip", "w", zipfile.ZIP_STORED) as z:
        for i in range(60_000):
            z.writestr(f"f/{i}.txt", b"")
        z.writestr("model.safetensors", len(_ST_HEAD).to_bytes(8, "little") + _ST_HEAD + b"\0" * 4)
    # 4,096 cut local headers before the safetensors member (the cut reader's walk limit), then the member
    write(ctx.work / "d/model.zip", _local_header(b"x.txt", b"", 0) * 5_000
          + _local_header(b"model.safetensors", _deflated_header(0))[:-2])


_inspect("s15-zip-overlapping-and-many-members", "artifact-parse", _zip_shapes, checks=_BOUNDED)


# (f) TOML and dotenv files kept as YAML literal blocks (1af3079): deep TOML, long dotted keys, the lenient reader
def _toml_blocks() -> dict[str, str]:
    def block(key: str, body: str) -> str:
        return f"  {key}: |\n" + "".join(f"    {line}\n" for line in body.split("\n"))

    deep_arrays = "models = " + "[" * 30_000 + '"gpt-4o"' + "]" * 30_000
    deep_inline = "llm = " + "{ m = " * 9_000 + '"gpt-4o"' + " }" * 9_000
    dotted = ".".join(["a"] * 30_000) + ' = "gpt-4o"'
    table = "[" + ".".join(["b"] * 30_000) + ']\nmodel = "gpt-4o"'
    dup_deep = 'model = "gpt-4o"\nmodel = "gpt-4o"\n' + "x = " + "[" * 30_000
    many_tables = "".join(f'[t{i}]\nmodel = "zq-{i}-x"\n' for i in range(2_500))
    dotenv = "".join(f"MODEL_{i}=zq-{i}-x\n" for i in range(3_000))
    docs = {
        "a": deep_arrays, "b": deep_inline, "c": dotted, "d": table, "e": dup_deep, "f": many_tables,
        "g": "OPENAI_MODEL=" + "a" * 60_000, "h": f"[llm]\nmodel = \"{ESC}gpt-4o\"", "i": dotenv,
    }
    out = {}
    for c, body in docs.items():
        key = ".env" if c in "gi" else "app.toml"
        out[f"{c}/cm.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n" + block(key, body)
                               + "  model: gpt-4o-mini\n")
    # 40 deep blocks in one file, each under the 64 KB bound
    out["j/cm.yaml"] = "data:\n" + "".join(block(f"c{i}.toml", dotted[:60_000] + ' = "x"') for i in range(40)) \
        + "  model: gpt-4o-mini\n"
    out["k/values.yaml"] = "config: |\n" + "".join(f"  {line}\n" for line in table.split("\n")) + "model: gpt-4o-mini\n"
    return out


scan_probe("s15-yaml-toml-and-dotenv-blocks", "deep-nesting", _toml_blocks,
           accounted=[f"{c}/cm.yaml" for c in "abcdefghij"] + ["k/values.yaml"], checks=_BOUNDED)


# (g) inspect17: vocabularies cut short, closed at one of their last 8 commas (each a parse of the whole file)
def _cut_vocab_json(ctx: Ctx) -> None:
    with open(ctx.work / "vocab.json", "w", encoding="utf-8") as fh:
        fh.write("{")
        for start in range(0, 3_900_000, 100_000):
            fh.write("".join(f'"w{i}": {i}, ' for i in range(start, start + 100_000)))
        fh.write('"' + "x," * 20)  # cut inside a token holding 20 commas: every try parses 80 MB and fails


# a flat vocab.json of 3.9M entries parsed into a dict (1.2 GB peak even uncut) and the cut one up to 8 times (32 s CPU,
# 950-970 MB, killed at 60 s): now refused by max_json_memory before any parse, the cut retries included (mem18: 129 MB)
_inspect("s15-cut-vocab-json-commas-in-last-token", "quadratic-position", _cut_vocab_json, "vocab.json",
         checks=_BOUNDED)


def _cut_tokenizers(ctx: Ctx) -> None:
    vocab = ", ".join(f'"t{i}": {i}' for i in range(200_000))
    tj = '{"version": "1.0", "added_tokens": [], "model": {"type": "BPE", "vocab": {' + vocab
    write(ctx.work / "a/tokenizer.json", tj + ', "' + "x," * 30)
    write(ctx.work / "b/tekken.json", '{"config": {}, "vocab": [' + ", ".join(
        f'{{"rank": {i}, "token_bytes": "dA==", "token_str": "t"}}' for i in range(200_000)) + ', {"rank": 1, "tok')
    write(ctx.work / "c/vocab.json", "{" + '"a": 1, ' * 500_000 + '"b')  # one key 500,000 times, then cut
    write(ctx.work / "d/vocab.json", "{" + "[" * 100_000 + ", " * 10)
    write(ctx.work / "e/cl.tiktoken", "".join(f"dA== {i}\n" for i in range(100_000)) + "dA")
    write(ctx.work / "f/tokenizer.json", tj[: -len(vocab)] + "".join(f'"{ESC}{i}": {i}, ' for i in range(5_000)))


_inspect("s15-cut-vocabularies-shapes", "big-header", _cut_tokenizers, checks=_BOUNDED)


# (h) the knowledge resolver: 100,000 distinct identifiers through `modelmap trace` (each unidentified one got a
# "did you mean" difflib pass over ~14,000 spellings: 20+ minutes; fixed here, hints for the first 32), hostile shapes
def _ids(n: int, shape: str) -> tuple[str, ...]:
    return tuple(shape.format(i=i, x=f"{i:x}") for i in range(n))


probe("s15-trace-100k-distinct-ids", "quadratic-position", files(lambda: {}),
      ("trace", *_ids(100_000, "z{x}"), "-f", "json", "-o", "out.json"), OK_OR_USAGE, fmt="json", output="out.json",
      checks=_BOUNDED)
probe("s15-trace-20k-ids-table", "quadratic-position", files(lambda: {}),
      ("trace", *_ids(20_000, "gpt-4o-{x}"), "-o", "out.txt"), OK_OR_USAGE, checks=_BOUNDED)
probe("s15-trace-20k-ollama-size-tags", "quadratic-position", files(lambda: {}),
      ("trace", *_ids(20_000, "qwen2.5:{i}b"), "-f", "jsonl", "-o", "out.jsonl"), OK_OR_USAGE, checks=_BOUNDED)
_LONG = ("/" * 100_000 + "gpt-4o", ":" * 100_000 + "gpt-4o", "a/" * 50_000 + "gpt-4o", "qwen" + "-7b" * 33_000,
         "org/" + "x" * 100_000, "models/" * 14_000 + "gpt-4o", "ft:" + "gpt-4o:" * 14_000, "hf.co/" + "a:" * 50_000,
         "gpt-4o" + "@" * 100_000, "meta-llama/Llama-3.1-8B-Instruct" + "-GGUF-Q4_K_M" * 8_000,
         "azure/" + "eu/" * 30_000 + "gpt-4o", "openrouter/" * 9_000 + "qwen/qwen-max",
         "bedrock/" + "arn:aws:bedrock:" * 6_000 + "anthropic.claude-3", "ollama/" + "qwen2.5:" * 12_000 + "7b")
probe("s15-trace-100kb-hostile-ids", "regex-backtracking", files(lambda: {}), ("trace", *_LONG, "-f", "json"),
      OK_OR_USAGE, checks=_BOUNDED)
scan_probe("s15-resolve-20k-ollama-size-tags-in-config", "quadratic-position", lambda: {"models.json": json.dumps(
    {"models": [{"model": f"qwen2.5:{i}b"} for i in range(20_000)]})}, accounted=["models.json"], checks=_BOUNDED)
