"""Red-team probes of brief redteam42 (session 38 of the red-team log): the readers sessions 37-38 added or changed - Go
struct tags up to 2 KB read for their default (and the byte prefilter's verdict on them), SQL named arguments, pgrx
``default!`` parameters and SQL-quoted scalars in code strings, WildFly multi-source expressions, JVM ``-D``
properties, shell ``name=value`` arguments and model tests, Azure quota usage names, Go map keys and route paths, Swift
dictionaries and model-type registries, ``|``- and comma-separated model lists inside one string (items with quotes,
escapes and Unicode separators), YAML catalogues (a key repeated 60,000 times, 190 levels deep, aliases), base-60
floats at the bounded loaders' edge, a card's front matter of integer keys and values, and the knowledge index cache
(a decode bomb under the size bound, entries of other types, a CRC that matches a cut body, three runs writing it).

Each probe promises what the tool must do on hostile input: bounded CPU and memory (the runner's RLIMIT_AS and wall
limit, plus a CPU / RSS bound), a clean exit with a documented code, nothing executed, every hostile file a finding or a
reported skip - and a "found or skipped" file ends with a real model a full analysis reports, so that a machine fast
enough to finish the file within its budget finds it (checked with the budget clock divided by 5) -, special files left
as they are. Long lines are padded with short ones, so a file is analysed, not skipped as generated. Every input is
built at test time. Imported by tests/redteam/probes.py after probes_session37. Stdlib only at import time.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.redteam.probes import (
    OK_OR_USAGE,
    SCAN_JSON,
    files,
    probe,
    scan_probe,
    write,
)
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session27 import finds
from tests.redteam.probes_session33 import _only_output
from tests.redteam.probes_session37 import (
    _card_named,
    _findings_below,
    _kb_rebuilt_or_left,
    _keys,
    _same_reports,
)
from tests.redteam.runner import Ctx

_PY_CALL = "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o-mini')\n"
_OK_YAML = "llm:\n  model: gpt-4o-mini\n"
_OK = {"app/call.py": _PY_CALL}


def _pad(comment: str, n: int = 20_000) -> str:
    """``n`` short comment lines: a file with one long hostile line is analysed, not skipped as generated (lines
    averaging over 20,000 characters)."""
    return f"{comment} .\n" * n


# --- (1) Go struct tags up to 2 KB read for their default (candidates._MAX_TAG, GO_TAG_DEFAULT, _literal_verdict) -----
# literals (backticks included) of 2,047 / 2,048 / 2,049 bytes whose default comes last (a 2 KB help text first), 1,000 of them; a tag of 1,000
# escaped quotes before its default, 300 unclosed `default:"` openers, a default of 200 and of 201 characters, and one
# ordinary field last (what a machine that finishes the file within its budget must find)
def _go_tags() -> dict[str, str]:
    def tag(size: int, value: str = "gpt-4o") -> str:
        tail = f' default:"{value}"'
        return 'help:"' + "h" * (size - len(tail) - 7) + '"' + tail
    fields = "".join(f"\tM{i} string `{tag(2045 + i % 3)}`\n" for i in range(1_000))
    return {"cfg/tags.go": "package cfg\n\ntype Config struct {\n" + fields
            + '\tE string `help:"' + '\\"' * 1000 + '" default:"gpt-4o"`\n'
            + "\tO string `" + 'default:"' * 300 + "`\n"
            + '\tL string `default:"' + "a" * 200 + '"`\n\tL2 string `default:"' + "a" * 201 + '"`\n'
            + '\tModel string `env:"OPENAI_MODEL" envDefault:"gpt-4o"`\n}\n', **_OK}


scan_probe("session38-go-tags-at-the-2kb-edge", "quadratic-position", _go_tags, accounted=["cfg/tags.go"],
           checks=(finds("gpt-4o-mini"), cpu_below(12.0)), timeout=45.0)
# the same tags, 2,000 on one line (4 MB would be too large: 1,800 of 2 KB, 3.7 MB) padded to be analysed
scan_probe("session38-go-tags-2kb-on-one-line", "huge-line", lambda: {
    "cfg/line.go": "package cfg\n\n" + _pad("//", 1000) + "type C struct { " + "".join(
        f'F{i} string `help:"' + "h" * 2000 + '" default:"gpt-4o"`; ' for i in range(1_800))
                   + 'Model string `envDefault:"gpt-4o"` }\n', **_OK},
           accounted=["cfg/line.go"], checks=(finds("gpt-4o-mini"), cpu_below(12.0)), timeout=45.0)


# --- (2) SQL in code strings: named arguments, pgrx default!, SQL-quoted scalars, INSERT values (candidates) ---------
def _sql_named() -> dict[str, str]:
    args = "".join(f"    p{i} => 'acme-m{i}',\n" for i in range(3_000))
    sql = "SELECT vectorize.table(\n" + args + "    transformer => 'gpt-4o')"
    blanks = "SELECT f(" + ("," + " " * 40 + "\n") * 10_000 + "model => 'gpt-4o')"
    return {"app/q.py": f'import openai\nQ = """{sql}"""\nB = """{blanks}"""\n'
                        + 'P = "SELECT f(' + "(" * 100_000 + "model => 'gpt-4o')\"\n" + _pad("#")
                        + "U = \"SELECT f(x => '" + "a" * 200_000 + '"\n' + _pad("#")
                        + "L = \"SELECT f(model => '" + "m" * 200 + "', embedding_model => '" + "m" * 201 + "')\"\n"
                        + "openai.OpenAI().embeddings.create(model='text-embedding-3-small', input='x')\n",
            "src/q.rs": f'pub const Q: &str = r#"{sql}"#;\npub const R: &str = "' + "x => 'a', " * 50_000 + '";\n'
                        + _pad("//") + "pub const M: &str = \"SELECT vectorize.table(\n    job_name => 'j',\n"
                        "    transformer => 'sentence-transformers/all-MiniLM-L6-v2'\n);\";\n",
            **_OK}


scan_probe("session38-sql-named-arguments", "regex-backtracking", _sql_named, accounted=["app/q.py", "src/q.rs"],
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=50.0)


def _pgrx() -> dict[str, str]:
    params = "".join(f"    p{i}: default!(&str, \"'acme/m{i}'\"),\n" for i in range(8_000))
    nested = "default!(" * 500 + "&str" + ", \"'x'\")" * 500
    return {"src/lib.rs": "use pgrx::prelude::*;\n\n#[pg_extern]\nfn wide(\n" + params + ") -> i32 { 1 }\n\n"
                          "#[pg_extern]\nfn deep(t: " + nested + ") -> i32 { 1 }\n\n"
                          + "".join(f'pub const S{i}: &str = "\'acme/m{i}\'";\n' for i in range(20_000))
                          + "pub const LONG: &str = \"'" + "a" * 200 + "'\";\n"
                          + "#[pg_extern]\nfn embed(transformer: default!(&str, \"'sentence-transformers/all-MiniLM-L6-v2'\")"
                          ") -> i32 { 1 }\n", **_OK}


scan_probe("session38-pgrx-defaults-and-sql-scalars", "quadratic-position", _pgrx, accounted=["src/lib.rs"],
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=60.0)
# INSERT values in Python triple-quoted strings (session 37 probed Go and Rust): 3,990 line ends before a stray quote
scan_probe("session38-sql-insert-values-in-python", "regex-backtracking", lambda: {
    "app/seed.py": "".join(
        f'SEED{i} = """\n' + "".join("INSERT INTO settings (id, model) VALUES (1, x" + "\n" * 3990 + "')\n"
                                     for _ in range(20)) + '"""\n' for i in range(4))
                   + "openai.OpenAI().chat.completions.create(model='gpt-4o')\n", **_OK},
           accounted=["app/seed.py"], checks=(finds("gpt-4o-mini"), cpu_below(12.0)), timeout=45.0)


