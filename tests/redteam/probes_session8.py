"""Red-team probes for the scan paths session 8 added (brief redteam8): path arguments of any shell command and a
Dockerfile WORKDIR, ``key:path`` template pairs, a script's own model function's arguments, JSON pairs read out of
multi-line literals, Bedrock ARNs / Azure deployments inside (HCL templated) literals, UPPER_SNAKE constants as
one peer table, and a folder or bare literal named exactly like a Hub model.

Imported by tests/redteam/probes.py (after probes_newer), so every probe lands in the one registry (``PROBES``)
and runs through the same runner and promises (bounded time and memory, no traceback, FIFOs / symlinks left as
they were, every file a finding or a skip). The extra checks here: a file whose analysis ran out is reported as
an ``analysis-budget`` (or ``findings-capped``) skip, and ordinary code makes no finding from the new rules.

Stdlib only at import time.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.redteam.probes import OK, PY_CALL, SCAN_JSON, chain, fifo, files, probe, scan_probe, symlink
from tests.redteam.runner import Result


def skipped_as(rel: str, *reasons: str) -> Callable[[Result], str | None]:
    """``rel`` is listed in the skips with one of ``reasons`` (a downgrade is said, never silent)."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = [s.get("reason") for s in res.json().get("skipped", []) if s.get("path") == rel]
        return None if any(r in reasons for r in got) else f"{rel} not skipped as {reasons} (skips: {got})"
    return check


def found_or_skipped_as(raw: str, rel: str, *reasons: str) -> Callable[[Result], str | None]:
    """``raw`` is found in ``rel``, or ``rel`` is listed in the skips with one of ``reasons``: a probe whose file may
    or may not outrun its budget, depending on the machine's speed, holds either way (a faster machine finishes the
    analysis and finds the model; a slower one says it stopped)."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        doc = res.json()
        if any(f.get("raw") == raw and f.get("path") == rel for f in doc.get("findings", [])):
            return None
        got = [s.get("reason") for s in doc.get("skipped", []) if s.get("path") == rel]
        return None if any(r in reasons for r in got) else \
            f"{raw!r} not found in {rel}, and {rel} not skipped as {reasons} (skips: {got})"
    return check


def finds_none(*raws: str) -> Callable[[Result], str | None]:
    """None of ``raws`` is reported: ordinary code the new rules must leave alone."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        bad = sorted({f.get("raw") for f in res.json().get("findings", []) if f.get("raw") in raws})
        return f"false positives: {bad}" if bad else None
    return check


