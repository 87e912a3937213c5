"""A real LiteLLM proxy on loopback for the integration tests and bench/runtime_guardrail.py.

``start_proxy`` writes a config (deployments answer with ``mock_response``, so nothing leaves the machine),
the two-line shim that loads modelmap's guardrail and callback, and the project's modelmap.yaml into a
folder, starts ``python -m litellm.proxy.proxy_cli`` on a free loopback port with a random master key,
and waits for ``/health/liveliness``. The caller stops it (``Proxy.stop``) in a ``finally``.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

POLICY = """\
version: 1
flows:
  support: {paths: ["app/support/**"], tags: [customer-facing, regulated]}
  lab: {paths: ["app/lab/**"], tags: [internal]}
rules:
  - id: no-cn-origin-regulated
    severity: error
    message: Regulated flows may not use models of Chinese origin.
    when: "'regulated' in flow.tags"
    deny: "'CN' in origins"
"""

# group -> deployments (upstream model, mock reply); every reply is local (mock_response)
DEPLOYMENTS: dict[str, list[tuple[str, str]]] = {
    "chat": [("deepseek/deepseek-chat", "from deepseek"), ("openai/gpt-4o", "from openai")],
    "cn-only": [("deepseek/deepseek-chat", "from deepseek")],
    "primary": [("openai/gpt-4o", "litellm.InternalServerError")],
    "backup": [("anthropic/claude-3-5-sonnet-20240620", "from anthropic")],
}
FALLBACKS = [{"primary": ["cn-only", "backup"]}]


@dataclass
class Proxy:
    process: subprocess.Popen[bytes]
    base: str
    key: str
    folder: Path
    log: Path

    def post(self, body: dict[str, Any], timeout: float = 30.0) -> tuple[int, dict[str, Any], dict[str, str]]:
        request = urllib.request.Request(
            f"{self.base}/v1/chat/completions", data=json.dumps(body).encode(), method="POST",
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:
                return reply.status, json.loads(reply.read()), dict(reply.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)

    def chat(self, group: str, *, tags: list[str] | None = None, **extra: Any) -> tuple[int, dict[str, Any],
                                                                                       dict[str, str]]:
        body: dict[str, Any] = {"model": group, "messages": [{"role": "user", "content": "hello"}], **extra}
        if tags is not None:
            body["tags"] = tags
        return self.post(body)

    def records(self, wait_for: int = 0, timeout: float = 15.0) -> list[dict[str, Any]]:
        """The callback's JSONL records; waits until there are at least ``wait_for`` (logging is async)."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.log.read_text().splitlines() if self.log.exists() else []
            if len(lines) >= wait_for or time.monotonic() > deadline:
                return [json.loads(line) for line in lines]
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(folder: Path, *, guardrail: bool = True, callback: bool = True,
                 deployments: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    model_list = [{"model_name": group, "litellm_params": {"model": upstream, "api_key": "not-used",
                                                            "mock_response": reply}}
                  for group, items in (deployments or DEPLOYMENTS).items() for upstream, reply in items]
    callbacks = (["modelmap_litellm.guardrail"] if guardrail else []) + (
        ["modelmap_litellm.runtime_log"] if callback else [])
    config: dict[str, Any] = {
        "model_list": model_list,
        "router_settings": {"num_retries": 0, "fallbacks": FALLBACKS, "routing_strategy": "simple-shuffle"},
        "litellm_settings": {"callbacks": callbacks, "num_retries": 0},
    }
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    from modelmap.integrations import LITELLM_SHIM as SHIM

    (folder / "modelmap_litellm.py").write_text(SHIM)
    (folder / "modelmap.yaml").write_text(POLICY)
    return path


def start_proxy(folder: Path, *, guardrail: bool = True, callback: bool = True, ready_s: float = 180.0) -> Proxy:
    config = write_config(folder, guardrail=guardrail, callback=callback)
    port = free_port()
    key = "sk-" + secrets.token_hex(16)
    log = folder / "runtime.jsonl"
    env = {**os.environ, "LITELLM_MASTER_KEY": key, "MODELMAP_CONFIG": str(folder / "modelmap.yaml"),
           "MODELMAP_RUNTIME_LOG": str(log), "LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_LOG": "ERROR",
           "NO_DOCS": "True"}
    out = (folder / "proxy.out").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "litellm.proxy.proxy_cli", "--config", str(config), "--host", "127.0.0.1",
         "--port", str(port), "--telemetry", "False", "--num_workers", "1"],
        cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    proxy = Proxy(process, f"http://127.0.0.1:{port}", key, folder, log)
    deadline = time.monotonic() + ready_s
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the LiteLLM proxy exited ({process.returncode}):\n"
                                   + (folder / "proxy.out").read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"{proxy.base}/health/liveliness", timeout=2) as reply:
                    if reply.status == 200:
                        return proxy
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the LiteLLM proxy was not ready in {ready_s:.0f} s:\n"
                                   + (folder / "proxy.out").read_text()[-3000:])
            time.sleep(0.5)
    except BaseException:
        proxy.stop()
        raise
