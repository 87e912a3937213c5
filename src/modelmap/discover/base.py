"""The Source seam: adding a kind of file to scan means adding one module with one class.

A source declares a stable ``id`` (public contract: waivers and SARIF store it), a one-line
``description``, a cheap ``applies_to(path)`` and ``scan(file)``. It also ships its own
true and false samples (``samples``), which one shared test runs for every source.
"""

from __future__ import annotations

import bisect
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import re2

from modelmap.discover.identify import (
    PLACEHOLDER,
    WHISPER_SIZE,
    Hint,
    Match,
    classify,
    classify_client_endpoint,
    classify_endpoint,
    decide_role,
    names_hub_model,
    stand_in_family_name,
)
from modelmap.discover.peers import GPT3_BASE
from modelmap.types import Finding, Skip, SymbolUse

# -- linear-time patterns ----------------------------------------------------------------------------

# Python's \s, \w and \d are Unicode-aware on str; RE2's are ASCII. These classes keep the meaning a
# pattern had under ``re`` when it moves to RE2 (``linear()``).
_RE2_CLASSES = {
    "s": r"\t\n\x0b\f\r \x1c-\x1f\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}",
    "w": r"\p{L}\p{N}_",
    "d": r"\p{Nd}",
}


def _unicode_classes(pattern: str) -> str:
    r"""Rewrite ``\s \S \w \W \d \D`` with the Unicode classes Python's ``re`` gives them."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            e = pattern[i + 1]
            body = _RE2_CLASSES.get(e.lower())
            if body is not None and not (in_class and e.isupper()):
                if in_class:
                    out.append(body)
                else:
                    out.append(f"[^{body}]" if e.isupper() else f"[{body}]")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            i += 1
            if pattern[i:i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i:i + 1] == "]":  # a leading ] is a literal
                out.append("\\]")
                i += 1
            continue
        if c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def linear(pattern: str) -> Any:
    r"""Compile with RE2: matching time is linear in the text whatever the pattern and input (no
    backtracking), with ``\s``/``\w``/``\d`` meaning what they mean in Python's ``re``. For patterns
    applied line by line: RE2's Python wrapper encodes the whole text on every call, and group spans are
    looked up by number only (``m.start(2)``, not ``m.start("name")``)."""
    return re2.compile(_unicode_classes(pattern))


# -- per-file analysis budget -------------------------------------------------------------------------
#
# Parsing is linear by construction (tree-sitter, ``ast``, RE2 or backtracking-free patterns), but what a
# source does with the tree (value flow, registries, command lines) is bounded by a budget per file: a step
# count and CPU seconds. A source that runs out stops its full analysis, keeps what it found, falls back to
# a cheap pass where it has one, and reports a ``analysis-budget`` Skip, so the downgrade is never silent.
# A tree-sitter parse (``parse_within_budget``) starts the clock: its CPU counts against the same seconds, and
# a parse that outruns them is cancelled (a 1.6 MB HCL file of templates parses in 1-1.6 s, error recovery on
# a NUL inside a Go raw string leaves a flat tree whose nodes are slow to walk).

DEFAULT_BUDGET_SECONDS = 2.0
DEFAULT_BUDGET_STEPS = 5_000_000
# Findings one source may make in one file: a generated file (200k YAML documents, a 400k-entry literal
# list) keeps the first ones and says so with a ``findings-capped`` Skip, instead of growing without bound.
MAX_FINDINGS_PER_FILE = 10_000
# a fill-in the reader replaces ("your-model-id", "your_deployment"): never a model, wherever it is written
_FILL_IN = re.compile(r"(?i)your[-_]")
_CLOCK_EVERY = 1024  # steps between two looks at the CPU clock at most (a clock read is a system call)
# CPU seconds between two looks at the clock at most, when steps are slow: the next look comes after as many steps as
# the last ones took this long to make (1 when one step took longer), so a file whose single steps are slow (a deep
# tree walked per step) stops near its deadline, not 1,024 slow steps past it
_CLOCK_SLICE = 0.02


class BudgetExceeded(Exception):
    """A source used up its per-file analysis budget (steps or CPU seconds)."""


class FindingsCapped(BudgetExceeded):
    """A source made as many findings in one file as it may: the rest of the file is not looked at."""


_KNOWLEDGE_READY = False


def _warm_knowledge() -> None:
    """Load the knowledge base once per process before a budget is used: the readers consult it lazily, and a first
    load inside one file's analysis would be charged to that file (a fresh cache compiles the index in 2-3 s of CPU,
    past the 2 s budget, so the first file analysed would lose its later findings to an ``analysis-budget`` skip)."""
    global _KNOWLEDGE_READY
    if not _KNOWLEDGE_READY:
        from modelmap.knowledge import load

        load()
        _KNOWLEDGE_READY = True


class Budget:
    """Steps and CPU seconds one file may use; ``tick()`` raises :class:`BudgetExceeded` past either."""

    __slots__ = ("_clock_at", "_clock_steps", "_until_clock", "deadline", "dropped", "findings_left", "left",
                 "max_findings", "seconds", "spent", "steps", "stop_at_cap")

    def __init__(self, seconds: float = DEFAULT_BUDGET_SECONDS, steps: int = DEFAULT_BUDGET_STEPS,
                 max_findings: int = MAX_FINDINGS_PER_FILE) -> None:
        self.seconds = seconds
        self.steps = steps
        self.left = steps
        self.max_findings = max_findings
        self.findings_left = max_findings
        self.dropped = 0  # findings past the cap, left out
        self.stop_at_cap = False  # a source that handles FindingsCapped sets this to stop at the cap
        # the clock starts at the first step, so parsing (linear, bounded by the file size limit) is not
        # counted against the analysis
        self.deadline: float | None = None
        self._until_clock = 0
        self._clock_at = 0.0  # the CPU clock at the last look, and the steps counted until the next one
        self._clock_steps = 1
        self.spent: str | None = None
        _warm_knowledge()  # loaded (or compiled, 2-3 s on a fresh install) before any file's clock can start

    def tick(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            self.spent = self.spent or f"more than {self.steps} analysis steps"
            raise BudgetExceeded(self.spent)
        self._until_clock -= n
        if self._until_clock <= 0:
            now = time.process_time()
            if self.deadline is None:
                self.deadline = now + self.seconds
                every = 16  # the pace is not known yet: look again soon
            elif now > self.deadline:
                self.spent = f"more than {self.seconds:g} s of CPU time"
                raise BudgetExceeded(self.spent)
            else:
                took = now - self._clock_at
                steps = self._clock_steps - self._until_clock  # steps made since the last look
                every = _CLOCK_EVERY if took <= 0 else max(1, min(_CLOCK_EVERY, int(steps * _CLOCK_SLICE / took)))
            self._clock_at, self._clock_steps, self._until_clock = now, every, every

    def start_clock(self) -> float:
        """Start the CPU clock now (when no step has yet) and return the deadline."""
        if self.deadline is None:
            self.deadline = time.process_time() + self.seconds
        return self.deadline

    def found(self) -> bool:
        """Count one finding: False once the file has as many as it may (the finding is then left out and
        counted in ``dropped``), or :class:`FindingsCapped` for a source that set ``stop_at_cap``."""
        self.findings_left -= 1
        if self.findings_left >= 0:
            return True
        self.dropped += 1
        if self.stop_at_cap:
            raise FindingsCapped(f"more than {self.max_findings} findings in one file; the first ones are kept")
        return False

    def stop_if_capped(self) -> None:
        """Raise :class:`FindingsCapped` once the findings cap has dropped a finding: a line or token reader calls
        this before each line, since no later line's finding could be kept and reading on only spends the budget
        (a plain YAML file over the parse cap, or a shell script, held 10,000 findings by a fifth of its lines and
        then ran on to its 2 s budget for nothing: redteam19/22). The kept findings are the same either way."""
        if self.dropped:
            raise FindingsCapped(f"more than {self.max_findings} findings in one file; the first ones are kept")

    def exhaust(self) -> None:
        """Mark the budget spent after a nested step caught BudgetExceeded and returned its partial
        result: the caller's next ``tick()`` raises again, with the original reason."""
        self.left = min(self.left, 0)

    def fresh(self) -> Budget:
        """A new allowance of steps and seconds (for a source's cheap fallback pass); findings stay counted."""
        new = Budget(self.seconds, self.steps, self.max_findings)
        new.findings_left, new.dropped, new.stop_at_cap = self.findings_left, self.dropped, self.stop_at_cap
        return new