# --- (3) WildFly / JBoss expressions and JVM -D properties (config_files._ENV_DEFAULT, _JVM_PROPERTY) ---------------
def _wildfly() -> dict[str, str]:
    srcs = ",".join(f"env.X{j}" for j in range(9))  # one more source than the 8 the rule reads
    return {"standalone.xml": "<server>\n" + "".join(
                f'  <property name="chat.model{i}" value="${{a{i},{srcs}:acme-m{i}}}"/>\n' for i in range(6_000))
            + '  <property name="many" value="${' + "a," * 60_000 + 'env.M:gpt-4o}"/>\n'
            + '  <property name="deep" value="' + "${a:" * 5_000 + "x" + "}" * 5_000 + '"/>\n'
            + '  <property name="open" value="' + "${a," * 20_000 + '"/>\n'
            + '  <property name="chat.model" value="${org.app.chat.model.name,env.CHAT_MODEL_NAME:gpt-4o}"/>\n'
            + "</server>\n",
            "app.properties": "".join(f"chat.model{i}=${{a,b,c,d,e,f,g,h,i,env.M{i}:acme-m{i}}}\n" for i in range(20_000))
            + "chat.model=${" + "a," * 100_000 + "env.M:gpt-4o}\n" + _pad("#")
            + "spring.ai.openai.chat.options.model=gpt-4o-mini\n",
            "app.yaml": "x: ${" + "a," * 200_000 + "env.M:gpt-4o}\n" + "y: z\n" * 20_000
            + "chat_model: ${app.model,env.CHAT_MODEL:gpt-4o-mini}\n"}


