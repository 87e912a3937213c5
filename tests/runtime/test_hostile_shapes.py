"""Property tests: no reader of server replies or telemetry lets an exception escape on arbitrary JSON
(style guide §7; issue 15 hostile replies)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelmap.runtime import ingest, probe
from modelmap.runtime.netread import ProbeError, Target

KEYS = st.sampled_from(["data", "id", "root", "parent", "models", "name", "details", "model_info", "model_id",
                        "model_path", "litellm_params", "model", "model_name", "resourceSpans", "scopeSpans",
                        "spans", "attributes", "key", "value", "stringValue", "intValue", "startTimeUnixNano",
                        "resourceMetrics", "scopeMetrics", "metrics", "histogram", "dataPoints", "sum", "count",
                        "model_group", "call_type", "startTime", "api_base", "endpoints", "schema", "owned_by",
                        "state", "general.architecture", "default_generation_settings", "total_slots"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["modelmap.probe/1", "gen_ai.request.model", "vllm"]))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(KEYS, inner, max_size=6)), max_leaves=30)


class ReplaySession(probe._Session):
    """Every endpoint answers the same arbitrary JSON."""

    def __init__(self, doc: Any):
        super().__init__(Target("http", "127.0.0.1", 1, ""), "127.0.0.1", None, 1024, 1.0)
        self.doc = doc

    def json(self, path: str, method: str = "GET", payload: Any = None) -> Any:
        return self.doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_probe_detection_never_raises_anything_but_probe_error(doc: Any) -> None:
    try:
        server, models = probe.detect(ReplaySession(doc))
    except ProbeError:
        return
    assert server in probe.SERVERS
    for m in models:
        assert isinstance(m["served_name"], str)
        assert m["weights"] is None or isinstance(m["weights"], str)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_telemetry_dispatch_never_raises(doc: Any) -> None:
    c = ingest.Collector()
    src = ingest._Source("x")
    ingest._dispatch(doc, c, src)
    for key, agg in c.keys.items():
        assert key[0] is not None or key[1] is not None
        assert agg.requests is None or agg.requests >= 0 or isinstance(agg.requests, int)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_file_is_read_without_error(tmp_path_factory: Any, data: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("bytes")) / "x.jsonl"
    path.write_bytes(data)
    doc = ingest.build([path])
    assert doc["summary"]["models"] == len(doc["models"])
