"""The demo's docker-compose ``runtime`` profile and the files it mounts (issue 15). Docker cannot run in tests:
this checks the compose file's shape, that every image is pinned by a tag, that every mounted file exists and
that the LiteLLM config loads modelmap's guardrail and callback through the shim."""

from __future__ import annotations

import re
from typing import Any

import yaml

from modelmap.integrations import LITELLM_SHIM as SHIM
from tests.conftest import ROOT

DEMO = ROOT / "examples" / "demo-app"
RUNTIME = ROOT / "examples" / "runtime"
COMPROMISED_LITELLM = {"1.82.7", "1.82.8", "1.107.0"}


def compose() -> dict[str, Any]:
    doc = yaml.safe_load((DEMO / "docker-compose.yml").read_text())
    assert isinstance(doc, dict)
    return doc


def test_runtime_profile_services() -> None:
    services = compose()["services"]
    profiled = {name for name, s in services.items() if "runtime" in (s.get("profiles") or [])}
    assert profiled == {"fake-vllm", "litellm"}
    # the default services stay in the default profile (docker compose up is unchanged)
    assert not services["api"].get("profiles") and not services["vllm"].get("profiles")
    litellm = services["litellm"]
    assert litellm["depends_on"] == ["fake-vllm"]
    env = litellm["environment"]
    assert env["MODELMAP_CONFIG"] == "/etc/modelmap/modelmap.yaml"
    assert env["MODELMAP_RUNTIME_LOG"].startswith("/var/log/modelmap/")
    assert env["LITELLM_MASTER_KEY"].startswith("${LITELLM_MASTER_KEY:?")  # never a key in the file
    # the proxy reaches the fake server by its service name and port
    env_file = (DEMO / litellm["env_file"][0]).read_text()
    assert re.search(r"^VLLM_API_BASE=http://fake-vllm:8000/v1$", env_file, re.M)
    assert "--port" in services["fake-vllm"]["command"] and "8000" in services["fake-vllm"]["command"]


def test_every_image_is_pinned_by_tag() -> None:
    for name, service in compose()["services"].items():
        image = service.get("image")
        if image is None:
            assert "build" in service, f"{name}: neither an image nor a build"
            continue
        repo, _, tag = image.rpartition(":")
        assert repo and "/" not in tag and tag not in ("", "latest"), f"{name}: image {image!r} is not pinned by tag"
    dockerfile = (RUNTIME / "Dockerfile").read_text()
    (base,) = re.findall(r"^FROM\s+(\S+)", dockerfile, re.M)
    assert re.fullmatch(r"[\w./-]+:\d+\.\d+\.\d+[\w.-]*", base), base
    assert 'pip install --no-cache-dir ".[runtime]"' in dockerfile


def test_mounted_files_exist_and_load_modelmap() -> None:
    services = compose()["services"]
    build = services["litellm"]["build"]
    assert (DEMO / build["context"] / build["dockerfile"]).resolve() == (RUNTIME / "Dockerfile").resolve()
    targets = {}
    for name in ("fake-vllm", "litellm"):
        for volume in services[name]["volumes"]:
            host, target = volume.split(":")[:2]
            targets[target] = DEMO / host
            if not host.endswith("/logs"):
                assert (DEMO / host).is_file(), volume
    config_path = targets["/etc/litellm/litellm.yaml"]
    shim = targets["/etc/litellm/modelmap_litellm.py"]
    assert shim.read_text() == SHIM
    config = yaml.safe_load(config_path.read_text())
    assert config["litellm_settings"]["callbacks"] == ["modelmap_litellm.guardrail", "modelmap_litellm.runtime_log"]
    groups = {m["model_name"]: m["litellm_params"] for m in config["model_list"]}
    assert groups["gpt-4o"]["api_base"] == "os.environ/VLLM_API_BASE"
    assert "mock_response" in groups["deepseek-chat"]  # the demo never calls DeepSeek
    assert targets["/etc/modelmap/modelmap.yaml"].resolve() == (DEMO / "modelmap.yaml").resolve()


def test_runtime_extra_pins_a_known_good_litellm() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for extra in ("runtime", "test"):
        pins = [d for d in extras[extra] if d.startswith("litellm")]
        assert pins == ["litellm==1.80.0"], (extra, pins)
        assert pins[0].split("==")[1] not in COMPROMISED_LITELLM
