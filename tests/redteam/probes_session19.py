"""Red-team probes of brief redteam19: the paths sessions 18 and 19 add. Model transports as a serving CLI writes them
(discover/uris.py, 858bdc3: ``hf://org/repo:QUANT``, ``oci://registry/repo:tag``, ``https://ollama.com/library/x:tag``),
TOML model lines and tables held in JS/TS literals (discover/javascript.py ``_EMBEDDED_TOML_LINE``, 397c597), the
``tokenizer_hub`` / ``tokenizer_repo_id`` / ``partial_pretrain`` model keys and a test's stand-in names (identify.py
``_STAND_IN_FILE``, uris.py ``_stand_in``, cea2c81), Helm templates over the YAML parse cap (kubernetes.py, cbf78f4), and
scan20a's pathlib joins of single-file models, Hydra overrides of model keys and model maps keyed by deployed names.

Imported by tests/redteam/probes.py after probes_session18, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the terminal, every
file a finding or a skip). Stdlib only at import time.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.redteam.probes import MB, OK, probe, scan_probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session18 import _no_raw_bidi
from tests.redteam.runner import Ctx, Result

ESC = "\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]"
BIDI = "\u202e\u2066\u200f\u061c"
_BOUNDED = (cpu_below(20.0), rss_below(500))


def _read(spec: Callable[[], dict[str, str]]) -> Callable[[], dict[str, str]]:
    """The files with blank lines appended where needed to keep their lines under the engine's 'generated' average
    (20,000 characters a line over 1 MB): the probe is of the rules reading the huge line, not of that skip."""
    def padded() -> dict[str, str]:
        return {rel: data + "\n" * (len(data) // 10_000 + 1) for rel, data in spec().items()}
    return padded


def _table_scan(id: str, cls: str, spec: dict[str, str], **kw: object) -> None:
    """scan to the terminal (the table), where escapes and bidi controls must arrive escaped."""
    def build(ctx: Ctx) -> None:
        for rel, data in spec.items():
            p = ctx.work / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(data, encoding="utf-8", newline="")
    probe(id, cls, build, ("scan", ".", "--no-color"), OK, **kw)  # type: ignore[arg-type]


def _found(rel: str, needle: str) -> object:
    """A check: the scan's JSON holds a finding in ``rel`` whose raw value contains ``needle`` (the rule still reads
    the ordinary reference after the hostile part of the file: nothing after it is lost)."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        doc = res.json()
        for f in doc.get("findings", []) if isinstance(doc, dict) else []:
            if isinstance(f, dict) and str(f.get("path")) == rel and needle in str(f.get("raw", "")):
                return None
        skipped = [s.get("path") for s in doc.get("skipped", [])] if isinstance(doc, dict) else []
        if rel in skipped:
            return None  # reported as (partly) unread: nothing silently lost
        return f"{rel}: no finding holding {needle!r} and no skip"
    check.__name__ = f"found_{needle}"
    return check


# (a) discover/uris.py transports (858bdc3): a quantisation tag after a Hub repo, an OCI image tag, Ollama library pages
def _uri_transports() -> dict[str, str]:
    return {
        # 100,000 transports on one line of a shell script (a ramalama pull list), ~3 MB
        "a/pull.sh": "ramalama pull " + " ".join(f"hf://ggml-org/M{i}-7B-GGUF:Q{i % 9}_0" for i in range(100_000))
                     + "\nramalama serve hf://ggml-org/SmolVLM-256M-Instruct-GGUF:Q8_0\n",
        # one URI of 900 KB of each kind (a repo name, an image path of 450,000 segments, a library page's tag): under
        # the 1 MiB YAML parse cap, so the parsed value reaches the URI rules (over it, the line reader's do)
        "b/serve.yaml": "model: hf://ggml-org/" + "S" * 900_000 + ":Q8_0\nllm:\n  model: hf://ggml-org/SmolVLM-256M-GGUF:Q8_0\n",
        "c/serve.yaml": "model: oci://quay.io/" + "r/" * 450_000 + "smollm:135m\nllm:\n  model: oci://quay.io/ramalama/smollm:135m\n",
        "d/serve.yaml": "model: https://ollama.com/library/smollm:" + "1" * 900_000
                        + "\nllm:\n  model: https://ollama.com/library/smollm:135m\n",
        "h/serve.yaml": "model: hf://ggml-org/" + "S" * MB + ":Q8_0\nllm:\n  model: hf://ggml-org/SmolVLM-256M-GGUF:Q8_0\n",
        # a tag of 1 MB of colons, a repo of 100,000 '@' revisions, 100,000 ':' in the tag position
        "e/app.py": "MODELS = ['hf://a/b" + ":Q8_0" * 200_000 + "', 'oci://q.io/x/" + "@" * 100_000 + "y:1', "
                    "'https://ollama.com/" + ":" * 100_000 + "']\nmodel = 'hf://ggml-org/SmolVLM-256M-Instruct-GGUF:Q8_0'\n",
        # 50,000 library pages in a Python list literal, 50,000 OCI images in a YAML list
        "f/models.py": "MODELS = [" + ", ".join(f"'https://ollama.com/library/qwen2.5:{i}b'" for i in range(50_000)) + "]\n",
        "g/models.yaml": "models:\n" + "".join(f"  - oci://quay.io/ramalama/qwen2.5-{i}b:latest\n" for i in range(50_000)),
    }