scan_probe("session38-wildfly-expression-sources", "regex-backtracking", _wildfly,
           accounted=["standalone.xml", "app.properties", "app.yaml"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)),
           timeout=50.0)


def _jvm() -> dict[str, str]:
    props = "".join(f"    -Dorg.acme.m{i}.model.name=acme-m{i}\n" for i in range(20_000))
    return {"deploy/app.yaml": "spec:\n  javaVmArguments: >-\n" + props
            + "    -Dspring.ai.openai.chat.options.model=gpt-4o\n",
            "deploy/opts.yaml": "env:\n  JAVA_OPTS: \"-D" + "x" * 300 + "=y -Dmodel.name=${" + "a" * 400 + "} -Dmodel=${x:"
            + "-D" * 100_000 + "} " + "-Dmodel.name=" * 50_000 + "gpt-4o\"\n" + "k: v\n" * 20_000
            + "  JAVA_TOOL_OPTIONS: -Dspring.ai.openai.chat.options.model=gpt-4o-mini\n",
            "run.sh": "#!/bin/sh\n" + "".join(f"java -Dlangchain4j.model{i}.model-name=acme-m{i} -jar a.jar\n"
                                               for i in range(20_000))
            + "java -Dspring.ai.openai.chat.options.model=gpt-4o -jar app.jar\nexport OPENAI_MODEL=gpt-4o-mini\n",
            "ok.yaml": _OK_YAML}


scan_probe("session38-jvm-d-properties", "quadratic-position", _jvm,
           accounted=["deploy/app.yaml", "deploy/opts.yaml", "run.sh"],
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=50.0)


# --- (4) shell: program name=value arguments and model tests (shell._named_arguments, _model_tests) ----------------
# 1,500 lines of 64 model-named arguments each (a regex compiled per argument), one line of 20,000 camelCase
# arguments with unbalanced quotes, values of 100 KB, and an ordinary `make run MODEL=gpt-4o` last
def _shell_args() -> dict[str, str]:
    line = "make run " + " ".join(f"model_{i}=acme-m{i}" for i in range(64)) + "\n"
    return {"scripts/run.sh": "#!/bin/sh\n" + line * 1_500 + "make run MODEL=gpt-4o\n",
            "scripts/deploy.sh": "#!/bin/sh\n" + _pad("#") + "az deployment group create " + " ".join(
                f"--parameters gptModelName{i}=\"gpt-4o" for i in range(20_000)) + "\n"
            + "make MODEL=" + "q" * 100_000 + "\n" + "make serve EMBEDDING_MODEL='text-embedding-3-small'\n",
            **_OK}


scan_probe("session38-shell-named-arguments", "quadratic-position", _shell_args,
           accounted=["scripts/run.sh", "scripts/deploy.sh"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)),
           timeout=60.0)
# 40,000 tests of model variables against known models (64 reported at most), lines of 1,999 and 2,001 characters,
# `[[ $MODEL == ` opened 5,000 times on a line, and a test of an ordinary model last
scan_probe("session38-shell-model-tests", "quadratic-position", lambda: {
    "scripts/t.sh": "#!/bin/bash\n" + "".join(
        f'if [ "$MODEL_NAME" = "gpt-4o" ] || [[ $LLM_MODEL != text-embedding-3-large ]]; then echo {i}; fi\n'
        for i in range(40_000))
    + 'if [ "$MODEL" = "' + "g" * 1980 + '" ]; then :; fi\n' + 'if [ "$MODEL" = "' + "g" * 1985 + '" ]; then :; fi\n'
    + "[[ $MODEL == " * 150 + "\n" + 'if [ "$EMBEDDING_MODEL" = "text-embedding-3-small" ]; then :; fi\n', **_OK},
           accounted=["scripts/t.sh"], checks=(finds("gpt-4o-mini"), cpu_below(12.0), _findings_below(2_000)),
           timeout=60.0)