_current: list[Budget] = []


def budget() -> Budget:
    """The budget of the file being scanned; a fresh default one outside the engine (a direct call)."""
    return _current[-1] if _current else Budget()


class file_budget:  # lower case: read as `with file_budget(seconds, steps):`
    """Install a fresh budget for one file (the engine does this around each file's sources)."""

    def __init__(self, seconds: float = DEFAULT_BUDGET_SECONDS, steps: int = DEFAULT_BUDGET_STEPS,
                 max_findings: int = MAX_FINDINGS_PER_FILE) -> None:
        self.budget = Budget(seconds, steps, max_findings)

    def __enter__(self) -> Budget:
        _current.append(self.budget)
        return self.budget

    def __exit__(self, *exc: object) -> None:
        _current.remove(self.budget)


_PARSE_CHUNK = 64 * 1024  # bytes handed to tree-sitter per read while it parses
# py-tree-sitter (0.22-0.26 at least) never releases the object its read callback returns: the binding keeps the
# callback's return value for tree-sitter's lexer (``PyObject_GetBuffer``, released at the next read) but never drops
# the reference ``PyObject_Call`` handed it, so every bytes slice a parse reads stays in memory for good. Error
# recovery re-reads the input tens of thousands of times (a Bicep ``'''`` string left open over 100,000 lines: 162 MB
# read, and kept, in one 2 s parse; redteam15/16). A parse therefore reads through one ``bytearray`` per thread,
# refilled in place at each read: the leaked references pile up on that one object (a count, no memory), and the
# binding has released the previous read's buffer before it calls back, so the refill never moves memory the lexer
# still reads. No library offers a cancellable parse of a plain buffer instead: ``parser.parse(data)`` ignores the
# progress callback, and 0.26 dropped the parser's timeout.
_read_buffers = threading.local()