# a file of 10,000 distinct model findings (the per-file cap) costs 3-5 s of CPU to resolve (provenance, ~0.4 ms a
# finding, not under the file's 2 s analysis budget): the huge URIs go in one probe, each long list in its own
_URI_HUGE = ("b/serve.yaml", "c/serve.yaml", "d/serve.yaml", "e/app.py", "h/serve.yaml")
scan_probe("s19-uri-transports-1mb-uris", "huge-line",
           _read(lambda: {k: v for k, v in _uri_transports().items() if k in _URI_HUGE}), accounted=_URI_HUGE,
           checks=(*_BOUNDED, _found("b/serve.yaml", "SmolVLM"), _found("c/serve.yaml", "smollm:135m"),
                   _found("d/serve.yaml", "smollm:135m"), _found("e/app.py", "SmolVLM"),
                   _found("h/serve.yaml", "SmolVLM")), timeout=120.0)
for _rel in ("a/pull.sh", "f/models.py", "g/models.yaml"):
    scan_probe(f"s19-uri-transports-many-{_rel[0]}", "huge-line",
               _read(lambda r=_rel: {r: _uri_transports()[r]}), accounted=[_rel],
               checks=(cpu_below(15.0), rss_below(500)), timeout=180.0)


def _uri_escapes() -> dict[str, str]:
    return {
        "a/serve.sh": f"ramalama serve hf://ggml-org/Smol{ESC}VLM-GGUF:Q8_0{BIDI}\nramalama run oci://q.io/r/smollm:1{ESC}\n",
        "b/config.yaml": f"model: https://ollama.com/library/qwen2.5:7b{BIDI}\nembedder: 'oci://q.io/{ESC}/x:1'\n",
        "c/app.ts": f"const m = {{ model: 'hf://ggml-org/M-GGUF:Q8_0{BIDI}' }};\nconst u = 'https://ollama.com/{ESC}/x:1';\n",
    }


_table_scan("s19-uri-transports-escapes-table", "terminal-escape", _uri_escapes(), checks=(*_BOUNDED, _no_raw_bidi))


# (b) discover/javascript.py (397c597 and after): TOML model lines / tables held in string and template literals
_TOML_LINE = 'model = "gpt-5"\n'