# --- (5) Azure OpenAI quota usage names (identify.azure_usage_model, shell._PS_USAGE_NAME) ----------------------------
def _azure() -> dict[str, str]:
    return {"infra/main.bicep": "var usages = [\n" + "".join(f"  'OpenAI.GlobalStandard.acme-m{i},{i}'\n"
                                                           for i in range(10_000))
            + "  'OpenAI.Standard." + "a." * 60 + "x,150'\n  'OpenAI.GlobalStandard." + "x-" * 100_000 + "'\n"
            + "  'OpenAI.GlobalStandard.gpt-4o,150'\n]\n",
            "infra/quota.ps1": "$MIN_CAPACITY = @{\n" + "".join(f'  "OpenAI.GlobalStandard.acme-m{i}" = 10\n'
                                                                for i in range(10_000))
            + "}\n" + "$x = @{ " + '"OpenAI.GlobalStandard.gpt-4o" = 1; ' * 10_000 + "}\n" + _pad("#")
            + '$y = @{ "OpenAI.GlobalStandard.gpt-4o-mini" = 10 }\n',
            "azure.yaml": "usageName:\n" + "".join(f"  - OpenAI.GlobalStandard.m{i},150\n" for i in range(10_000))
            + "  - OpenAI.DataZoneStandard." + "9" * 100_000 + ",1\n  - OpenAI.GlobalStandard.gpt-4o,150\n",
            **_OK}


scan_probe("session38-azure-quota-usage-names", "regex-backtracking", _azure,
           accounted=["infra/main.bicep", "infra/quota.ps1", "azure.yaml"],
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=60.0)


