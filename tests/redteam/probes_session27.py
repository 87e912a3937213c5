"""Red-team probes of brief redteam31 (session 27 of the red-team log): code added in session 30 - the Ruby heredoc
readers (SQL kept in ``<<~SQL`` bodies, Ruby code kept in ``<<~RUBY`` bodies, one ``_heredoc_bodies`` walk), and
what else that session widened.

Each probe promises what the tool must do on hostile input: bounded CPU / RSS, a clean exit, the answer an ordinary
spelling of the same file gets, and a skip wherever a bound stops the reading (never silent). Imported by
tests/redteam/probes.py after probes_session26. Stdlib only at import time.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.redteam.probes import scan_probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Result

_MIGRATION = ("class RetireOldModels < ActiveRecord::Migration[7.1]\n  def up\n    execute <<~SQL\n"
              "      UPDATE language_models SET api_name = 'gpt-4o' WHERE api_name = 'gpt-3.5-turbo'\n"
              "    SQL\n  end\nend\n")
_SPEC = ("RSpec.describe 'generated workflow' do\n  it 'writes the agent' do\n    File.write('agent.rb', <<~RUBY)\n"
         "      client.chat(model: 'claude-3-5-sonnet-20241022')\n    RUBY\n  end\nend\n")


def _finds(*raws: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = {f.get("raw") for f in json.loads(res.stdout).get("findings", [])}
        missing = [r for r in raws if r not in got]
        return f"not found: {missing} (found {sorted(x for x in got if x)[:6]})" if missing else None
    return check


def _skip_says(*words: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        details = [s.get("detail", "") for s in json.loads(res.stdout).get("skipped", [])]
        if not any(all(w in d for w in words) for d in details):
            return f"no skip says {words} (skips: {details[:4]}): a bound stopped the reading silently"
        return None
    return check


# (a) a Ruby file saved with Windows line ends (CRLF): the heredoc's closing line is 'SQL\r', and the delimiter test
# '^[ \t]*SQL[ \t]*$' (re.M: '$' only before '\n') never matched it, so every SQL / Ruby-code heredoc of the file read
# as unterminated and the reading stopped: 0 findings where the same file with LF line ends gives 2 (and 1)
scan_probe("session27-ruby-sql-heredoc-crlf", "wrong-answer",
           {"db/migrate/20240101000000_retire_old_models.rb": _MIGRATION.replace("\n", "\r\n")},
           checks=(_finds("gpt-4o", "gpt-3.5-turbo"),))
scan_probe("session27-ruby-code-heredoc-crlf", "wrong-answer",
           {"spec/workflow_spec.rb": _SPEC.replace("\n", "\r\n")},
           checks=(_finds("claude-3-5-sonnet-20241022"),))


# (b) one unclosed opener stopped the reading of the whole file: a comment or a message that mentions `<<~SQL` (a
# cop's doc, a generator's template text) with no 'SQL' line after it hid every later heredoc (`<<~EOSQL` below:
# its model was lost). Now an unclosed opener is passed over (its delimiter remembered: no later opener of it closes)
scan_probe("session27-ruby-sql-heredoc-after-unclosed-opener", "wrong-answer",
           {"db/migrate/20240102000000_backfill.rb":
            "# Data fixes go in execute <<~SQL blocks, never in models.\nclass Backfill < ActiveRecord::Migration[7.1]\n"
            "  def up\n    execute <<~EOSQL\n      UPDATE chats SET model = 'gpt-4o-mini' WHERE model IS NULL\n"
            "    EOSQL\n  end\nend\n"},
           checks=(_finds("gpt-4o-mini"),))


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
           checks=(_finds("gpt-4o-0"), _skip_says("SQL heredocs", "64"), cpu_below(20.0), rss_below(500)))
scan_probe("session27-ruby-code-heredoc-3000-bodies", "silent-cap",
           lambda: {"spec/agents_spec.rb": "RSpec.describe 'agents' do\n" + "".join(
               f"  it 'writes agent {i}' do\n    File.write('a{i}.rb', <<~RUBY)\n"
               f"      client.chat(model: 'gpt-4o-{i}')\n    RUBY\n  end\n" for i in range(3_000)) + "end\n"},
           checks=(_finds("gpt-4o-0"), _skip_says("code heredocs", "64"), cpu_below(20.0), rss_below(500)))


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
           checks=(_skip_says("SQL heredocs", "never closed"), cpu_below(20.0), rss_below(500)))