def _js_toml() -> dict[str, str]:
    return {
        # a 1 MB template literal of 60,000 TOML model lines (64 read), the model key on the last line
        "a/cfg.test.ts": "const toml = `\n" + _TOML_LINE * 60_000 + 'model = "gpt-4o"\n`;\n',
        # 100,000 escaped quotes in a double-quoted literal, and a TOML line with escaped quotes after it
        "b/cfg.test.ts": 'const a = "model = ' + '\\"' * 100_000 + '";\nconst b = "model = \\"gpt-4o\\"";\n',
        # lines that nearly match: 80 word characters full of `model`, then no `=` (backtracking of the key's parts)
        "c/cfg.test.js": "const t = `\n" + ("model" * 16 + "\n") * 12_000 + "`;\nconst m = { model: 'gpt-4o' };\n",
        # a TOML value of 1 MB and a comment of 1 MB after a value; 100,000 `\n` escapes on one line
        "d/cfg.test.ts": "const t = `model = \"" + "g" * MB + "\"`;\nconst u = `model = \"gpt-4o\" #" + "#" * MB
                         + "`;\nconst v = \"" + "model = 'gpt-4o'\\n" * 100_000 + "\";\n",
        # 50,000 template literals, each a config with a substitution (`${base}`) and a TOML table per model
        "e/cfg.test.ts": "".join(f"const c{i} = `${{base}}\\n[model.\"gpt-{i}\"]\\nmodel = \"qwen2.5:{i}b\"\\n`;\n"
                                 for i in range(50_000)),
        # a TOML table header with 100,000 dotted parts, and one with a 1 MB quoted key
        "f/cfg.test.ts": "const t = `[models.\"gpt-4o\"" + ".a" * 100_000 + "]\n[[models.\"" + "q" * MB + "\"]]\n`;\n"
                         "const m = { model: 'gpt-4o' };\n",
        # Claude Code's context-window tag after a model id (052e1dd): a value ending in 200,000 tags, one ending in
        # 1 MB of spaces, one of 100,000 near-tags; the ordinary tagged id after them
        "g/settings.ts": "const a = { model: 'claude-sonnet-4-5" + "[1m]" * 200_000 + "' };\nconst b = { model: 'gpt-4o"
                         + " " * MB + "' };\nconst c = { model: 'x" + "[12345k] " * 100_000
                         + "' };\nconst d = { model: 'deepseek-v4-pro [1M]' };\n",
    }


_JS_FILES = ("a/cfg.test.ts", "b/cfg.test.ts", "c/cfg.test.js", "d/cfg.test.ts", "e/cfg.test.ts", "f/cfg.test.ts",
             "g/settings.ts")
scan_probe("s19-js-embedded-toml-huge-literals", "huge-line", _read(_js_toml), accounted=_JS_FILES, checks=_BOUNDED)


def _js_toml_nested() -> dict[str, str]:
    # template literals nested in each other's substitutions, each level with a TOML model line: a reader that scans
    # each level's whole text scans the innermost text once per level (quadratic in the depth)
    depth = 2_000
    nested = "const t = " + "".join(f"`model = \"gpt-{i}\"\n${{" for i in range(depth)) + "'x'" + "}`" * depth + ";\n"
    wide = "const t = [" + ", ".join(f"`model = \"gpt-{i}\"\n${{a}}`" for i in range(100_000)) + "];\n"
    return {"a/cfg.test.ts": nested + "const m = { model: 'gpt-4o' };\n", "b/cfg.test.ts": wide}


scan_probe("s19-js-embedded-toml-nested-templates", "quadratic-position", _read(_js_toml_nested),
           accounted=["a/cfg.test.ts", "b/cfg.test.ts"], checks=_BOUNDED)


def _js_toml_escapes() -> dict[str, str]:
    return {
        "a/cfg.test.ts": f"const t = `model = \"gpt-4o{ESC}\"\n[models.\"qwen{BIDI}\"]\n`;\n",
        "b/cfg.test.js": f"const t = \"model = \\\"gpt-4o\\u001b[2J{BIDI}\\\"\";\nconst u = `model = '{ESC}x'`;\n"
                         f"const v = {{ model: 'claude-sonnet-4-5{ESC}[1m]' }};\nconst w = {{ model: 'gpt-4o{BIDI} [1M]' }};\n",
    }


_table_scan("s19-js-embedded-toml-escapes-table", "terminal-escape", _js_toml_escapes(), checks=(*_BOUNDED, _no_raw_bidi))


