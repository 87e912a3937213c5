"""Monthly volume per flow (``modelmap.volume/1``), the input of ``modelmap plan``'s cost figures.

Two spellings of the same data; a flow missing from the file gets the stated default.

YAML::

    version: 1
    default: {input_tokens: 10000000, output_tokens: 1000000}   # optional; else DEFAULT below
    flows:
      answer: {input_tokens: 180000000, output_tokens: 24000000}
      ingest: {input_tokens: 40000000, corpus_documents: 120000, corpus_tokens: 90000000}
      routing:
        input_tokens: 30000000
        models: {deepseek-chat: {input_tokens: 5000000, output_tokens: 100000}}   # per model in the flow
    self_hosting:            # only these user inputs price self-hosting; never a per-token default
      gpu_hour_usd: 2.20
      gpus: 1
      hours_per_month: 730

CSV (one row per flow; ``model`` optional, for a per-model row)::

    flow,model,input_tokens,output_tokens,corpus_documents,corpus_tokens
    answer,,180000000,24000000,,

Every number is checked (non-negative, finite); a bad value is a ``ConfigError`` naming the file and
the flow. The reader is bounded (1 MiB) and never executes anything.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from modelmap.errors import ConfigError

VOLUME_SCHEMA = "modelmap.volume/1"
_LIMIT = 1024 * 1024
TOKEN_KEYS = ("input_tokens", "output_tokens", "corpus_documents", "corpus_tokens", "reembed_tokens_per_hour")
SELF_HOSTING_KEYS = ("gpu_hour_usd", "gpus", "hours_per_month", "tokens_per_second")
#: Used for a flow the volume file does not name (or when there is no file); stated in every plan.
DEFAULT: dict[str, float] = {"input_tokens": 10_000_000.0, "output_tokens": 1_000_000.0}
DEFAULT_NOTE = ("no volume given for this flow: assumed 10,000,000 input and 1,000,000 output tokens a month "
                "(modelmap's stated default; pass --volume FILE with your figures)")


@dataclass(frozen=True)
class FlowVolume:
    """Monthly tokens of one flow (or of one model in a flow). ``source`` says where the figures come from:
    the file name, or ``default``. Corpus figures are None when not given (unknown, never guessed)."""

    input_tokens: float
    output_tokens: float
    source: str
    corpus_documents: float | None = None
    corpus_tokens: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"input_tokens": self.input_tokens, "output_tokens": self.output_tokens,
                "corpus_documents": self.corpus_documents, "corpus_tokens": self.corpus_tokens,
                "source": self.source}


@dataclass(frozen=True)
class SelfHosting:
    """The user's self-hosting inputs: a GPU-hour price, the GPUs a deployment needs and its hours a month.
    All None when not given: then self-hosting is not priced."""

    gpu_hour_usd: float | None = None
    gpus: float | None = None
    hours_per_month: float | None = None
    tokens_per_second: float | None = None

    @property
    def monthly_usd(self) -> float | None:
        if self.gpu_hour_usd is None or self.gpus is None or self.hours_per_month is None:
            return None
        return round(self.gpu_hour_usd * self.gpus * self.hours_per_month, 2)

    def to_dict(self) -> dict[str, Any]:
        return {"gpu_hour_usd": self.gpu_hour_usd, "gpus": self.gpus, "hours_per_month": self.hours_per_month,
                "tokens_per_second": self.tokens_per_second, "monthly_usd": self.monthly_usd}


@dataclass(frozen=True)
class Volume:
    """A parsed volume file: per flow, optional per model; the default for the rest; self-hosting inputs."""

    source: str | None = None  # the file name, or None when no file was given
    flows: dict[str, dict[str, float]] = field(default_factory=dict)
    models: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    default: dict[str, float] = field(default_factory=lambda: dict(DEFAULT))
    default_stated: bool = False  # True when the file gave its own default
    self_hosting: SelfHosting = field(default_factory=SelfHosting)

    def for_flow(self, flow: str | None, model: str | None = None) -> FlowVolume:
        """The monthly volume of ``model`` in ``flow``: a per-model row, else the flow's row, else the default."""
        row: dict[str, float] | None = None
        if flow is not None and model is not None:
            row = self.models.get((flow, model.lower()))
        if row is None and flow is not None:
            row = self.flows.get(flow)
        if row is None:
            source = f"{self.source} (default)" if self.default_stated else "default"
            return FlowVolume(self.default.get("input_tokens", 0.0), self.default.get("output_tokens", 0.0),
                              source, self.default.get("corpus_documents"), self.default.get("corpus_tokens"))
        return FlowVolume(row.get("input_tokens", 0.0), row.get("output_tokens", 0.0), self.source or "default",
                          row.get("corpus_documents"), row.get("corpus_tokens"))

    def is_default(self, flow: str | None) -> bool:
        return flow is None or flow not in self.flows

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "default": dict(self.default), "default_note": DEFAULT_NOTE,
                "self_hosting": self.self_hosting.to_dict()}


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool):
        raise ConfigError(f"{where}: {value!r} is not a number", hint="write a plain number of tokens a month")
    if isinstance(value, str):
        text = value.strip().replace("_", "").replace(",", "")
        try:
            value = float(text)
        except ValueError:
            raise ConfigError(f"{where}: {value!r} is not a number",
                              hint="write a plain number, e.g. 30000000") from None
    if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ConfigError(f"{where}: {value!r} is not a non-negative number", hint="write a number of 0 or more")
    return float(value)