def _read_buffer() -> bytearray:
    """This thread's refill buffer for tree-sitter reads (one per thread: another thread's parse may run while this
    one's lexer holds the buffer, when the GIL changes hands inside a Python callback)."""
    buf: bytearray | None = getattr(_read_buffers, "buf", None)
    if buf is None:
        buf = _read_buffers.buf = bytearray(_PARSE_CHUNK)
    return buf


# bytes per read once the tree is built: a callback-parsed tree reads each node's text through the same callback
# (one call per node.text), so a 64 KiB slice per literal cost 10-80 us each (a 64 KiB copy to return ~10 bytes)
_TEXT_CHUNK = 256
_PARSE_UNCHECKED = 32 * 1024  # a file this small is parsed in one call, unwatched (milliseconds)
# A tree-sitter tree costs 16-150 bytes of memory per byte of ordinary source and up to ~430 for dense tokens
# (a 1 MB Ruby list of 1s: 413 MB; 3.9 MB of HCL templates: 560 MB): the resident memory a parse may add
# before it is cancelled (the file is then an analysis-budget skip, like a parse that outruns its time)
MAX_PARSE_GROWTH = 256 * 1024 * 1024
try:
    _PAGE = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):  # no sysconf: no memory watch
    _PAGE = 0


def _resident() -> int | None:
    """This process's resident memory in bytes (Linux /proc), or None where it cannot be read."""
    if not _PAGE:
        return None
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def parse_within_budget(parser: Any, data: bytes) -> Any:
    """``parser.parse(data)`` with its CPU counted against the file's budget (the budget's clock starts here):
    a parse still running past the deadline, or one whose tree has added ``MAX_PARSE_GROWTH`` bytes of resident
    memory, is cancelled (tree-sitter's progress callback, which it only calls when it reads its input through a
    callback) and :class:`BudgetExceeded` says so; the parser is reset.

    Both are also watched from the read callback, every 64th read: in error recovery (a Bicep ``'''`` string left
    open over 100,000 lines) tree-sitter re-reads its input tens of thousands of times between sparse progress calls
    (~5 ms apart), its parse time grows with the square of the size, and the binding holds memory per read: a 300 KB
    file grew 1.9 GB in 13 s of CPU before the 256th progress call looked (redteam15)."""
    allowance = budget()
    deadline = allowance.start_clock()
    if len(data) <= _PARSE_UNCHECKED:
        return parser.parse(data)
    calls = reads = 0
    parsing = True
    view = memoryview(data)
    buf = _read_buffer()
    start = _resident()
    ceiling = None if start is None else start + MAX_PARSE_GROWTH
    too_big = stop = False

    def over() -> bool:
        nonlocal too_big, stop
        if ceiling is not None:
            now = _resident()
            if now is not None and now > ceiling:
                too_big = stop = True
                return True
        stop = time.process_time() > deadline
        return stop

    def read(offset: int, _point: object) -> bytes | bytearray:
        nonlocal reads
        if not parsing:  # node.text of the finished tree: a slice, which the binding does release after copying it
            return data[offset:offset + _TEXT_CHUNK]
        reads += 1
        if not reads & 63 and not stop:
            over()  # the next progress call cancels the parse
        buf[:] = view[offset:offset + _PARSE_CHUNK]  # in place: no new object for the binding to keep
        return buf

    def progress(_offset: int, _has_error: bool) -> bool:
        nonlocal calls
        calls += 1  # called every few dozen bytes: the clock (a system call) is read every 256th time
        if stop:
            return True
        if calls & 255:
            return False
        return over()

    try:
        tree = parser.parse(read, progress_callback=progress)
    except ValueError:  # "Parsing failed": the callback cancelled it (or the parser had no language)
        parser.reset()
        if too_big:
            allowance.spent = f"the parse tree grew past {MAX_PARSE_GROWTH >> 20} MB of memory"
        elif time.process_time() <= deadline:
            raise
        else:
            allowance.spent = f"parsing ran past {allowance.seconds:g} s of CPU time"
        allowance.exhaust()
        raise BudgetExceeded(allowance.spent) from None
    parsing = False  # node.text reads through ``read`` from here on: small slices (it wants bytes, not a bytearray)
    return tree