def finds(*raws: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = {f.get("raw") for f in res.json().get("findings", [])}
        lost = [r for r in raws if r not in got]
        return f"lost beside the hostile input: {lost}" if lost else None
    return check


# (a) shell path arguments, key:path pairs, a script's own model function ---------------------------------------
# the shell reader on 40,000 path lines; the same input's provenance and --inspect pass, end to end, is
# s9-shell-40k-model-paths-end-to-end, so this one scans --no-resolve --no-inspect (4 s -> 1.6 s of CPU)
probe("s8-shell-mkdir-40k-lines", "quadratic-position", files(lambda: {
    "serve.sh": "#!/bin/sh\n" + "".join(f"mkdir -p /models/org/Qwen2.5-{i}B-Instruct\n" for i in range(40_000))}),
    (*SCAN_JSON, "--no-resolve", "--no-inspect"), OK, fmt="json", accounted=("serve.sh",))
scan_probe("s8-shell-comma-pieces", "huge-line", lambda: {
    "serve.sh": "#!/bin/sh\n" + ("mkdir -p " + ",".join(f"./models/Qwen2.5-{i}B" for i in range(300)) + "\n") * 300},
    accounted=["serve.sh"])
scan_probe("s8-shell-key-path-pairs", "huge-line", lambda: {
    "fill.sh": "#!/bin/sh\npython fill_template.py -i cfg.pbtxt " + ",".join(
        f"tokenizer_dir:/data/Llama-3-{i}B/,engine_dir:./models/x{i}" for i in range(20_000)) + "\n"},
    accounted=["fill.sh"])
scan_probe("s8-shell-model-function-args", "huge-line", lambda: {
    "use.sh": "#!/bin/sh\n" + ("set_model " + " ".join(f"qwen-{i}.5-7b" for i in range(400)) + "\n") * 300
    + '7) read_model_config "Kimi" "kimi-k2.6" "MOONSHOT_KEY" ;;\n'}, accounted=["use.sh"])
scan_probe("s8-shell-unterminated-heredoc-quote", "huge-line", lambda: {
    "a.sh": "#!/bin/sh\ncat <<EOF\n" + "mkdir -p /models/org/Qwen2.5-7B-Instruct\n" * 20_000,
    "b.sh": '#!/bin/sh\nmkdir -p "/models/Qwen2.5-7B-Instruct\n' + "cd './models/Llama-3-8B\n" * 20_000,
    "c.sh": "#!/bin/sh\nmkdir -p $(" * 5_000 + "/models/Qwen2.5-7B-Instruct" + ")" * 2_000 + "\n"},
    accounted=["a.sh"])  # b.sh: one unterminated string to the end (shell reads it so); c.sh: 5,000 open $(: no
# finding is expected of them (a path inside $(…) is not read, a known recall gap), only no crash or hang
scan_probe("s8-shell-paths-nul-invalid-utf8", "encoding", lambda: {
    "nul.sh": b"#!/bin/sh\nmkdir -p /models/Qwen2.5-7B-\x00Instruct\ncd ./models/\x00\x00/Llama-3-8B\n" * 2_000,
    "bad.sh": b"#!/bin/sh\nmkdir -p /models/Qwen2.5-7B-\xff\xfeInstruct\nvllm serve Qwen/Qwen2.5-7B-Instruct\n"},
    accounted=["nul.sh", "bad.sh"])
# the Dockerfile loop went on calling the command scanner after it had spent the budget: the rest of the file
# was lost without a skip and a 60,000-line file took 8 s of CPU (fixed: the loop ticks, guarded() reports)
scan_probe("s8-dockerfile-run-60k-budget", "skips", lambda: {
    "Dockerfile": "FROM x\n" + "".join(f"RUN mkdir -p /opt/c/d{i} && chmod 755 /opt/c/d{i} && ls -la /opt/c/d{i}\n"
                                       for i in range(45_000)) + "RUN vllm serve Qwen/Qwen2.5-7B-Instruct\n"},
    checks=(found_or_skipped_as("Qwen/Qwen2.5-7B-Instruct", "Dockerfile", "analysis-budget"),))
# the Dockerfile reader's bound; resolving 10,000 `/models/.../Llama-3-{i}B` folders end to end is
# s9-shell-30k-mixed-path-lines' (the same folder names), so this one scans --no-resolve --no-inspect
probe("s8-dockerfile-workdir-40k", "skips", files(lambda: {
    "Dockerfile": "FROM x\n" + "".join(f"WORKDIR /models/org/Llama-3-{i}B\n" for i in range(40_000))}),
    (*SCAN_JSON, "--no-resolve", "--no-inspect"), OK, fmt="json",
    checks=(skipped_as("Dockerfile", "analysis-budget", "findings-capped"),))
scan_probe("s8-dockerfile-workdir-huge", "huge-line", lambda: {
    "Dockerfile": "FROM x\nWORKDIR /models/" + "a/" * 1_000_000 + "Qwen2.5-7B-Instruct\n"
                  "RUN vllm serve Qwen/Qwen2.5-7B-Instruct\n"}, accounted=["Dockerfile"])

# (b) special files named like models, where the new path rules point --------------------------------------------
_PATHS = ("#!/bin/sh\nsha256sum ./models/Qwen2.5-7B-Instruct-Q4_K_M.gguf\ncurl -o ./models/Llama-3-8B-Instruct.gguf "
          "https://example.com/x\ncd ./models/Mistral-7B-Instruct-v0.3\nmkdir -p /dev/models/Llama-3-70B\n")
scan_probe("s8-paths-to-fifos-and-links", "fifo", chain(
    files(lambda: {"run.sh": _PATHS, "Dockerfile": "FROM x\nWORKDIR ./models/Mistral-7B-Instruct-v0.3\n"}),
    fifo("models/Qwen2.5-7B-Instruct-Q4_K_M.gguf"), symlink("models/Llama-3-8B-Instruct.gguf", "/dev/zero"),
    symlink("models/Mistral-7B-Instruct-v0.3", "models/Mistral-7B-Instruct-v0.3")),
    accounted=["run.sh", "Dockerfile"])

# (c) JSON pairs in multi-line literals ------------------------------------------------------------------------
_PAIR = '{"model": "qwen-%d", "embedding_model": "bge-m3-%d"},\n'
_LIT = "".join(_PAIR % (i, i) for i in range(4_000))[: 256 * 1024 - 16]
_LIT = _LIT[: _LIT.rfind("\n") + 1]
scan_probe("s8-json-literal-14x256k", "huge-line", lambda: {
    "big.go": "package x\n" + "".join(f"var L{j} = `\n[{_LIT}]`\n" for j in range(14))}, accounted=["big.go"])
scan_probe("s8-json-literal-100k-small", "quadratic-position", lambda: {
    "many.go": ("package x\n" + "".join(f'var _ = `\n{{"model": "gpt-4o-{i}"}}`\n'
                                        for i in range(100_000)))[:3_900_000]},
    accounted=["many.go"])
scan_probe("s8-json-literal-near-misses", "regex-backtracking", lambda: {
    "near.go": "package x\nvar X = `\n" + ('"' + "m" * 40 + "model" + "m" * 40 + '" :  "' + "a" * 199 + "\n") * 2_800
               + "`\n",
    "id.go": "package x\n" + "".join(f"var Z{j} = `\n" + ('"id": "' + "a" * 200 + '",' + " " * 40 + '"objec\n')
                                     * 1_000 + "`\n" for j in range(15))})
scan_probe("s8-json-literal-unterminated", "huge-line", lambda: {
    "a.rs": 'fn f() { let s = r#"\n' + '{"model": "deepseek-chat"}\n' * 20_000,
    "A.java": 'class A { String s = """\n' + '{"model": "deepseek-chat"}\n' * 20_000,
    "a.go": 'package x\nvar s = `\n' + '{"model": "deepseek-chat"}\n' * 20_000,
    "A.kt": 'val s = """\n' + '{"model": "deepseek-chat"}\n' * 20_000})
scan_probe("s8-json-literal-nul-bytes", "encoding", lambda: {
    "nul.go": 'package x\nvar s = `\n' + '{"model": "deep\x00seek-chat", "model": "gpt-4o"}\n\x00' * 5_000 + "`\n",
    # (a multi-line literal of 40 bytes or less is not read for JSON pairs: this one is longer)
    "ok.go": 'package x\nvar s = `\n{"model": "deepseek-chat", "stream": false}\n`\n'},
    accounted=["nul.go"], checks=(finds("deepseek-chat"),))
scan_probe("s8-nested-templates", "deep-nesting", lambda: {
    "a.kt": 'val m = ' + '"${' * 600 + '"\\n\\"model\\": \\"gpt-4o\\"' + "x" * 200_000 + '"' + '}"' * 600 + "\n",
    "c.tf": 'locals {\n  m = ' + '"${' * 600 + '"model: gpt-4o' + "x" * 200_000 + '"' + '}"' * 600 + "\n}\n",
    "d.cs": 'class A { string m = ' + '$"{' * 600 + '"model gpt-4o' + '"' + '}"' * 600 + "; }\n",
    "e.ts": 'const m = ' + '`${' * 600 + '`\n"model": "gpt-4o"\n' + "x" * 200_000 + '`' + '}`' * 600 + ";\n"})

# (d) Bedrock ARNs, Azure deployments, HCL templates -------------------------------------------------------------
scan_probe("s8-arn-azure-8k-resources", "quadratic-position", lambda: {
    "main.tf": "".join(
        f'resource "x" "y{i}" {{\n  model = "arn:aws:bedrock:${{var.region}}::foundation-model/anthropic.claude-3-'
        f'sonnet-2024{i:04d}-v1:0"\n  url = "https://${{var.n}}.openai.azure.com/openai/deployments/gpt-4o-{i}/chat"\n}}\n'
        for i in range(8_000))}, accounted=["main.tf"])
scan_probe("s8-arn-pathological", "regex-backtracking", lambda: {
    "a.tf": 'locals {\n' + "".join(
        f'  a{i} = "{":foundation-model/" * 16}{"a" * 120}"\n  b{i} = "{"/openai/deployments/" * 14}{"b" * 60}"\n'
        f'  c{i} = "${{x}}{"inference-profile/" * 15}"\n' for i in range(5_000)) + "}\n",
    "a.py": PY_CALL + "".join(f'A{i} = "arn:aws:bedrock:us-east-1::foundation-model/{"x." * 140}"\n'
                              for i in range(5_000))}, accounted=["a.py"])
scan_probe("s8-hcl-unterminated-template", "huge-line", lambda: {
    "a.tf": 'locals {\n  m = "arn:aws:bedrock:${var.region' + "::foundation-model/anthropic.claude-3 " * 50_000 + "\n",
    "b.tf": 'locals {\n  m = "${' * 20_000 + "\n"})

# (e) UPPER_SNAKE constants as one peer table ----------------------------------------------------------------
_CONSTS = [(f"MODEL_NAME_{i}", f"qwen2.5-{i}b-instruct") for i in range(10_000)]
scan_probe("s8-constants-10k", "quadratic-position", lambda: {
    "consts.py": "".join(f'{k} = "{v}"\n' for k, v in _CONSTS) + PY_CALL,
    "Consts.kt": "object C {\n" + "".join(f'    const val {k} = "{v}"\n' for k, v in _CONSTS) + "}\n",
    "consts.rs": "".join(f'pub const {k}: &str = "{v}";\n' for k, v in _CONSTS),
    "Consts.java": "class C {\n" + "".join(f'  static final String {k} = "{v}";\n' for k, v in _CONSTS) + "}\n"},
    accounted=["consts.py"])

# (f) false positives the new rules must not make on ordinary code -----------------------------------------------
_ORDINARY = [("GPT_4O", "gpt-4o"), ("GPT_4O_MINI", "gpt-4o-mini"), ("CLAUDE_3_OPUS", "claude-3-opus"),
             ("GEMINI_1_5_PRO", "gemini-1.5-pro"), ("LLAMA_3_8B", "llama3-8b"), ("API_VERSION_V2", "v2.1"),
             ("SDK_VERSION_2", "sdk-2.4.1"), ("DEFAULT_REGION_US", "us-east-1"), ("SERVICE_V1", "order-service-v1"),
             ("BUILD_TAG_2024", "release-2024.05"), ("NODE_POOL_A100", "a100-pool-8x"), ("PY_3_11", "python-3.11"),
             ("UBUNTU_22", "ubuntu-22.04"), ("NODE_20", "node-20"), ("PIXEL_8", "pixel-8-pro"),
             ("INSTANCE_T4G", "t4g-medium"), ("GPU_A100_80", "a100-80gb"), ("REDIS_7", "redis-7.2-alpine"),
             ("K8S_1_29", "kubernetes-1.29"), ("TLS_1_3", "tls-1.3"), ("RG_PROD_2", "rg-prod-2")]
_NOT_MODELS = (
    *(v for _, v in _ORDINARY[5:]),
    "/var/lib/models/cache", "./models/", "./models/cache", "/opt/models/v2.1", "/models/tmp-2024", "v1.2.3",
    "1.2.3", "v2.0.1", "release-2024.05", "/models/backup-2024-05-01/", "./checkpoints/step-1000",
    "./checkpoints/epoch_3", "./weights/run-42", "/models/node-12", "model.gguf", "./models/latest.gguf",
    "/app/models", "/models/v1", "/srv/llm/app-2", "2024-05-01", "step-1000", "8080", "30s", "nginx:1.25",
    "us-east-1", "node-18", "python3.11", "svc-2", "pod-7f9c", "prod-east", "staging-2")
scan_probe("s8-fp-ordinary-code", "eval", lambda: {
    "setup.sh": "#!/bin/bash\nmkdir -p /var/lib/models/cache\ncd ./models/\ncd ./models/cache\nmkdir -p /opt/models/v2.1\n"
                "ls /models/tmp-2024\nset_model_name v1.2.3\nset_model_name 1.2.3\nset_model_version v2.0.1\n"
                "set_model_name release-2024.05\ncp config.yaml /models/backup-2024-05-01/\n"
                "rm -rf ./checkpoints/step-1000\nmkdir -p ./checkpoints/epoch_3 ./weights/run-42\n"
                "tar xzf weights.tgz -C /models/node-12\nsha256sum model.gguf\n"
                "curl -o ./models/latest.gguf https://example.com/x\n"
                'read_model_config "Port" "8080" "PORT"\nread_model_config "Timeout" "30s" "TIMEOUT"\n'
                'read_model_config "Image" "nginx:1.25" "IMG"\nread_model_config "Region" "us-east-1" "REGION"\n'
                'use_model "node-18" "python3.11"\ndownload_model_weights 2024-05-01 step-1000 epoch_3\n'
                "echo_model_status svc-2 pod-7f9c\n",
    "Dockerfile": "FROM python:3.11\nWORKDIR /app/models\nWORKDIR /models/v1\nWORKDIR /srv/llm/app-2\n",
    "app_config.py": "".join(f'{k} = "{v}"\n' for k, v in _ORDINARY),
    "app_config.rs": "".join(f'pub const {k}: &str = "{v}";\n' for k, v in _ORDINARY),
    "AppConfig.kt": "package x\nobject AppConfig {\n" + "".join(f'    const val {k} = "{v}"\n' for k, v in _ORDINARY)
                    + "}\n",
    "AppConfig.java": "public class AppConfig {\n" + "".join(f'    public static final String {k} = "{v}";\n'
                                                             for k, v in _ORDINARY) + "}\n",
    "main.tf": 'locals {\n  a = "https://${var.name}.openai.azure.com/openai/deployments/prod-east/chat"\n'
               '  b = "https://${var.name}.openai.azure.com/openai/deployments/staging-2"\n}\n'},
    checks=(finds_none(*_NOT_MODELS), finds("gpt-4o", "claude-3-opus")))

# the multi-line-literal JSON read (bf41738) took any key with "model" in it and a binding-only value: a Django
# fixture's "model": "auth.user", "device_model": "SM-G991B", "modelVersion": "v1.2.3" recorded in a test were
# findings (fixed: an embedded pair's value must read as a model by itself, as the JSON file source asks)
scan_probe("s8-fp-json-literal-fixtures", "eval", lambda: {
    "fixtures_test.go": 'package x\n\nconst fixture = `\n[\n'
                        '  {"model": "auth.user", "pk": 1, "fields": {"username": "admin"}},\n'
                        '  {"model": "shop.order", "pk": 2, "fields": {"total": 3}},\n'
                        '  {"device_model": "SM-G991B", "os": "android-13"},\n'
                        '  {"modelVersion": "v1.2.3"},\n'
                        '  {"model": "gpt-4o", "messages": []}\n]\n`\n'},
    checks=(finds_none("auth.user", "shop.order", "SM-G991B", "v1.2.3"), finds("gpt-4o")))

# a bind mount `docker run -v host:container[:ro]` was read by the any-command path rule (6e33dfd) as one path, so
# the finding's raw was the whole spec (fixed: the host folder is the argument)
scan_probe("s8-docker-volume-spec", "eval", lambda: {
    "v.sh": "#!/bin/sh\ndocker run -v /data/models/Qwen2.5-7B-Instruct:/models/Qwen2.5-7B-Instruct:ro img\n"},
    checks=(finds_none("/data/models/Qwen2.5-7B-Instruct:/models/Qwen2.5-7B-Instruct:ro"),
            finds("/data/models/Qwen2.5-7B-Instruct")))


def cpu_below(seconds: float) -> Callable[[Result], str | None]:
    """The child's CPU time is below ``seconds`` (start-up, knowledge base, a file's 2 s budget per source, output):
    wall time on a shared 2-core machine under load ran 2-3 times the CPU, and failed this check spuriously."""
    def check(res: Result) -> str | None:
        if res.cpu_seconds < seconds:
            return None
        return f"used {res.cpu_seconds:.1f} s of CPU, {res.seconds:.1f} s wall (a file's budget is 2 s)"
    return check


# shlex tokenising one 800 KB argument was superlinear and ran before the budget could stop it (10-17 s CPU for this
# file, 130 s for a 2.8 MB token in a 3.8 MB script padded with short lines so that it is not skipped as generated);
# fixed: a command line past 20,000 characters is split on white space, and each comma piece is a budget step
scan_probe("s8-shell-one-huge-token", "huge-line", lambda: {
    "run.sh": "#!/bin/sh\nmkdir " + "a" * 800_000 + "\n" + "echo hello world\n" * 20_000
              + "vllm serve Qwen/Qwen2.5-7B-Instruct\n"},
    accounted=["run.sh"], checks=(cpu_below(6.0), finds("Qwen/Qwen2.5-7B-Instruct")))
