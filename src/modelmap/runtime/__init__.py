"""Runtime: what is actually serving, next to what the code declares (issue 15, items 1, 3, 4).

Kept apart from the library core (discover → provenance → policy → report), which it reuses:

* ``netread``  one bounded HTTP GET/POST (stdlib ``http.client``): address checks, time and size caps,
  redirects only to the same origin. Hand-written because ``urllib`` follows redirects to any host and
  has no overall deadline (a slow drip would hold it for timeout × bytes).
* ``probe``    asks a live server what it serves (vLLM, Ollama, TGI, llama.cpp, SGLang, LM Studio,
  LiteLLM proxy, any OpenAI-compatible ``/v1/models``) → ``modelmap.probe/1``.
* ``ingest``   streams OTLP JSON GenAI spans/metrics, LiteLLM spend logs or callback JSONL, and probe
  results into one ``modelmap.runtime/1`` inventory, one record at a time (never the whole file).
* ``drift``    a code inventory (``modelmap.scan/1``) against a runtime inventory → ``modelmap.drift/1``.

The readers for each server's replies are hand-written from the servers' documented response shapes
(recorded in tests/fixtures/runtime/ with their doc URLs): no client library covers all of them, and
each reply is untrusted data that we validate field by field.
"""