def budget_skip(path: str, source: str, exc: BudgetExceeded | str, fallback: str = "findings so far kept") -> Skip:
    """The Skip that reports a downgraded analysis: what ran out and what was done instead.
    Reason ``findings-capped`` when the file hit the findings cap, else ``analysis-budget``."""
    if isinstance(exc, FindingsCapped):
        return Skip(path, "findings-capped", f"{source}: {exc}")
    return Skip(path, "analysis-budget", f"{source}: {exc}; {fallback}")


@dataclass(frozen=True)
class SourceFile:
    """A file handed to a source: its path relative to the scan root and its decoded text."""

    path: str
    text: str
    context: str = "app"


@dataclass(frozen=True)
class Sample:
    """A file a source must (or must not) find models in: gitleaks-style rule samples."""

    path: str
    text: str
    expect: tuple[str, ...] = ()  # raw values that must be found; empty = nothing may be found


class Source(Protocol):
    # read-only members, so that plain class attributes (with precise tuple types) satisfy them
    @property
    def id(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def samples(self) -> tuple[Sample, ...]: ...

    def applies_to(self, path: str) -> bool: ...

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip | SymbolUse]: ...


# a local weight file's path: its folders and its stem (no scheme, template or shell syntax)
_LOCAL_WEIGHT_PATH = re.compile(r"(?i)((?:[\w.-]+[/\\]+)*)([\w.-]+)\.(?:gguf|ggml|llamafile|safetensors|onnx|tflite|bin|pt|"
                                r"pth|ckpt|h5)")


_DRIVE = re.compile(r"^[A-Za-z]:(?=[/\\])")
_FILE_SCHEME = re.compile(r"^file:(?://(?:localhost)?)?(?=[/A-Za-z.])", re.IGNORECASE)


