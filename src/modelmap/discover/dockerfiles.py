"""Dockerfiles (``Dockerfile``, ``Dockerfile.*``, ``*.dockerfile``, ``Containerfile``).

Instructions are joined across ``\\`` line continuations (comment lines inside are dropped) and
each value is reported at its exact line and column in the file:

* ``RUN`` → ``dockerfile-run``: ``ollama pull X``, ``huggingface-cli download X``, ``vllm serve X``,
  and ``python -c "…snapshot_download('X')…"`` style one-liners;
* ``ENV`` / ``ARG`` → ``dockerfile-env``: model keys (``MODEL_ID=X``, ``ENV EMBEDDING_MODEL X``) and
  model-API URLs (``dockerfile-endpoint``);
* ``CMD`` / ``ENTRYPOINT`` (exec JSON form and shell form) → ``dockerfile-cmd``;
* ``COPY`` / ``ADD`` → ``dockerfile-value``: a model directory (``/opt/app/models/bge-large-zh-v1.5``), a weight
  file named for a model, a model URL that ``ADD`` downloads.

``FROM`` images are not models; an inference-server base image (``vllm/vllm-openai``,
``ollama/ollama`` …) gives the api and role of the ``--model`` its CMD passes.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterable, Iterator

from modelmap.discover.base import Sample, SourceFile, linear
from modelmap.discover.compose import server_of
from modelmap.discover.config_files import Scalar, SourceIds, TreeWalker, scan_command
from modelmap.discover.identify import is_model_ish
from modelmap.types import Finding, Skip

_NAME = re.compile(r"(^|/)(Dockerfile[^/]*|[^/]+\.dockerfile|Containerfile[^/]*)$", re.I)
_INSTR = re.compile(r"^\s*([A-Za-z]+)\s+(.*)$", re.S)
# RE2: linear on any ENV line (re rescans a long run of name characters from each of its positions)
_ENV_PAIR = linear(r"""([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)""")
_PY_CALL = re.compile(
    r"(?:snapshot_download|hf_hub_download|from_pretrained|SentenceTransformer|CrossEncoder|TextEmbedding|pipeline|"
    r"AutoTokenizer\.from_pretrained)\s*\((?:[^()'\"]*?\b(?:repo_id|model_name_or_path|model_name|model)\s*=\s*)?"
    r"\\?['\"]([^'\"\\\s]+)\\?['\"]"
)
_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][\w-]*)[\"']?")
_QUOTED = re.compile(r"\"([^\"\s\\]{2,120})\"|'([^'\s\\]{2,120})'")
# a JSON document written as one single-quoted shell word (`echo '{"model": "vllm/org/name", …}' > opencode.json`,
# `curl -d '{"model": …}'`): a config file a RUN writes into the image, or a request body it sends
_SHELL_JSON = re.compile(r"'(\{[^'\n]{2,65536}\})'")
_IDS = SourceIds("dockerfile-env", "dockerfile-value", "dockerfile-endpoint", "dockerfile-run", "dockerfile-env")


def instructions(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(instruction, arguments, start offset, end offset) with continuations joined.

    A heredoc body (``RUN <<EOF`` / ``COPY <<EOF file``) follows its instruction as a pseudo
    instruction ``HEREDOC-RUN`` / ``HEREDOC-COPY`` whose arguments are the body text.
    """
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for raw in lines:
        offsets.append(offsets[-1] + len(raw))
    parts: list[str] = []
    start = 0
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r\n")
        here = offsets[i]
        i += 1
        stripped = line.strip()
        if not parts:
            if not stripped or stripped.startswith("#"):
                continue
            start = here
        elif stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            parts.append(stripped[:-1])
            continue
        parts.append(stripped)
        m = _INSTR.match(" ".join(parts))
        parts = []
        if not m:
            continue
        instr = m.group(1).upper()
        yield instr, m.group(2), start, here + len(line)
        for marker in _HEREDOC.findall(m.group(2)):
            body_start = offsets[i] if i < len(lines) else len(text)
            while i < len(lines) and lines[i].strip() != marker:
                i += 1
            body_end = offsets[i] if i < len(lines) else len(text)
            i += 1
            yield f"HEREDOC-{instr}", text[body_start:body_end], body_start, body_end
    if parts:
        m = _INSTR.match(" ".join(parts))
        if m:
            yield m.group(1).upper(), m.group(2), start, len(text)


class DockerfileSource:
    id = "dockerfile"
    description = "Dockerfiles: RUN ollama pull / huggingface-cli download, ENV/ARG model ids, CMD/ENTRYPOINT --model"
    samples = (
        Sample(
            "Dockerfile",
            "FROM ollama/ollama:latest\nARG EMBEDDING_MODEL=nomic-embed-text\n"
            "RUN ollama serve & sleep 5 && \\\n    ollama pull llama3.1:8b\n"
            "ENV MODEL_ID=Qwen/Qwen2.5-7B-Instruct\n",
            ("nomic-embed-text", "llama3.1:8b", "Qwen/Qwen2.5-7B-Instruct"),
        ),
        Sample("docker/app.dockerfile",
               "FROM python:3.11-slim\nCOPY models/ /app/models/\nRUN pip install -r requirements.txt\n"
               "CMD [\"python\", \"-m\", \"app\"]\n", ()),
        Sample("docker/embed.dockerfile",
               "FROM python:3.11-slim\nCOPY --chown=app:app ./weights/ /opt/app/models/bge-large-zh-v1.5/\n", (
                   "/opt/app/models/bge-large-zh-v1.5/",)),
    )

    def applies_to(self, path: str) -> bool:
        return bool(_NAME.search(path)) and not path.lower().endswith((".md", ".txt", ".py", ".sh", ".json"))

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        walker = TreeWalker(file, _IDS)

        def run() -> None:
            tick = walker.collector.budget.tick
            for instr, args, start, end in instructions(file.text):
                tick()  # raises once a nested command scan has spent the file's budget (it returns what it found)
                span = Scalar(args, start, end)
                if instr == "FROM":
                    image = args.split()[0] if args.split() else ""
                    hit = server_of(image)
                    walker.server_api, walker.server_role = (hit[1], hit[2]) if hit else (None, None)
                elif instr in ("ENV", "ARG"):
                    self._env(walker, args, span)
                elif instr == "RUN":
                    self._run(walker, file, args, span)
                elif instr == "WORKDIR" and args.strip():
                    # `WORKDIR /models/org/Qwen2.5-7B-Instruct-GGUF`: read as the `cd` it is
                    self._run(walker, file, "cd " + args.strip(), span)
                elif instr in ("CMD", "ENTRYPOINT"):
                    self._cmd(walker, file, args, span)
                elif instr in ("COPY", "ADD"):
                    self._copy(walker, args, span)
                elif instr.startswith("HEREDOC-"):
                    self._heredoc(walker, file, instr, args, start)

        return walker.guarded(run, self.id)

    def _env(self, walker: TreeWalker, args: str, span: Scalar) -> None:
        pairs = list(_ENV_PAIR.finditer(args))
        if pairs and args.lstrip().startswith(pairs[0].group(0)):
            items = [(m.group(1), m.group(2)) for m in pairs]
        else:  # ENV KEY value with spaces (legacy form)
            key, _, value = args.strip().partition(" ")
            items = [(key, value.strip())]
        for key, value in items:
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value:
                found = walker.file.text.find(value, span.start, span.end)
                begin = found if found >= 0 else span.start
                walker.scalar(Scalar(value, begin, begin + len(value)), key, None, None, True)

    def _run(self, walker: TreeWalker, file: SourceFile, args: str, span: Scalar) -> None:
        found: list[Finding] = []
        command = _exec_form(args) or args
        for part in re.split(r"&&|\|\||;|\||(?<![<>])&(?!&)", command) if len(command) < 50_000 else [command]:
            if part.strip():
                found.extend(scan_command(file, part, "dockerfile-run"))
        for m in _PY_CALL.finditer(command):
            value = m.group(1)
            hit = walker.collector.model(value, 1, 1, hint="hf", api="huggingface_hub", source_id="dockerfile-run")
            if hit is not None:
                walker.collector.findings.remove(hit)
                found.append(hit)
        self._place(walker, found, span)
        if "'{" in args:
            # each JSON document the command writes out (an app's config file: OpenCode's `"model":
            # "vllm/Qwen/…"` and its `"models": {"Qwen/…": {…}}` table) is read as that file would be, at the place
            # it is written in the Dockerfile (config_files.TreeWalker.embedded_json: bounded, 32 a file)
            text = walker.file.text
            for m in _SHELL_JSON.finditer(text, span.start, span.end):
                walker.tick()
                walker.embedded_json(Scalar(m.group(1), m.start(1), m.end(1)), None, None, None)

    def _cmd(self, walker: TreeWalker, file: SourceFile, args: str, span: Scalar) -> None:
        command = _exec_form(args) or args
        found: list[Finding] = []
        for part in re.split(r"&&|\|\||;|\|", command):
            if part.strip():
                found.extend(scan_command(file, part, "dockerfile-cmd"))
        # an inference-server image runs its entrypoint on CMD's flags: ["--model", "X"]
        self._place(walker, found, span)

    def _copy(self, walker: TreeWalker, args: str, span: Scalar) -> None:
        """``COPY``/``ADD`` sources and destination: a model directory (``/opt/app/models/bge-large-zh-v1.5``) or
        weight file, or a model URL that ``ADD`` downloads; ``--from``/``--chown`` options and folders that only
        hold models (``models/``) are not."""
        exec_items = _exec_form(args)
        try:
            tokens = shlex.split(exec_items if exec_items is not None else args)
        except ValueError:
            tokens = args.split()
        text = walker.file.text
        cursor = span.start
        for token in tokens[:64]:
            walker.tick()
            if token.startswith("--") or "<<" in token:
                continue
            found = text.find(token, cursor, span.end)
            begin = found if found >= 0 else span.start
            cursor = begin + len(token) if found >= 0 else cursor
            item = Scalar(token, begin, begin + len(token))
            last = token.rstrip("/").rsplit("/", 1)[-1]
            if "://" in token:
                walker.scalar(item, None, None, None)  # ADD https://huggingface.co/org/name/resolve/main/x.gguf
            elif "." not in last or is_model_ish(last.rsplit(".", 1)[0]):
                # a weight file named for no model (model.safetensors, pytorch_model.bin) says which model nowhere
                walker.volume(item, token)

    def _heredoc(self, walker: TreeWalker, file: SourceFile, instr: str, body: str, start: int) -> None:
        """A heredoc body: a script (RUN) is scanned line by line; any body's string literals by name."""
        offset = start
        for line in body.splitlines(keepends=True):
            span = Scalar(line, offset, offset + len(line))
            if instr == "HEREDOC-RUN" and line.strip() and not line.lstrip().startswith("#"):
                self._run(walker, file, line.strip(), span)
            for m in _QUOTED.finditer(line):
                value = m.group(1) or m.group(2)
                line_no, col = walker.collector.position(offset + m.start() + 1)
                walker.collector.model(value, line_no, col, hint="none", source_id="dockerfile-value")
            offset += len(line)

    def _place(self, walker: TreeWalker, found: list[Finding], span: Scalar) -> None:
        walker._relocate(found, [span])


def _exec_form(args: str) -> str | None:
    text = args.strip()
    if not text.startswith("["):
        return None
    try:
        items = json.loads(text)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        return None
    # ["sh", "-c", "ollama serve & ollama pull x"]: the script is the command
    if len(items) >= 3 and items[0].rsplit("/", 1)[-1] in ("sh", "bash") and items[1] == "-c":
        return " ".join(items[2:])
    return shlex.join(items)