# --- (6) Go map keys and route paths, Swift dictionaries and registries (candidates, identify) -----------------------
scan_probe("session38-go-map-keys-and-routes", "quadratic-position", lambda: {
    "m/keys.go": "package m\n\nfunc f() {\n" + "".join(
        f'\tx{i} := Models["acme-m{i}"]\n\tdelete(modelList, "acme-m{i}")\n' for i in range(10_000))
    + "\t_ = m" + '["a"]' * 3_000 + "\n\tdelete(m" + '["k"]' * 1_000 + ', "k")\n'
    + '\t_ = CompletionModelEndpoint["gpt-4o"]\n}\n',
    "r/routes.go": "package r\n\nfunc init() {\n" + "".join(
        f'\tmux.HandleFunc("/chat/acme-m{i}", h)\n\tmux.HandleFunc("/embeddings/' + "e/" * 50 + f'm{i}", h)\n'
        for i in range(8_000)) + '\tmux.HandleFunc("/chat/' + "c" * 100_000 + '", h)\n}\n\nvar Model = "gpt-4o"\n',
    **_OK}, accounted=["m/keys.go", "r/routes.go"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=60.0)


def _swift() -> dict[str, str]:
    return {"Sources/Table.swift": "let table: [String: Any] = [\n" + "".join(
                f'    "k{i}": .string("acme-m{i}"),\n' for i in range(8_000)) + '    "model": "gpt-4o",\n]\n',
            "Sources/Deep.swift": "let deep = " + '["a": ' * 300 + '"gpt-4o"' + "]" * 300 + "\n"
            + 'let flat: [String: String] = ["model": "gpt-4o"]\n',
            "Sources/Registry.swift": "let registry: [String: Any] = [\n" + "".join(
                f'    "m{i}x": create(M{i}xConfiguration.self, M{i}x.init),\n' for i in range(6_000))
            + '    "big": create(' + "Big" * 130 + "Configuration.self),\n"
            + '    "gemma3": create(Gemma3Configuration.self, Gemma3.init),\n]\nlet model = "gpt-4o"\n',
            **_OK}


scan_probe("session38-swift-dictionaries-and-registries", "quadratic-position", _swift,
           accounted=["Sources/Table.swift", "Sources/Deep.swift", "Sources/Registry.swift"],
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=50.0)


# --- (7) model lists inside one string: `|` and commas (python / javascript _LIST_SEPS, polyglot._LIST_ITEM) ---------
# 200,000 items in one default (a padded line; the Python file is read through tree-sitter, its syntax tree estimated
# over the ast bound), 400,000 bars alone, a list of 64 and of 65 items, and an ordinary
# two-model list last
def _pipe_lists() -> dict[str, str]:
    many = "|".join(f"acme/m{i}" for i in range(200_000))
    return {"app/e.py": "import os\n" + _pad("#") + f"M = os.getenv('EMBEDDINGS_MODEL', '{many}|gpt-4o').split('|')\n"
            + "B = os.getenv('MODELS', '" + "|" * 400_000 + "')\n"
            + "C = os.getenv('MODELS', '" + "|".join(["gpt-4o"] * 64) + "')\n"
            + "D = os.getenv('MODELS', '" + "|".join(["gpt-4o"] * 65) + "')\n"
            + "N = os.getenv('EMBEDDINGS_MODEL', 'all-mpnet-base-v2|BAAI/bge-small-en-v1.5').split('|')\n",
            "web/e.ts": _pad("//") + "const models = process.env.MODELS ?? '" + "|" * 400_000 + "gpt-4o';\n"
            + "const model = process.env.MODEL ?? 'gpt-4o|gpt-4o-mini';\n", **_OK}


scan_probe("session38-pipe-model-lists", "quadratic-position", _pipe_lists, accounted=["app/e.py", "web/e.ts"],
           checks=(finds("gpt-4o-mini"), cpu_below(12.0)), timeout=45.0)


# comma-separated model lists inside one string (tuneA42 splits them): 100,000 items in a Python default and 200,000 in
# a .env value (padded lines), 40,000 escaped-quoted items in TypeScript, 20,000 `\"gpt-4o\"` items, 500,000 commas
# alone, items split by Unicode separators (U+2028, U+2029, U+3001, U+FF0C, U+FE50, U+FF5C, NBSP, U+200B) 2,000 times,
# items of 200 and 201 characters; a real model last in every file
def _comma_lists() -> dict[str, str]:
    items = ",".join(f"acme-m{i}" for i in range(100_000))
    odd = ("gpt-4o,\u2028gpt-4o-mini\u3001claude-3-5-sonnet\uff0cgemini-1.5-pro\ufe50o1\u00a0,\u200bgpt-4.1"
           "\uff5cgpt-4.1-mini,\u2029o3-mini,")
    return {"app/c.py": "import os\n" + _pad("#") + f"MODELS = os.getenv('MODELS', '{items},gpt-4o')\n"
            + "QUOTED = '" + ", ".join(['\\"gpt-4o\\"'] * 20_000) + "'\n"
            + "COMMAS = '" + "," * 500_000 + "'\n"
            + f"CHAT_MODELS = '{odd * 2_000}'\n"
            + "LONG = '" + "a" * 200 + "," + "b" * 201 + ",gpt-4o'\n"
            + "MODEL_LIST = 'gpt-4o,gpt-4o-mini'\n",
            "web/c.ts": _pad("//") + "export const models = \"" + ",".join(f'\\"m{i}\\"' for i in range(40_000))
            + ",gpt-4o\";\nexport const chatModels = 'gpt-4o," + "\\u002c" * 50_000 + "o1';\n"
            + "export const MODEL_LIST = 'gpt-4o,gpt-4o-mini';\n"
            + "new OpenAI().chat.completions.create({ model: 'gpt-4o-mini' });\n",
            ".env": "MODELS=" + items + "," + items.replace("acme", "acne") + ",gpt-4o\n" + "X=1\n" * 30_000 + "CHAT_MODELS=gpt-4o,gpt-4o-mini\n",
            "conf.yaml": "models: \"" + ",".join(f"m{i}" for i in range(100_000)) + ",gpt-4o\"\n" + "k: v\n" * 30_000
            + f"odd: \"{odd * 200}\"\nmodel_list: 'gpt-4o,gpt-4o-mini'\n",
            **_OK}


scan_probe("session38-comma-list-100k-and-odd-items", "quadratic-position", _comma_lists,
           accounted=["app/c.py", "web/c.ts", ".env", "conf.yaml"],
           checks=(finds("gpt-4o-mini"), cpu_below(20.0), _findings_below(5_000)), timeout=75.0)


# provider/model selection lists in one string (tuneA42's identify.selection_items: 64 items, 4,000 characters at most):
# 500-800 lists of 64 distinct selections in Python, TypeScript, YAML and shell (each file parsed, not estimated away), lists of 65 items and of 4,000 / 4,001
# characters, items of three slashes and of 200 characters, `, ` blanks, empty items; an ordinary model last
def _selection_lists() -> dict[str, str]:
    def sel(i: int) -> str:
        return ",".join(f"p{i}/m{j}" if j % 2 else f"ollama/acme-{i}-{j}:7b" for j in range(64))
    edge = ", ".join(f"openai/{'g' * 200}" for _ in range(19)) + ",openai/" + "x" * 150
    odd = [",".join(["a/b/c/d"] * 64), ",".join(["openai/gpt-4o"] * 65), edge, edge + "y", ", ,".join(["x/y"] * 32),
           ",".join("/" * 200 for _ in range(20))]
    return {"app/sel.py": "import os\n" + "".join(f"P{i} = os.getenv('PROVIDERS', '{sel(i)}')\n" for i in range(500))
            + "".join(f"Q{i} = '{v}'\n" for i, v in enumerate(odd)) + _PY_CALL.replace("gpt-4o-mini", "gpt-4o"),
            "web/sel.ts": "".join(f"export const p{i} = '{sel(i)}';\n" for i in range(500))
            + "".join(f"export const q{i} = '{v}';\n" for i, v in enumerate(odd))
            + "new OpenAI().chat.completions.create({ model: 'gpt-4o' });\n",
            "conf/sel.yaml": "".join(f"providers{i}: {sel(i)}\n" for i in range(800)) + "".join(
                f"q{i}: '{v}'\n" for i, v in enumerate(odd)) + "llm:\n  model: gpt-4o\n",
            "scripts/sel.sh": "#!/bin/sh\n" + "".join(f'PROVIDERS{i}="{sel(i)}"\n' for i in range(500))
            + "".join(f"Q{i}='{v}'\n" for i, v in enumerate(odd)) + "export OPENAI_MODEL=gpt-4o\n",
            **_OK}


scan_probe("session38-selection-lists", "quadratic-position", _selection_lists,
           accounted=["app/sel.py", "web/sel.ts", "conf/sel.yaml", "scripts/sel.sh"],
           checks=(finds("gpt-4o-mini"), cpu_below(20.0), _findings_below(45_000)), timeout=75.0)


# --- (8) YAML catalogues (config_files.TreeWalker entry names, yamlbound) ---------------------------------------------
# a catalogue key repeated 30,000 times (YAML keeps the last), a litellm model_list of 2,000 entries, a catalogue
# nested 190 levels (under the 200-level bound) with an entry at every level, 100 aliases of a 100-entry anchor nested 4
# deep (10^8 entries if expanded), entry names of 255 / 256 / 257 characters
def _catalogues() -> dict[str, str]:
    deep = "models:\n" + "".join("  " * (i + 1) + f"m{i}:\n" + "  " * (i + 2) + "provider: openai\n"
                                 for i in range(190)) + "  " * 191 + "model: gpt-4o\n"
    laughs = "base: &a0\n" + "".join(f"  m{i}: {{model: acme-m{i}}}\n" for i in range(100))
    for lvl in range(1, 5):
        laughs += f"l{lvl}: &a{lvl}\n" + "".join(f"  - *a{lvl - 1}\n" for _ in range(100))
    laughs += "models:\n  chat: *a4\n  default:\n    model: gpt-4o\n"
    return {"catalog/repeated.yaml": "models:\n" + "  gpt-4o:\n    provider: openai\n" * 30_000
            + "  gpt-4o-mini:\n    provider: openai\n",
            "catalog/list.yaml": "model_list:\n" + "".join(
                f"  - model_name: acme-m{i}\n    litellm_params:\n      model: openai/acme-m{i}\n" for i in range(2_000))
            + "  - model_name: gpt-4o\n    litellm_params:\n      model: openai/gpt-4o\n",
            "catalog/deep.yaml": deep,
            "catalog/laughs.yaml": laughs,
            "catalog/names.yaml": "models:\n" + "".join(f"  {'n' * n}:\n    model: gpt-4o\n" for n in (255, 256, 257))
            + "".join(f"  {'x' * 250}{i:05d}:\n    provider: openai\n" for i in range(500)),
            "ok.yaml": _OK_YAML}


scan_probe("session38-yaml-catalogues", "yaml-bomb", _catalogues,
           accounted=["catalog/repeated.yaml", "catalog/list.yaml", "catalog/deep.yaml", "catalog/laughs.yaml",
                      "catalog/names.yaml"],
           checks=(finds("gpt-4o-mini"), cpu_below(20.0), rss_below(500), _findings_below(30_000)), timeout=60.0)
# a flow-style catalogue nested 190 levels and one of 60,000 repeated flow keys on one (padded) line
scan_probe("session38-yaml-flow-catalogues", "deep-nesting", lambda: {
    "catalog/flow.yaml": "models: " + "{m: " * 190 + "{model: gpt-4o}" + "}" * 190 + "\n",
    "catalog/line.yaml": "models: {" + "gpt-4o: {provider: openai}, " * 30_000 + "x: {model: gpt-4o}}\n"
                         + "# .\n" * 20_000,
    "ok.yaml": _OK_YAML},
           accounted=["catalog/flow.yaml", "catalog/line.yaml"], checks=(finds("gpt-4o-mini"), cpu_below(12.0)),
           timeout=45.0)


# --- (9) base-60 floats and integers at the bounded loaders' edge (yamlbound._bounded_float) --------------------------
# sexagesimal floats of 173 / 174 / 256 / 257 characters' parts, underscored, signed, `!!float`-tagged, with an
# exponent-like tail, and `.inf` / `.nan` spellings; in a scanned config, a card's front matter and the policy
_FLOATS = ("a: 1" + ":59" * 84 + ".5\nb: 1" + ":59" * 85 + ".5\nc: -1" + ":5_9" * 60 + ".5_5\nd: !!float '1"
           + ":59" * 200 + ".5'\ne: +0" + ":0" * 127 + ".0\nf: 1:2:3.5e10\ng: !!float '" + "1:" * 300 + "1'\n"
           + "h: !!float .Inf\ni: -.NaN\nj: 1" + ":59" * 40_000 + ".5\nk: 9" + "_9" * 5_000 + ".5\n")
scan_probe("session38-yaml-base60-floats-config", "type-confusion", lambda: {
    "config/floats.yaml": "llm:\n  model: gpt-4o\n" + _FLOATS, **_OK},
           accounted=["config/floats.yaml"], checks=(finds("gpt-4o-mini", "gpt-4o"), cpu_below(6.0)), timeout=40.0)
probe("session38-card-front-matter-floats", "type-confusion", files({
    "README.md": "---\nlicense: mit\nbase_model: acme/base\n" + _FLOATS + "---\n# card\n", "model.safetensors": "x"}),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0,
      checks=(_card_named("mit", "acme/base"), cpu_below(6.0)))
# integer keys of 1,000 digits and sexagesimal keys (a YAML simple key is 1,024 characters at most: a longer one is
# invalid YAML, and the front matter is lost as any invalid front matter is) in a card's front matter, a base model that is a number, a list of
# numbers, a licence that is a 2,000-digit hex integer: the text fields that are text stay, nothing crashes
probe("session38-card-front-matter-integer-keys", "type-confusion", files({
    "README.md": "---\nlicense: mit\nbase_model: acme/base\n9" + "9" * 1000 + ": x\n1" + ":59" * 330 + ": y\n"
                 + "? !!int '" + "7" * 3000 + "'\n: z\ntags: [1, 2.5, null, 9" + "9" * 300 + "]\n"
                 + "datasets: 0x" + "f" * 2000 + "\nmodel-index: [{name: 5, results: 7}]\n---\n# card\n",
    "model.safetensors": "x"}),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0,
      checks=(_card_named("mit", "acme/base"), cpu_below(6.0)))
probe("session38-card-base-model-of-other-types", "type-confusion", files({
    "a/README.md": "---\nlicense: 0x" + "f" * 2000 + "\nbase_model: 12345\n---\n", "a/model.safetensors": "x",
    "b/README.md": "---\nlicense: [mit, 5]\nbase_model: [1, 2.5, null, {a: b}]\n---\n", "b/model.safetensors": "x",
    "c/README.md": "---\nlicense: 1" + ":59" * 200 + ".5\nbase_model: !!binary aGVsbG8=\n---\n",
    "c/model.safetensors": "x"}),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0, checks=(cpu_below(8.0),))


# --- (10) the knowledge index cache (knowledge.loader: kbkey-<cheap key> -> kb-<content key>.json) -------------------
def _kb_cache(kind: str) -> Callable[[Ctx], object]:
    """The cache folder holds, where this checkout's index goes, something hostile of ``kind``."""
    def build(ctx: Ctx) -> None:
        from modelmap.knowledge import loader

        write(ctx.work / "app/call.py", _PY_CALL)
        pointer, content = _keys()
        ptr, idx = ctx.cache / f"kbkey-{pointer}", ctx.cache / f"kb-{content}.json"
        warm = idx.read_bytes() if idx.is_file() else None  # the runner's warm copy (runner.warm_cache_files)
        write(ptr, content)
        if kind == "decode-bomb":  # FIXED: 60 MB of `{},` (under the 64 MB read bound) decoded to 1.7 GB
            with open(idx, "wb") as fh:
                fh.write(b"[" + b"{}," * 20_000_000 + b"{}]")
        elif kind == "bomb-under-bound":  # the same under the bound this knowledge base allows (13 MB), CRC right
            body = b"[" + b"{}," * 4_000_000 + b"{}]"
            write(idx, loader.wrap_index(body))
        elif kind == "strings-under-bound":  # 12 MB of two-character strings, the right shape, CRC right
            body = json.dumps({k: {} for k in loader._INDEX_MAPS}).encode()[:-1] + b',"x":[' \
                + b",".join(b'"%02d"' % (i % 100) for i in range(2_000_000)) + b"]}"
            write(idx, loader.wrap_index(body))
        elif kind in ("entries-of-other-types", "crc-of-a-cut-body"):
            if warm is None:
                ctx.skip = "no warm knowledge index to damage"
                return
            real = loader.unwrap_index(warm)
            assert real is not None
            if kind == "crc-of-a-cut-body":  # FIXED-adjacent: a CRC that matches a body cut mid-way
                write(idx, loader.wrap_index(real[:len(real) // 2]))
            else:  # FIXED: the outer shape right, entries of other types, stored as older versions did (no CRC)
                data = json.loads(real)
                for k in loader._INDEX_MAPS:
                    data[k] = {key: [5, None] for key in data[k]}
                write(idx, json.dumps(data))
    return build


for _kind, _rss in (("decode-bomb", 500), ("bomb-under-bound", 500), ("strings-under-bound", 500),
                    ("entries-of-other-types", 500), ("crc-of-a-cut-body", 500)):
    probe(f"session38-kb-cache-{_kind}", "cache-poison", _kb_cache(_kind), SCAN_JSON, frozenset({0}), fmt="json",
          timeout=60.0, checks=(finds("gpt-4o-mini"), _kb_rebuilt_or_left, rss_below(_rss), cpu_below(15.0)))


# three runs at once into a cache folder whose index has entries of other types: all three answer, and the folder ends
# with one index, one pointer and no temp file
def _three_writers(ctx: Ctx) -> None:
    _kb_cache("entries-of-other-types")(ctx)
    ctx.wrap = ["/bin/sh", "-c", '"$@" -o a.json & "$@" -o b.json & "$@" -o c.json; wait', "sh"]


probe("session38-kb-cache-three-writers-over-damage", "cache-poison", _three_writers, SCAN_JSON, frozenset({0}),
      fmt="json", output="a.json", timeout=90.0, checks=(_same_reports, cpu_below(25.0)))


# --- (11) every hostile reader above in one scan written with -o: nothing written but the output ---------------------
probe("session38-new-readers-scan-o", "output-safety", files(lambda: {
    **{k: v for k, v in _sql_named().items() if k != "app/call.py"}, "azure.yaml": _azure()["azure.yaml"],
    "Sources/Deep.swift": _swift()["Sources/Deep.swift"], "catalog/laughs.yaml": _catalogues()["catalog/laughs.yaml"]}),
      (*SCAN_JSON, "-o", "out.json"), frozenset({0}), fmt="json", output="out.json", timeout=60.0,
      checks=(_only_output("app", "src", "azure.yaml", "Sources", "catalog"), cpu_below(15.0)))

