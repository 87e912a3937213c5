"""Model names built in code whose constant part is a whole model id (tuneC36, session 36): an f-string's tail after
its last substitution (`f"{provider}/gpt-4.1-mini"`), reported at its own column when the built name reaches a
model-named binding or argument."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

PY = '''\
import os
from openai import OpenAI

provider = os.getenv("PROVIDER", "openrouter")
client = OpenAI()
model = f"{provider}/gpt-4.1-mini"
resp = client.chat.completions.create(model=f"{os.getenv('PREFIX', '')}claude-3-5-sonnet-20241022", messages=[])
agent_model = f"openai:{provider}gpt-4o"
size = "mini"
draft_model = f"gpt-4o-{size}"
label = f"{provider}/gpt-4o"
base_model = f"{provider}/acme-internal-7"
'''


def test_fstring_tail_is_a_model_under_a_model_binding(tmp_path: Path) -> None:
    got = found(tmp_path, "app/llm.py", PY)
    assert (6, "gpt-4.1-mini") in got
    assert (7, "claude-3-5-sonnet-20241022") in got
    assert (8, "gpt-4o") in got
    # a fragment (`gpt-4o-` then a substitution), a tail under a name that is not a model's, an unknown tail
    assert not {(line, raw) for line, raw in got if line in (10, 11, 12)}


def test_fstring_tail_columns(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / "a.py").write_text(PY)
    cols = {(f.line, f.raw): f.column for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    line6 = PY.splitlines()[5]
    assert cols[(6, "gpt-4.1-mini")] == line6.index("gpt-4.1-mini") + 1
    line7 = PY.splitlines()[6]
    assert cols[(7, "claude-3-5-sonnet-20241022")] == line7.index("claude-3-5") + 1


TS = """\
import OpenAI from "openai";
const provider = process.env.PROVIDER ?? "openrouter";
const prefix = process.env.PREFIX ?? "";
const model = `${prefix}claude-3-5-sonnet-20241022`;
const client = new OpenAI();
const res = await client.chat.completions.create({ model: `${provider}/gpt-4.1-mini`, messages: [] });
const draftModel = `gpt-4o-${prefix}`;
const label = `${provider}/gpt-4o`;
const baseModel = `${provider}/acme-internal-7`;
const url = `${process.env.HOST}/v1/chat/completions`;
const again = await client.chat.completions.create({ model, messages: [] });
"""


def test_template_literal_tail_is_a_model(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "llm.ts").write_text(TS)
    got = {(f.line, f.raw): f.column for f in modelmap.scan(str(tmp_path), resolve=False).findings
           if f.kind != "endpoint"}
    lines = TS.splitlines()
    assert got[(4, "claude-3-5-sonnet-20241022")] == lines[3].index("claude") + 1
    assert got[(6, "gpt-4.1-mini")] == lines[5].index("gpt-4.1-mini") + 1
    assert not {(line, raw) for line, raw in got if line in (7, 8, 9, 10)}
