"""Red-team probes of brief redteam31 (session 27 of the red-team log): code added in session 30 - the Ruby heredoc
readers (SQL kept in ``<<~SQL`` bodies, Ruby code kept in ``<<~RUBY`` bodies, one ``_heredoc_bodies`` walk), and
what else that session widened.

Each probe promises what the tool must do on hostile input: bounded CPU / RSS, a clean exit, the answer an ordinary
spelling of the same file gets, and a skip wherever a bound stops the reading (never silent). Imported by
tests/redteam/probes.py after probes_session26. Stdlib only at import time.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.redteam.probes import files, probe, scan_probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Result

_MIGRATION = ("class RetireOldModels < ActiveRecord::Migration[7.1]\n  def up\n    execute <<~SQL\n"
              "      UPDATE language_models SET api_name = 'gpt-4o' WHERE api_name = 'gpt-3.5-turbo'\n"
              "    SQL\n  end\nend\n")
_SPEC = ("RSpec.describe 'generated workflow' do\n  it 'writes the agent' do\n    File.write('agent.rb', <<~RUBY)\n"
         "      client.chat(model: 'claude-3-5-sonnet-20241022')\n    RUBY\n  end\nend\n")


def finds(*raws: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = {f.get("raw") for f in res.json().get("findings", [])}
        missing = [r for r in raws if r not in got]
        return f"not found: {missing} (found {sorted(x for x in got if x)[:6]})" if missing else None
    return check


def skip_says(*words: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        details = [s.get("detail", "") for s in res.json().get("skipped", [])]
        if not any(all(w in d for w in words) for d in details):
            return f"no skip says {words} (skips: {details[:4]}): a bound stopped the reading silently"
        return None
    return check


# (a) a Ruby file saved with Windows line ends (CRLF): the heredoc's closing line is 'SQL\r', and the delimiter test
# '^[ \t]*SQL[ \t]*$' (re.M: '$' only before '\n') never matched it, so every SQL / Ruby-code heredoc of the file read
# as unterminated and the reading stopped: 0 findings where the same file with LF line ends gives 2 (and 1)
scan_probe("session27-ruby-sql-heredoc-crlf", "wrong-answer",
           {"db/migrate/20240101000000_retire_old_models.rb": _MIGRATION.replace("\n", "\r\n")},
           checks=(finds("gpt-4o", "gpt-3.5-turbo"),))
scan_probe("session27-ruby-code-heredoc-crlf", "wrong-answer",
           {"spec/workflow_spec.rb": _SPEC.replace("\n", "\r\n")},
           checks=(finds("claude-3-5-sonnet-20241022"),))


# (b) one unclosed opener stopped the reading of the whole file: a comment or a message that mentions `<<~SQL` (a
# cop's doc, a generator's template text) with no 'SQL' line after it hid every later heredoc (`<<~EOSQL` below:
# its model was lost). Now an unclosed opener is passed over (its delimiter remembered: no later opener of it closes)
scan_probe("session27-ruby-sql-heredoc-after-unclosed-opener", "wrong-answer",
           {"db/migrate/20240102000000_backfill.rb":
            "# Data fixes go in execute <<~SQL blocks, never in models.\nclass Backfill < ActiveRecord::Migration[7.1]\n"
            "  def up\n    execute <<~EOSQL\n      UPDATE chats SET model = 'gpt-4o-mini' WHERE model IS NULL\n"
            "    EOSQL\n  end\nend\n"},
           checks=(finds("gpt-4o-mini"),))


# (c) the bound of 64 heredoc bodies a file stopped the reading silently: a migration of 5,000 SQL heredocs, each
# naming its own model, gave 64 findings and no skip (and 3,000 `<<~RUBY` spec bodies 64 usages, no skip)
def _sql_bodies(n: int) -> str:
    def tag(i: int) -> str:  # a distinct upper-case delimiter for each body (X_ABC_SQL)
        return "".join("ABCDEFGHIJ"[int(c)] for c in f"{i:04d}")
    body = "".join(f"    execute <<-X{tag(i)}SQL\n      UPDATE t SET api_name = 'gpt-4o-{i}' WHERE id = {i}\n"
                   f"    X{tag(i)}SQL\n" for i in range(n))
    return "class Many < ActiveRecord::Migration[7.1]\n  def up\n" + body + "  end\nend\n"


scan_probe("session27-ruby-sql-heredoc-5000-bodies", "silent-cap",
           lambda: {"db/migrate/20240103000000_many.rb": _sql_bodies(5_000)},
           checks=(finds("gpt-4o-0"), skip_says("SQL heredocs", "64"), cpu_below(20.0), rss_below(500)))
scan_probe("session27-ruby-code-heredoc-3000-bodies", "silent-cap",
           lambda: {"spec/agents_spec.rb": "RSpec.describe 'agents' do\n" + "".join(
               f"  it 'writes agent {i}' do\n    File.write('a{i}.rb', <<~RUBY)\n"
               f"      client.chat(model: 'gpt-4o-{i}')\n    RUBY\n  end\n" for i in range(3_000)) + "end\n"},
           checks=(finds("gpt-4o-0"), skip_says("code heredocs", "64"), cpu_below(20.0), rss_below(500)))


# (d) 3,000 distinct unclosed SQL openers (each delimiter searched for once over a 0.3 MB file) then one real heredoc:
# bounded (at most 64 unclosed openers are searched for) and the stop is said in a skip
def _unclosed(n: int) -> str:
    def tag(i: int) -> str:
        return "".join("ABCDEFGHIJ"[int(c)] for c in f"{i:04d}")
    return ("class Noise < ActiveRecord::Migration[7.1]\n  def up\n"
            + "".join(f"    # see <<~Q{tag(i)}SQL\n" for i in range(n))
            + "    execute <<~SQL\n      UPDATE chats SET model = 'gpt-4o-mini'\n    SQL\n  end\nend\n")


scan_probe("session27-ruby-sql-heredoc-3000-unclosed-openers", "quadratic-position",
           lambda: {"db/migrate/20240104000000_noise.rb": _unclosed(3_000)},
           checks=(skip_says("SQL heredocs", "never closed"), cpu_below(20.0), rss_below(500)))


# (e) a config with many problems (ConfigErrors lists every one, session 30): each "did you mean" hint compared the
# word with every choice by difflib and listed every rule in effect, so 2,000 rules and 2,000 waivers naming unknown
# rules (a 0.45 MB modelmap.yaml) ran past 120 s (4 million comparisons) and 400 + 400 took 8.2 s of CPU for a 2.8 MB
# message; 45,000 unknown keys printed 8.7 MB. Now the first 50 problems get a suggestion (quick ratios first, words
# compared up to 100 characters), a hint lists 30 names and how many more, and the first 200 problems are listed
# with the count of the rest. The same parse_config serves the server's org policy.
def _stderr_below(limit: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if len(res.stderr) > limit:
            return f"stderr is {len(res.stderr):,} bytes (limit {limit:,}): the problems of one config flood the terminal"
        if b"problems in the config" not in res.stderr:
            return "the config's problems are not listed"
        return None
    return check


_PY = "from openai import OpenAI\nOpenAI().chat.completions.create(model='gpt-4o', messages=[])\n"


def _rules_and_waivers(n: int) -> dict[str, str]:
    rules = "".join(f"  - id: rule-number-{i}\n    severity: warning\n    message: m\n    deny: \"'CN' in origins\"\n"
                    for i in range(n))
    waivers = "".join(f"  - rule: waived-rule-{i}\n    match: {{model: gpt-4o}}\n    reason: r\n    approved_by: a\n"
                      "    approved_on: 2026-01-01\n    expires: 2027-01-01\n" for i in range(n))
    return {"app.py": _PY, "modelmap.yaml": f"version: 1\nrules:\n{rules}waivers:\n{waivers}"}


probe("session27-check-1200-rules-1200-unknown-waivers", "quadratic-position", files(lambda: _rules_and_waivers(1_200)),
      ("check", "."), frozenset({2}), checks=(_stderr_below(1_000_000), cpu_below(10.0), rss_below(500)), timeout=30.0)
probe("session27-check-1200-unknown-disables", "quadratic-position", files(lambda: {
    "app.py": _PY, "modelmap.yaml": "version: 1\nrules:\n" + "".join(
        f"  - id: rule-number-{i}\n    severity: warning\n    message: m\n    deny: \"'CN' in origins\"\n"
        for i in range(1_200)) + "disable: [" + ", ".join(f"dis-rule-{i}" for i in range(1_200)) + "]\n"}),
      ("check", "."), frozenset({2}), checks=(_stderr_below(1_000_000), cpu_below(10.0), rss_below(500)), timeout=30.0)
probe("session27-check-45000-unknown-keys", "huge-file", files(lambda: {
    "app.py": _PY, "modelmap.yaml": "version: 1\n" + "".join(f"unknown_key_{i}: 1\n" for i in range(45_000))}),
      ("check", "."), frozenset({2}), checks=(_stderr_below(1_000_000), cpu_below(10.0), rss_below(500)), timeout=30.0)


# (f) a config read whole and parsed before any bound: load_yaml's 100,000-value cap counts values, so one 20 MB value
# (`fail_on: "aaa…"`) took 5.2 s of CPU and 190 MB, and every message that quotes a value printed it whole (20 MB on
# stderr). Now a config over 8 MiB is refused before it is read, and a ConfigError's message keeps 2,000 characters.
def _one_value(size: int) -> dict[str, str]:
    return {"app.py": _PY, "modelmap.yaml": 'version: 1\nfail_on: "' + "a" * size + '"\n'}


def _stderr_small(limit: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if len(res.stderr) > limit:
            return f"stderr is {len(res.stderr):,} bytes (limit {limit:,}): a config's value printed whole"
        return None
    return check


probe("session27-check-config-20mb-one-value", "huge-file", files(lambda: _one_value(20_000_000)),
      ("check", "."), frozenset({2}), checks=(_stderr_small(100_000), cpu_below(3.0), rss_below(150)), timeout=30.0)
probe("session27-check-config-6mb-value-in-message", "huge-file", files(lambda: _one_value(6_000_000)),
      ("check", "."), frozenset({2}), checks=(_stderr_small(100_000), rss_below(500)), timeout=30.0)