# Test code names the model entries it builds with made-up words (`"model": "m-a"`, `"paid-high"`, `"team-x"`,
# `"monkeycode-ultra-x"`, `"voice-anthropic"`, `"original-id"`): under a model-named binding such a word is the
# binding-only rule's weakest finding, and in a test it is a stand-in the test feeds its own code, no model anyone
# calls (held-out-26's labels leave the invented tier names of a product's tests unlabelled, as earlier sets left
# `model-no-tags`, `ui-tars-sft`, `clf-x`). A real model's id that nothing else knows carries a version or size digit
# almost always (`helix-4`, `aura-2-thalia-en`, `cohere-transcribe-03-2026`, which stay), or is the name part of a
# Hub model the knowledge base holds (FunASR's `fsmn-vad`, which stays); in the opened corpus the rule drops 40
# stand-ins and 2 real names that have neither (a legacy `sonar-huge`, `mars-flash`)
_DIGIT = re.compile(r"\d")
# a name whose last word is `model` (`kimi-env-model`, `fake_chat_model`, `gpt-3.5-test-model`)
_MODEL_WORD_TAIL = re.compile(r"(?i)[a-z0-9.]+(?:[-_][a-z0-9.]+){0,5}[-_]models?")
# ... except a Whisper checkpoint's size name where the classifier read a speech model (`WhisperKitConfig(model:
# "tiny.en")`, `load_model("base")`): the released checkpoints are named by these words alone, no test made them up
_WHISPER_NAME = re.compile(WHISPER_SIZE)


def stand_in_weight_path(value: str) -> bool:
    """``models/model.gguf``, ``./models/a.gguf``, ``/exports/model-q4_k_m.gguf``, ``weights/model.safetensors``,
    ``file:///model.onnx``, ``models\\nested\\local-model.gguf``: a weight file's path whose file name is made of
    test words, "model" and one- or two-letter parts only, and none of whose folders names a model. In a test such a
    path is the file the test writes or expects (a fixture, a copy target), the same whatever model a user puts there; a
    real checkpoint's path in a test names the model somewhere (``models/llama-2-7b/model.safetensors``,
    ``Whisper/tiny.pt``). The check is on the path alone, so it holds for every language's tests; outside tests the
    same path is left to the sources."""
    # (`C:/models/model.onnx` too, and the same path as a file URL: `file:///model.onnx`, `file:models/a.gguf`)
    m = _LOCAL_WEIGHT_PATH.fullmatch(_DRIVE.sub("", _FILE_SCHEME.sub("", value.strip()).lstrip("/\\")).lstrip("/\\"))
    if m is None:
        return False
    from modelmap.discover.identify import is_model_ish
    from modelmap.discover.python import _stand_in_stem  # the Python source's test-file-name words
    if not _stand_in_stem(m.group(2)):
        return False
    return not any(is_model_ish(part) for part in re.split(r"[/\\]+", m.group(1)) if part not in ("", ".", ".."))


