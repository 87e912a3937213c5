"""`modelmap diff OLD NEW` between two git revisions checks each against the project's policy (modelmap.diff/3):
a pull request that puts a Chinese-origin model into a regulated flow is named as a broken rule, violations the
base branch already had are not "new" even when their lines move, and `--fail-on-new` gates on what the change
introduces. Real commits, the real scanner and the real policy engine; a file side carries no policy result (null).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from tests.conftest import load_schema

POLICY = """version: 1
flows:
  checkout:
    paths: ["services/checkout/**"]
    tags: [regulated]
  internal:
    paths: ["internal/**"]
rules:
  - id: no-cn-origin-regulated
    severity: error
    message: Regulated flows must not use models of Chinese origin.
    when: "'regulated' in flow.tags"
    deny: "'CN' in origins"
"""

CHECKOUT = """from openai import OpenAI

client = OpenAI()


def answer(question: str) -> str:
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content
"""

# a Chinese-origin model the internal tools already use: outside the regulated flow, so no violation
INTERNAL = """from openai import OpenAI

qwen = OpenAI(base_url="https://dashscope.aliyuncs.com/compatible-mode/v1")


def summarise(text: str) -> str:
    reply = qwen.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": text}])
    return reply.choices[0].message.content
"""

# the change under review: checkout routes questions through DeepSeek first
ROUTER = """from openai import OpenAI

deepseek = OpenAI(base_url="https://api.deepseek.com")


def route(question: str) -> str:
    reply = deepseek.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


def _modelmap(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from modelmap.cli import main; sys.argv = ['modelmap', *sys.argv[1:]]; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ})


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "shop"
    (repo / "services" / "checkout").mkdir(parents=True)
    (repo / "internal").mkdir()
    (repo / "modelmap.yaml").write_text(POLICY)
    (repo / "services" / "checkout" / "answer.py").write_text(CHECKOUT)
    (repo / "internal" / "summary.py").write_text(INTERNAL)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    return repo


def test_a_change_that_puts_a_chinese_model_in_a_regulated_flow_is_a_new_violation(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "services" / "checkout" / "router.py").write_text(ROUTER)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "route checkout through deepseek")

    run = _modelmap("diff", "HEAD~1", "HEAD", "--repo", str(repo), "-f", "json", "-q")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    jsonschema.validate(doc, load_schema("diff.schema.json"))
    assert doc["schema"] == "modelmap.diff/3"
    policy = doc["policy"]
    assert policy["old_total"] == 0 and policy["new_total"] == 1 and policy["unwaived_introduced"] == 1
    (new,) = policy["introduced"]
    assert new["rule"] == "no-cn-origin-regulated" and new["flow"] == "checkout"
    assert new["raw"] == "deepseek-chat" and new["location"]["path"] == "services/checkout/router.py"
    assert policy["resolved"] == []
    # the Chinese model the internal tools use was there before and is in no regulated flow: not reported

    gate = _modelmap("diff", "HEAD~1", "HEAD", "--repo", str(repo), "--fail-on-new", "-q", "--no-color")
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert "New policy violations: 1" in gate.stdout and "no-cn-origin-regulated" in gate.stdout
    md = _modelmap("diff", "HEAD~1", "HEAD", "--repo", str(repo), "-f", "md", "-q").stdout
    assert "New policy violations: 1" in md and "`services/checkout/router.py:" in md