# (c) identify.py / uris.py (cea2c81): tokenizer_hub / tokenizer_repo_id / partial_pretrain keys, stand-in names
def _stand_ins() -> dict[str, str]:
    return {
        # 100,000 keyword arguments of the new keys, each a Hub repo
        "a/llm.py": "".join(f"LLMConfig(tokenizer_hub='Quivr/tok-{i}', tokenizer_repo_id='org/t{i}')\n"
                            for i in range(50_000)),
        # values of 1 MB under each key; a stand-in file name of 1 MB ('test_' 200,000 times, then model.gguf)
        "b/config.yaml": "tokenizer_hub: Quivr/" + "x" * MB + "\ntokenizer_repo: " + "q/" * 300_000
                         + "\nmodel:\n  partial_pretrain: Qwen/Qwen2.5-0.5B-Instruct\n",
        "c/test_m.py": "path = '" + "test_" * 200_000 + "model.gguf'\nw = '" + "v1_" * 300_000 + "model_copy.gguf'\n"
                       "model = 'Qwen/Qwen2.5-0.5B-Instruct'\n",
        # stand-in words 100,000 long under the Ollama and Hub schemes; 60,000 stand-in URIs on one line
        "d/test_o.py": "a = 'ollama://" + "foo_bar_" * 100_000 + "model'\nb = 'hf://fake/" + "test-" * 100_000 + "model'\n"
                       "c = [" + ", ".join(f"'ollama://dry_run_model{i}'" for i in range(60_000)) + "]\n"
                       "model = 'ollama://qwen2.5:7b'\n",
        # 50,000 weight files named as a test names them, and one 200 words long made only of the adjectives
        "e/test_files.py": "FILES = [" + ", ".join(f"'small_model_v{i % 999}.gguf'" for i in range(50_000)) + "]\n"
                           "P = '" + "_".join(["tiny", "tagged", "sized", "v12", "999"] * 40) + "_model_test.gguf'\n"
                           "model = 'gpt-4o'\n",
    }


scan_probe("s19-stand-ins-and-tokenizer-keys", "huge-line", _read(_stand_ins),
           accounted=["a/llm.py", "b/config.yaml", "c/test_m.py", "d/test_o.py", "e/test_files.py"],
           checks=(*_BOUNDED, _found("b/config.yaml", "Qwen2.5-0.5B"), _found("d/test_o.py", "qwen2.5:7b")))


def _stand_in_escapes() -> dict[str, str]:
    return {
        "a/llm.py": f"LLMConfig(tokenizer_hub='Quivr/tok{ESC}{BIDI}')\nLLMConfig(tokenizer_repo_id='{BIDI}org/t')\n",
        "b/config.yaml": f"model:\n  partial_pretrain: 'Qwen/Q{ESC}'\n  tokenizer_hub: \"org/x\\u202e\\u001b[2J\"\n",
        "c/test_m.py": f"a = 'ollama://foo{ESC}bar'\nb = 'small_model{BIDI}.gguf'\n",
    }


_table_scan("s19-stand-ins-and-tokenizer-keys-escapes-table", "terminal-escape", _stand_in_escapes(),
            checks=(*_BOUNDED, _no_raw_bidi))


# (d) kubernetes.py (cbf78f4): a Helm template over the 1 MiB parse cap goes to the line reader as it is
def _helm_over_cap() -> dict[str, str]:
    chart = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
    return {
        "a/chart/Chart.yaml": chart,
        # 3.75 MB on one line: 250,000 directives, no newline until the end, then a model line
        "a/chart/templates/one.yaml": "x: " + "{{ .Values.m }}" * 250_000 + "\nmodel: Qwen/Qwen2.5-7B-Instruct\n",
        "b/chart/Chart.yaml": chart,
        # 60,000 model lines each made of directives, over the cap (3.4 MB; the findings cap is hit first)
        "b/chart/templates/many.yaml": "".join(f"  model: {{{{ .Values.m{i} | default \"qwen2.5:{i}b\" }}}}\n"
                                               for i in range(60_000)),
        "c/chart/Chart.yaml": chart,
        # just under the cap (1 MiB less 2,000 characters, the blank lines added included): 25,000 directives
        # neutralised, then the stream parsed
        "c/chart/templates/under.yaml": (lambda body: body + " " * (MB - 2_000 - len(body)) + "\n")(
            "apiVersion: v1\nkind: ConfigMap\ndata:\n" + "".join(f"  k{i}: {{{{ .Values.k{i} }}}}\n" for i in range(25_000))
            + "  model: Qwen/Qwen2.5-7B-Instruct\n"),
        "d/chart/Chart.yaml": chart,
        # 1.5 MB of unclosed `{{` and of `{{-` trims with nothing in them; a helmfile over the cap full of escapes
        "d/chart/templates/open.yaml": "model: Qwen/Qwen2.5-7B-Instruct\n" + "{{" * 400_000 + "\n" + "{{- -}}" * 100_000
                                       + "\n",
        "e/helmfile.yaml.gotmpl": "releases:\n" + "".join(f"- name: r{i}\n  values: [{{model: '{ESC}q{i}'}}]\n"
                                                          for i in range(30_000)),
    }