@dataclass
class Collector:
    """Builds findings for one file; shared by the sources so each one stays small."""

    file: SourceFile
    source_id: str
    findings: list[Finding] = field(default_factory=list)
    _line_starts: list[int] | None = None
    budget: Budget = field(default_factory=budget)

    def line_starts(self) -> list[int]:
        """The offset in the file text where each line starts (index 0: line 1), built once per file."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.file.text)
        return self._line_starts

    def line_offset(self, line: int) -> int | None:
        """The offset where 1-based ``line`` starts in the file text; None past its last line."""
        starts = self.line_starts()
        return starts[line - 1] if 1 <= line <= len(starts) else None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) for a character offset in the file text (O(log lines) per call)."""
        starts = self.line_starts()
        idx = bisect.bisect_right(starts, offset) - 1
        return idx + 1, offset - starts[idx] + 1

    @staticmethod
    def reports_nothing(value: str, hint: Hint = "none") -> bool:
        """True when ``model(value, …, hint=hint)`` reports nothing whatever its other arguments (the first test
        it makes): a caller may skip the work that only feeds it, such as finding the value's line and column."""
        return classify(value, hint) is None and not (hint in ("key", "api") and value.strip().lower() in GPT3_BASE)

    def model(
        self,
        value: str,
        line: int,
        column: int,
        *,
        hint: Hint = "none",
        role: str | None = None,
        api: str | None = None,
        provider: str | None = None,
        endpoint: str | None = None,
        symbol: str | None = None,
        source_id: str | None = None,
        boost: float = 0.0,
        key_role: str | None = None,
    ) -> Finding | None:
        """``role``: what the API the value reaches says; ``key_role``: what the key holding it says
        (the weakest evidence, see identify.decide_role)."""
        match = classify(value, hint)
        if match is None and hint in ("key", "api") and value.strip().lower() in GPT3_BASE:
            # `"model": "curie"`, `model="davinci"`: a GPT-3 base model's one-word API name, an ordinary word
            # elsewhere, under a key or in a call that says "model" (the classifier's rule for the tree-sitter readers)
            match = Match("api-model", "openai-api", 0.6)
        if match is None or ((hint != "none" or _FILL_IN.match(value)) and "/" not in value
                             and PLACEHOLDER.match(value) and match.confidence < 0.9):
            # a test double or template under a model key (deployment_name="dummy-q2-gpt35"); a "your-…" value is
            # one anywhere (DOUBAO_1_5_VP=your-doubao-1-5-vp-model-id in an .env example)
            return None
        return self.add(value, line, column, match, role=role, api=api, provider=provider, endpoint=endpoint,
                        symbol=symbol, source_id=source_id, boost=boost, key_role=key_role)

    def add(
        self,
        value: str,
        line: int,
        column: int,
        match: Match,
        *,
        role: str | None = None,
        api: str | None = None,
        provider: str | None = None,
        endpoint: str | None = None,
        symbol: str | None = None,
        source_id: str | None = None,
        boost: float = 0.0,
        evidence: tuple[str, ...] | None = None,
        key_role: str | None = None,
        context: str | None = None,
    ) -> Finding:
        """``context``: the role of the code the literal sits in when it is narrower than the file's (a Rust
        ``#[cfg(test)]`` module or ``#[test]`` function in an app's source file), else the file's."""
        context = context or self.file.context
        finding = Finding(
            path=self.file.path,
            line=line,
            column=column,
            raw=value.strip(),
            kind=match.kind,
            role=decide_role(value, api_role=role, match_role=match.role, key_role=key_role),
            context=context,
            source=source_id or self.source_id,
            provider=provider or match.provider,
            endpoint=endpoint,
            symbol=symbol,
            confidence=round(min(1.0, match.confidence + boost), 2),
            api=api,
            evidence=evidence,
        )
        if match.kind == "model-file" and context == "test" and stand_in_weight_path(value):
            return finding  # a test's fixture path, not a model (stand_in_weight_path): built, not kept
        if context == "test" and evidence and "binding-only" in evidence and not _DIGIT.search(value) \
                and not names_hub_model(value) and not (finding.role == "speech" and _WHISPER_NAME.fullmatch(value)):
            return finding  # a test's stand-in name (see _DIGIT): built, not kept
        if context == "test" and match.kind == "api-model" and match.provider is None \
                and _MODEL_WORD_TAIL.fullmatch(value) and not names_hub_model(value):
            return finding  # `kimi-env-model`, `gpt-3.5-env-model`: a test's name for the model it sets, ending in the
            # word `model`, which no provider's id ends with
        if context == "test" and match.kind == "api-model" and stand_in_family_name(value):
            return finding  # `model: 'gpt-duration'`: a test's made-up name, a family word and words no model has
        if self.budget.found():
            self.findings.append(finding)
        return finding

    def endpoint(self, value: str, line: int, column: int, *, symbol: str | None = None,
                 source_id: str | None = None, client: bool = False) -> Finding | None:
        """An endpoint finding for a model API's base URL; ``client``: the value is bound to a model client's base
        URL in code, where a private or cluster-internal model server counts too (``classify_client_endpoint``)."""
        hit = classify_client_endpoint(value) if client else classify_endpoint(value)
        if hit is None:
            return None
        provider, url = hit
        finding = Finding(
            path=self.file.path, line=line, column=column, raw=value.strip(), kind="endpoint", role="unknown",
            context=self.file.context, source=source_id or self.source_id, provider=provider, endpoint=url,
            symbol=symbol, confidence=0.95,
        )
        if self.budget.found():
            self.findings.append(finding)
        return finding


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


GENERATED_SIZE = 1_000_000  # characters or bytes
GENERATED_LINE = 20_000


def looks_generated(text: bytes | str) -> bool:
    """Megabyte-scale text in lines averaging over 20,000 characters: generated (bundles, dumps, data as
    code). Parsing one costs hundreds of MB of syntax tree for no hand-written model reference, so such a
    file (or notebook cell) is reported as a ``generated`` skip instead. Only large texts are counted."""
    if len(text) <= GENERATED_SIZE:
        return False
    newlines = text.count(b"\n") if isinstance(text, bytes) else text.count("\n")
    return len(text) / (newlines + 1) > GENERATED_LINE