def test_violations_the_base_already_had_are_not_new_when_lines_move_and_removal_resolves(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "services" / "checkout" / "router.py").write_text(ROUTER)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "deepseek router")
    # the next change only moves the existing call down (a docstring on top): same violation, other line
    (repo / "services" / "checkout" / "router.py").write_text('"""Routing."""\n\n' + ROUTER)
    _git(repo, "commit", "-qam", "docstring")
    moved = _modelmap("diff", "HEAD~1", "HEAD", "--repo", str(repo), "-f", "json", "-q", "--fail-on-new")
    assert moved.returncode == 0, moved.stdout + moved.stderr
    doc = json.loads(moved.stdout)
    assert doc["policy"]["introduced"] == [] and doc["policy"]["resolved"] == []
    assert doc["policy"]["old_total"] == doc["policy"]["new_total"] == 1

    (repo / "services" / "checkout" / "router.py").unlink()
    _git(repo, "commit", "-qam", "drop the router")
    fixed = json.loads(_modelmap("diff", "HEAD~1", "HEAD", "--repo", str(repo), "-f", "json", "-q").stdout)
    (gone,) = fixed["policy"]["resolved"]
    assert gone["rule"] == "no-cn-origin-regulated" and fixed["policy"]["introduced"] == []


def test_file_sides_carry_no_policy_result_and_the_gate_says_why(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    scan = _modelmap("scan", str(repo), "-f", "json", "-q", "--no-cache")
    assert scan.returncode == 0, scan.stderr
    (tmp_path / "a.json").write_text(scan.stdout)
    doc = json.loads(_modelmap("diff", str(tmp_path / "a.json"), str(tmp_path / "a.json"), "--repo", str(repo),
                               "-f", "json", "-q").stdout)
    jsonschema.validate(doc, load_schema("diff.schema.json"))
    assert doc["policy"] is None  # unknown: the files' findings were not re-checked, not "no violations"
    gate = _modelmap("diff", str(tmp_path / "a.json"), str(tmp_path / "a.json"), "--repo", str(repo),
                     "--fail-on-new", "-q")
    assert gate.returncode == 2 and "needs a policy" in gate.stderr


def test_markdown_comment_keeps_resolved_violations_out_of_the_new_ones_list(tmp_path: Path) -> None:
    # one change that both introduces and resolves a violation: the PR comment's two lists must stay two lists
    # (a bold line written right after a list item is, in CommonMark, a lazy continuation of that item)
    from markdown_it import MarkdownIt

    repo = _repo(tmp_path)
    (repo / "services" / "checkout" / "router.py").write_text(ROUTER)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "deepseek router")
    (repo / "services" / "checkout" / "router.py").unlink()
    (repo / "services" / "checkout" / "translate.py").write_text(INTERNAL.replace("summarise", "translate"))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "drop the router, translate with qwen")

    md = _modelmap("diff", "HEAD~1", "HEAD", "--repo", str(repo), "-f", "md", "-q").stdout
    assert "**New policy violations: 1**" in md and "**Violations resolved: 1**" in md
    tokens = MarkdownIt("commonmark").parse(md)
    depth, in_item = 0, []
    for tok in tokens:
        depth += tok.nesting if tok.type.startswith("list_item") else 0
        if tok.type == "inline" and "Violations resolved" in tok.content:
            in_item.append(depth)
    assert in_item == [0], md  # its own paragraph, not inside the last bullet of the new violations


def test_an_endpoint_violation_is_named_as_an_endpoint(tmp_path: Path) -> None:
    """A serving rule breaks at the client's base URL too; the diff called it 'model https://api.deepseek.com'
    where check says 'Endpoint https://api.deepseek.com' (tryfix31)."""
    repo = _repo(tmp_path)
    (repo / "modelmap.yaml").write_text(POLICY + """  - id: no-cn-serving
    severity: error
    message: No calls to model APIs served from China.
    deny: "served_by.countries.exists(c, c == 'CN')"
""")
    _git(repo, "commit", "-qam", "serving rule")
    (repo / "services" / "checkout" / "router.py").write_text(ROUTER)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "route checkout through deepseek")
    run = _modelmap("diff", "HEAD~1", "HEAD", "--repo", str(repo), "-q", "--no-color")
    assert run.returncode == 0, run.stderr
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("- no-cn-serving")]
    assert any("endpoint https://api.deepseek.com" in ln for ln in lines), run.stdout
    assert any("model deepseek-chat" in ln for ln in lines), run.stdout
    assert not any("model https://" in ln for ln in lines)