_HELM = ("a/chart/templates/one.yaml", "b/chart/templates/many.yaml", "c/chart/templates/under.yaml",
         "d/chart/templates/open.yaml", "e/helmfile.yaml.gotmpl")
scan_probe("s19-helm-templates-over-and-under-cap", "big-file", _read(_helm_over_cap), accounted=_HELM, checks=_BOUNDED)


# (e) scan20a (34322a0, 1e2d310, c9cfec5): pathlib joins of single-file models, Hydra overrides of model keys, model
# maps keyed by the deployed name
def _scan20a() -> dict[str, str]:
    return {
        # a join chain 20,000 long on one line (a left-deep tree: a parse error) and one 500 long, 50,000 joins one a
        # line, stand-in stems of 120 characters, a 1 MB stem
        "a/paths.py": "from pathlib import Path\nd = Path('.')\np = d" + "".join(f" / 'talker-{i}-Q4_K_M.gguf'"
                                                                           for i in range(20_000))
                      + "\nmodel = 'gpt-4o'\n",
        "g/paths.py": "from pathlib import Path\nd = Path('.')\np = d" + "".join(f" / 'talker-{i}-Q4_K_M.gguf'"
                                                                           for i in range(500)) + "\nmodel = 'gpt-4o'\n",
        "b/paths.py": "from pathlib import Path\n" + "".join(f"p{i} = tmp_path / 'talker-{i}-Q4_K_M.gguf'\n"
                                                             for i in range(50_000)),
        "c/test_paths.py": "".join(f"p{i} = d / '{'outout' * 20}{i}.gguf'\n" for i in range(20_000))
                           + "q = d / '" + "x" * MB + ".gguf'\nmodel = 'gpt-4o'\n",
        # 80,000 Hydra overrides of verl's partial_pretrain on one trainer line (3.5 MB)
        "d/train.sh": "python -m verl.trainer.fsdp_sft_trainer " + " ".join(
            f"m{i}.model.partial_pretrain=org/m{i}-7b" for i in range(80_000)) + "\n",
        # a model map of 30,000 entries keyed by the deployed name; a key of 1,000 characters (YAML's simple-key limit
        # is 1,024); an id of 400 KB
        "e/values.yaml": "models:\n" + "".join(f"  llama-3-2-{i}b-instruct:\n    id: meta-llama/Llama-3.2-{i}B-Instruct\n"
                                                f"    enabled: false\n" for i in range(30_000)),
        "f/values.yaml": "models:\n  llama-" + "3" * 1_000 + ":\n    id: meta-llama/Llama-3.2-1B-Instruct\n"
                         "  llama-3-2-1b:\n    id: meta-llama/" + "L" * 400_000 + "\n"
                         "llm:\n  model: gpt-4o\n",
    }


_S20A = ("a/paths.py", "g/paths.py", "b/paths.py", "c/test_paths.py", "d/train.sh", "e/values.yaml", "f/values.yaml")
scan_probe("s19-scan20a-path-joins-overrides-model-maps", "quadratic-position", _read(_scan20a), accounted=_S20A,
           checks=_BOUNDED, timeout=180.0)


# (f) scan20a (930212a): the shell's null command assigning a default (`: "${MODEL:=Qwen/...}"`): an unclosed default of
# 1 MB, 60,000 defaults one a line, 1 MB of blanks after the colon, a default of 1 MB of closing braces
def _null_defaults() -> dict[str, str]:
    return {
        "a/run.sh": ': "${MODEL:=' + "a" * MB + '\n: "${MODEL:=Qwen/Qwen2.5-1.5B-Instruct}"\n',
        "b/run.sh": "".join(f': "${{M{i}:=Qwen/Qwen2.5-{i}B}}"  # c\n' for i in range(60_000)),
        "c/run.sh": ": " + " " * MB + "${M:=x}\n:  ${M=" + "}" * MB + '\n: "${MODEL:=qwen2.5:7b}"\n',
    }


scan_probe("s19-shell-null-command-defaults", "regex-backtracking", _read(_null_defaults),
           accounted=["a/run.sh", "b/run.sh", "c/run.sh"],
           checks=(*_BOUNDED, _found("a/run.sh", "Qwen2.5-1.5B"), _found("c/run.sh", "qwen2.5:7b")), timeout=120.0)
