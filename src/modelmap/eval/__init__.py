"""``modelmap eval``: test candidate models on your own cases, jailbreak probes, insecure code and political
slant before a switch, and compare them prompt by prompt (issue 16).

* :mod:`.engine` — the Engine interface and a bounded OpenAI-compatible HTTP client (hand-written, stdlib).
* :mod:`.inspect_engine` — the inspect-ai engine (optional ``[eval]`` extra, lazy import, logs kept as evidence).
* :mod:`.suites` — suite folders (``suite.yaml`` + data + licence file, sha256-checked); shipped in ``suites/``:
  self-written seed sets, AdvBench and HarmBench's standard behaviours (MIT, with their licences).
* :mod:`.scorers` — exact / includes / regex (RE2) / JSON schema / numeric, refusal patterns (English and
  Chinese), code extraction, bandit scanning merged with semgrep's per CWE, an optional judge.
* :mod:`.semgrep` — semgrep run as a program, offline, with modelmap's own rules (``rules/``).
* :mod:`.stats` — Wilson intervals, McNemar's exact test, seeded paired bootstrap.
* :mod:`.runner` — runs suites × models and builds the ``modelmap.eval/1`` document.
* :mod:`.render` — table, JSON, JUnit and offline HTML.

Nothing here is imported by the rest of modelmap at start-up; the CLI imports it when ``eval`` runs.
"""