def _row(raw: Any, where: str, keys: tuple[str, ...] = TOKEN_KEYS) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of {', '.join(keys)}")
    out: dict[str, float] = {}
    for key, value in raw.items():
        if key == "models":
            continue
        if key not in keys:
            raise ConfigError(f"{where}: unknown key {key!r}", hint=f"use {', '.join(keys)}")
        if value is None or value == "":
            continue
        out[str(key)] = _number(value, f"{where}.{key}")
    return out


def parse_yaml(text: str, name: str) -> Volume:
    import yaml

    from modelmap.yamlbound import SafeConfigLoader

    try:
        doc = yaml.load(text, Loader=SafeConfigLoader)  # safe_load, its integers bounded
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: not valid YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{name}: nested too deeply to be a volume file", hint="see docs/switch.md for the format") \
            from None
    if not isinstance(doc, dict):
        raise ConfigError(f"{name}: expected a mapping with 'flows'", hint="see docs/switch.md for the format")
    version = doc.get("version", 1)
    if version != 1:
        raise ConfigError(f"{name}: unsupported version {version!r}", hint=f"this modelmap reads {VOLUME_SCHEMA}")
    unknown = set(doc) - {"version", "flows", "default", "self_hosting"}
    if unknown:
        raise ConfigError(f"{name}: unknown key {sorted(unknown)[0]!r}",
                          hint="use version, flows, default and self_hosting")
    flows: dict[str, dict[str, float]] = {}
    models: dict[tuple[str, str], dict[str, float]] = {}
    raw_flows = doc.get("flows") or {}
    if not isinstance(raw_flows, dict):
        raise ConfigError(f"{name}: flows: expected a mapping of flow name to figures")
    for flow, raw in raw_flows.items():
        flows[str(flow)] = _row(raw, f"{name}: flows.{flow}")
        per_model = raw.get("models") if isinstance(raw, dict) else None
        if per_model is not None:
            if not isinstance(per_model, dict):
                raise ConfigError(f"{name}: flows.{flow}.models: expected a mapping of model to figures")
            for model, mraw in per_model.items():
                models[(str(flow), str(model).lower())] = _row(mraw, f"{name}: flows.{flow}.models.{model}")
    default: dict[str, float] = dict(DEFAULT)
    stated = False
    if doc.get("default") is not None:
        default = _row(doc["default"], f"{name}: default")
        stated = True
    hosting = SelfHosting()
    if doc.get("self_hosting") is not None:
        values = _row(doc["self_hosting"], f"{name}: self_hosting", SELF_HOSTING_KEYS)
        hosting = SelfHosting(**values)
    return Volume(source=name, flows=flows, models=models, default=default, default_stated=stated,
                  self_hosting=hosting)


def parse_csv(text: str, name: str) -> Volume:
    try:
        return _parse_csv(text, name)
    except csv.Error as exc:  # a field over the csv module's limit, a stray quote
        raise ConfigError(f"{name}: not valid CSV: {exc}", hint="flow,input_tokens,output_tokens") from None


def _parse_csv(text: str, name: str) -> Volume:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or ()]
    if "flow" not in header:
        raise ConfigError(f"{name}: the first row must name the columns, with 'flow' among them",
                          hint="flow,input_tokens,output_tokens")
    unknown = set(header) - {"flow", "model", *TOKEN_KEYS}
    if unknown:
        raise ConfigError(f"{name}: unknown column {sorted(unknown)[0]!r}",
                          hint=f"use flow, model, {', '.join(TOKEN_KEYS)}")
    flows: dict[str, dict[str, float]] = {}
    models: dict[tuple[str, str], dict[str, float]] = {}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        flow = row.pop("flow", "")
        model = row.pop("model", "")
        if not flow:
            raise ConfigError(f"{name}:{number}: the flow column is empty")
        values = _row(row, f"{name}:{number}")
        if model:
            models[(flow, model.lower())] = values
        else:
            flows[flow] = values
    return Volume(source=name, flows=flows, models=models)


def load_volume(path: str | Path | None) -> Volume:
    """Read a volume file (YAML, or CSV by its ``.csv`` suffix); None gives the stated default for every flow."""
    if path is None:
        return Volume()
    file = Path(path)
    try:
        with file.open("rb") as handle:
            data = handle.read(_LIMIT + 1)
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read the volume file: {exc.strerror or exc}",
                          hint="pass --volume with a YAML or CSV file") from None
    if len(data) > _LIMIT:
        raise ConfigError(f"{file}: larger than {_LIMIT // 1024} KiB; a volume file is a few lines per flow")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not UTF-8 text") from None
    if file.suffix.lower() == ".csv":
        return parse_csv(text, file.name)
    return parse_yaml(text, file.name)