class CharColumns:
    """UTF-8 byte column → character column, O(log n) per lookup.

    Parsers (``ast``, tree-sitter) give columns in UTF-8 bytes; slicing and decoding the line on every
    lookup is quadratic on a one-line file with many literals. Each line that has non-ASCII characters
    gets one table (byte offset of each wide character, extra bytes up to it) built on first use."""

    def __init__(self, line_of: Callable[[int], str]) -> None:
        self.line_of = line_of  # 0-based row -> the line's text
        self.tables: dict[int, tuple[list[int], list[int]] | None] = {}

    def char_col(self, row: int, byte_col: int) -> int:
        if byte_col <= 0:
            return byte_col
        if row in self.tables:
            table = self.tables[row]
        else:
            text = self.line_of(row)
            table = None
            if not text.isascii():
                offsets: list[int] = []
                extra: list[int] = []
                added = 0
                for m in _NON_ASCII.finditer(text):
                    offsets.append(m.start() + added)
                    added += len(m.group().encode("utf-8", "surrogatepass")) - 1
                    extra.append(added)
                table = (offsets, extra)
            self.tables[row] = table
        if table is None:
            return byte_col
        offsets, extra = table
        i = bisect.bisect_left(offsets, byte_col)  # wide characters that start before byte_col
        col = byte_col - (extra[i - 1] if i else 0)
        if i and byte_col < offsets[i - 1] + extra[i - 1] - (extra[i - 2] if i > 1 else 0) + 1:
            col = offsets[i - 1] - (extra[i - 2] if i > 1 else 0)  # inside a wide character: its start
        return col


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` starts (for bisect-based line lookups)."""
    starts = [0]
    starts.extend(m.end() for m in _NEWLINE.finditer(text))
    return starts


_NEWLINE = re.compile("\n")


def dedupe(findings: Iterable[Finding]) -> Iterator[Finding]:
    """One finding per (path, line, column, raw): keep the most specific one."""
    best: dict[tuple[str, int, int, str], Finding] = {}
    for f in findings:
        key = (f.path, f.line, f.column, f.raw)
        old = best.get(key)
        if old is None or _rank(f) > _rank(old):
            if old is not None:
                f = _merge(f, old)
            best[key] = f
        else:
            best[key] = _merge(old, f)
    yield from best.values()


def _rank(f: Finding) -> tuple[int, float]:
    return (int(f.role != "unknown") + int(f.api is not None) + int(f.endpoint is not None), f.confidence)


_CARRIED = ("client-region:", "trust-remote-code", "revision:")


def _merge(keep: Finding, other: Finding) -> Finding:
    changes = {}
    for attr in ("endpoint", "provider", "api", "symbol"):
        if getattr(keep, attr) is None and getattr(other, attr) is not None:
            changes[attr] = getattr(other, attr)
    if keep.role == "unknown" and other.role != "unknown":
        changes["role"] = other.role
    regions = [e for e in other.evidence or () if e.startswith(_CARRIED) and e not in (keep.evidence or ())]
    if regions:
        # a model id kept in a constant (MODEL_ID = "anthropic.claude-…") and called through a Bedrock client of a
        # known Region: the call's Region stays with the one finding at the constant; so does how each call that
        # the constant reaches loads it (``trust-remote-code``, ``revision:``: types.load_facts)
        from modelmap.discover.classifier import evidence_of

        changes["evidence"] = (*evidence_of(keep), *regions)
    return replace(keep, **changes) if changes else keep


_NOT_LINE_BREAK = re.compile(r"[^\r\n]")


def blank_outside(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` (sorted, disjoint) turned to spaces, line breaks kept: a reader
    hands a grammar only the code parts of a file (Ruby heredoc bodies, Test::Nginx Lua blocks) at their real lines
    and columns."""
    parts: list[str] = []
    pos = 0
    for a, b in spans:
        parts.append(_NOT_LINE_BREAK.sub(" ", text[pos:a]))
        parts.append(text[a:b])
        pos = b
    parts.append(_NOT_LINE_BREAK.sub(" ", text[pos:]))
    return "".join(parts)
