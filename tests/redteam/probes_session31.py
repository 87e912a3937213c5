"""Red-team probes of brief redteam35 (session 31 of the red-team log): code added in session 34 - Swift raw strings
(candidates._swift_raw_text, polyglot's raw-string JSON pre-pass), Compose / dotenv fallback chains
(config_files.env_default_match), the Caffe reader (artifacts.caffe), TF GraphDef name scopes (artifacts.tfgraph).

Each probe promises what the tool must do on hostile input: bounded CPU / wall time, a clean exit, the answer an
ordinary spelling of the same input gets, and a skip wherever a bound stops the reading (never silent). Imported by
tests/redteam/probes.py after probes_session30. Stdlib only at import time.
"""

from __future__ import annotations

import json

from tests.artifacts.protobuf import field as _ld
from tests.redteam.probes import OK, probe, scan_probe
from tests.redteam.probes_session27 import finds
from tests.redteam.runner import Ctx, Result

_SWIFT_CALL = 'let body = #"{"model":"claude-3-5-sonnet-20240620","max_tokens":1024}"#\n'

# (a) tree-sitter-swift's external scanner reads a run of `#` for a raw string's delimiter again from each `#` of a
# run no quote closes: the parse grows with the square of the run (20,000 `#`: 1.3 s of CPU, 100,000: 35 s) inside
# one scanner call, so the parse budget never got to cancel it; the file's 2 s budget was spent before any literal
# was read and the request body's model on the next line was lost (60,000 `#`: ~12 s of CPU, then an analysis-budget
# skip and no finding). Now a run of more than 16 `#` is blanked before the parse (lines and columns kept): ~1 s
scan_probe("session31-swift-60000-hash-run-unclosed", "quadratic-position", lambda: {
    "Sources/App/Client.swift": "let s = " + "#" * 60_000 + '"abc\n' + _SWIFT_CALL},
           checks=(finds("claude-3-5-sonnet-20240620"),), timeout=30.0)


# (b) a Compose file whose one environment entry is a fallback chain nested 600 deep (`${A:-${A:-…"gpt-4o"…}}`, 5 KB)
# counts as flow collections deeper than the YAML reader's 500 (yamlbound.flow_depth_exceeds counts every brace) and
# is read line by line, said; but the line reader took no `${VAR:-default}` value at all, so every other entry's
# default model was lost with it (CHAT_MODEL's `${B:-${C:-gpt-4o-mini}}` and EMBED_MODEL's plain one: found when the
# deep line is absent). Now the line reader reads a `key: ${…}` value's innermost default as the parsed walker does
_DEEP_CHAIN = "${A:-" * 600 + '"gpt-4o"' + "}" * 600
scan_probe("session31-compose-fallback-chain-600-deep", "wrong-answer", lambda: {
    "docker-compose.yml": "services:\n  agent:\n    image: ghcr.io/acme/agent:1.4\n    environment:\n"
                          "      CHAT_MODEL: ${B:-${C:-gpt-4o-mini}}\n      LLM_MODEL: " + _DEEP_CHAIN + "\n"
                          "      EMBED_MODEL: ${EMBEDDING_MODEL:-text-embedding-3-small}\n"
                          "      - RERANK_MODEL=${RERANKER:-\"BAAI/bge-reranker-v2-m3\"}\n"},
           checks=(finds("gpt-4o-mini", "text-embedding-3-small", "BAAI/bge-reranker-v2-m3"),))


# (c) the Caffe reader (session 34) bounds its walk at 2,000,000 protobuf fields, but a layer's data_param (the
# training source it reads) was walked to its end for a `source` field without counting against that bound: one
# data_param of 60,000,000 two-byte fields (120 MB) took ~54 s of CPU (10,000,000: 9 s) where the bound is ~2 s. Now
# the fields walked there count, and the walk stops at the bound (said: "at most 4096 layers, 2000000 fields")


def _caffe_huge_data_param(ctx: Ctx) -> None:
    layer = _ld(1, b"data") + _ld(2, b"Data") + _ld(107, b"\x10\x00" * 60_000_000)
    net = _ld(1, b"CaffeNet") + _ld(100, layer) + _ld(100, _ld(1, b"conv1") + _ld(2, b"Convolution"))
    (ctx.work / "deploy.caffemodel").write_bytes(net)


def _says_capped(res: Result) -> str | None:
    if res.rc != 0:
        return None
    notes = json.dumps(res.json().get("evidence", []))
    return None if "2000000 fields" in notes else "the walk's bound is not said in the evidence"


probe("session31-caffe-data-param-60m-fields", "big-header", _caffe_huge_data_param,
      ("inspect", "deploy.caffemodel", "-f", "json"), OK, fmt="json", checks=(_says_capped,), timeout=20.0)


# Defended inputs (held before this session's fixes; kept to document them):
# (d) a dotenv fallback chain 10,000 deep left unterminated beside an ordinary 2-level chain: the ordinary one's
# default is found, the broken one gives nothing (env_default_match unwraps at most four levels; each a linear match)
scan_probe("session31-dotenv-fallback-chain-10000-unterminated", "deep-nesting", lambda: {
    ".env": "LLM_MODEL=" + "${A:-" * 10_000 + "gpt-4o\nCHAT_MODEL=${B:-${C:-gpt-4o-mini}}\n"},
           checks=(finds("gpt-4o-mini"),))


# (e) a TF GraphDef of 250,000 name-scoped nodes ending in a truncated length varint: read up to the 200,000-node cap
# (said), its name scopes kept to 512, no error for the cut (1.4 s of CPU for 1,000,000 nodes)
def _graphdef(ctx: Ctx) -> None:
    nodes = [_ld(1, _ld(1, b"input") + _ld(2, b"Placeholder"))]
    nodes += [_ld(1, _ld(1, b"MobilenetV2/Conv_%d/weights" % i) + _ld(2, b"Conv2D") + _ld(3, b"input"))
              for i in range(250_000)]
    (ctx.work / "frozen_graph.pb").write_bytes(b"".join(nodes) + b"\x0a\xff\xff\xff")


def _graph_capped(res: Result) -> str | None:
    if res.rc != 0:
        return None
    doc = res.json()
    notes = json.dumps(doc.get("evidence", []))
    if doc.get("format") != "tf-graphdef" or "200000 nodes" not in notes:
        return f"format {doc.get('format')!r}, node cap not said"
    return None


probe("session31-tf-graphdef-250k-nodes-truncated-varint", "truncated-model", _graphdef,
      ("inspect", "frozen_graph.pb", "-f", "json"), OK, fmt="json", checks=(_graph_capped,), timeout=30.0)
