"""An engine that asks models through inspect-ai (MIT), the evaluation framework the issue names.

Optional: ``pip install 'modelmap[eval]'`` brings the exact inspect-ai release this adapter was tested
with. It is imported lazily, only when ``--engine inspect`` (or ``auto`` with inspect-ai installed) runs,
because its import costs seconds.

Each batch (one suite for one model) becomes one inspect-ai Task: a dataset of the suite's chat messages
and the plain ``generate()`` solver, with no inspect scorer; modelmap scores the answers itself so that
both engines score alike. The model is reached through inspect-ai's OpenAI-compatible provider
(``openai-api/<service>/<model>``, chat completions) with the base URL and key passed directly, never
through the environment. Every inspect-ai log (JSON) is kept as evidence: its path, sha256 and size go
into the result. The adapter is the hand-written part; it holds no data.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path
from typing import Any

from modelmap.errors import UsageError
from modelmap.eval.engine import TEXT_LIMIT, ModelSpec, Reply

INSPECT_VERSION = "0.3.285"
SERVICE = "modelmap"


def is_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("inspect_ai") is not None


class InspectEngine:
    """Runs each batch of requests as one inspect-ai task and keeps its log as evidence."""

    id = "inspect-ai"

    def __init__(self, api_key: str | None, log_dir: Path, *, timeout: float = 120.0) -> None:
        self._key = api_key
        self._timeout = timeout
        self.log_dir = log_dir
        self.evidence: list[dict[str, Any]] = []
        self._counter = itertools.count(1)

    def __repr__(self) -> str:  # never show the key
        return f"InspectEngine(log_dir={str(self.log_dir)!r})"

    def complete(self, model: ModelSpec, messages: list[dict[str, str]], *, max_tokens: int,
                 temperature: float) -> Reply:
        return self.complete_many(model, [messages], max_tokens=max_tokens, temperature=temperature)[0]

    def complete_many(self, model: ModelSpec, batch: list[list[dict[str, str]]], *, max_tokens: int,
                      temperature: float, concurrency: int = 8, name: str = "modelmap-eval") -> list[Reply]:
        try:
            from inspect_ai import Task
            from inspect_ai import eval as inspect_eval
            from inspect_ai.dataset import Sample
            from inspect_ai.model import (
                ChatMessageAssistant,
                ChatMessageSystem,
                ChatMessageUser,
                GenerateConfig,
                get_model,
            )
            from inspect_ai.solver import generate
        except ImportError as exc:
            raise UsageError("--engine inspect needs inspect-ai",
                             hint=f"pip install 'modelmap[eval]' (inspect-ai=={INSPECT_VERSION}), "
                             "or use --engine http") from exc
        kinds = {"system": ChatMessageSystem, "user": ChatMessageUser, "assistant": ChatMessageAssistant}
        samples = [Sample(id=i, input=[kinds[m["role"]](content=m["content"]) for m in messages])
                   for i, messages in enumerate(batch)]
        # inspect-ai's ``timeout`` only bounds the retries (checked between attempts): a server that stalls
        # inside one attempt held a run forever. ``attempt_timeout`` cancels the attempt, and the HTTP
        # client's own timeout (``client_timeout``) bounds each request below it.
        seconds = max(1, int(self._timeout))
        config = GenerateConfig(max_tokens=max_tokens, temperature=temperature, timeout=seconds,
                                attempt_timeout=seconds, max_connections=concurrency, max_retries=1)
        handle = get_model(f"openai-api/{SERVICE}/{model.id}", base_url=model.base_url,
                           api_key=self._key or "none", config=config, memoize=False,
                           client_timeout=float(seconds))
        task = Task(dataset=samples, solver=generate(), name=f"{name}-{next(self._counter)}")
        self.log_dir.mkdir(parents=True, exist_ok=True)
        logs = inspect_eval(task, model=handle, log_dir=str(self.log_dir), log_format="json", display="none",
                            fail_on_error=False, score=False, max_samples=concurrency)
        log = logs[0]
        replies: dict[int, Reply] = {}
        for sample in log.samples or []:
            error = getattr(sample, "error", None)
            elapsed = float(getattr(sample, "total_time", None) or 0.0)
            if error is not None:
                replies[int(sample.id)] = Reply(None, latency_s=elapsed, error=f"inspect-ai: {error.message}"[:300])
                continue
            text = sample.output.completion if sample.output else ""
            usage = sample.output.usage if sample.output else None
            replies[int(sample.id)] = Reply(text[:TEXT_LIMIT], truncated=len(text) > TEXT_LIMIT, latency_s=elapsed,
                                            prompt_tokens=getattr(usage, "input_tokens", None),
                                            completion_tokens=getattr(usage, "output_tokens", None),
                                            raw_model=sample.output.model if sample.output else None)
        self._keep(log, model, len(batch))
        missing = Reply(None, error=f"inspect-ai run ended with status {log.status}")
        return [replies.get(i, missing) for i in range(len(batch))]

    def _keep(self, log: Any, model: ModelSpec, samples: int) -> None:
        location = str(getattr(log, "location", "") or "")
        path = Path(location.removeprefix("file://")) if location else None
        if path is None or not path.is_file():
            self.evidence.append({"file": location or None, "sha256": None, "bytes": None, "samples": samples,
                                  "engine": self.id, "model": model.id, "note": "inspect-ai wrote no log file"})
            return
        data = path.read_bytes()
        self.evidence.append({"file": f"{self.log_dir.name}/{path.name}", "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                              "samples": samples, "engine": self.id, "model": model.id})
