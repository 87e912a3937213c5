"""The HTML and Markdown reports give the same share for the top three publishers.

A tryout (session 34) read "the top three for 84%" in the HTML report and "83%" in the Markdown one for 10 of 12
usages: the HTML summed the publisher strip's whole percentages, which are rounded to add up to 100.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.report.html import HtmlRenderer
from modelmap.report.markdown import MarkdownRenderer

OPENAI = '''from openai import OpenAI

client = OpenAI()
MODELS = {}


def ask(model: str, text: str) -> str:
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": text}])


def triage(t): return ask("gpt-4o-mini", t)
def draft(t): return ask("gpt-4o", t)
def review(t): return ask("gpt-4.1", t)
def plan(t): return ask("o3-mini", t)
def summarise(t): return ask("gpt-4.1-mini", t)
def translate(t): return ask("gpt-4.1-nano", t)
'''

ANTHROPIC = '''import anthropic

client = anthropic.Anthropic()


def reply(text):
    return client.messages.create(model="claude-sonnet-4-20250514", max_tokens=512,
                                  messages=[{"role": "user", "content": text}])


def classify(text):
    return client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=16,
                                  messages=[{"role": "user", "content": text}])
'''

EMBED = '''from sentence_transformers import CrossEncoder, SentenceTransformer

embedder = SentenceTransformer("BAAI/bge-m3")
reranker = CrossEncoder("BAAI/bge-reranker-v2-m3")
'''

LOCAL = '''from transformers import pipeline

reasoner = pipeline("text-generation", model="deepseek-ai/DeepSeek-R1-Distill-Qwen-7B")
chat = pipeline("text-generation", model="Qwen/Qwen2.5-7B-Instruct")
'''


def test_top_three_share_is_the_same_in_html_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    for name, text in {"llm.py": OPENAI, "claude.py": ANTHROPIC, "search.py": EMBED, "local.py": LOCAL}.items():
        (tmp_path / "app" / name).write_text(text)
    (tmp_path / "modelmap.yaml").write_text("version: 1\nflows:\n  app: {paths: ['app/**']}\n")
    check = evaluate(modelmap.scan([tmp_path], resolve=True), load_config(tmp_path, root=tmp_path), date(2026, 12, 6))
    md = MarkdownRenderer().render(check).decode()
    html = HtmlRenderer().render(check).decode()
    share = md.split("the top three for ", 1)[1].split(".", 1)[0]
    # the premise: 6 + 2 + 2 of 12 usages, whose rounded strip shares (50 + 17 + 17) add up to one more
    assert "accounts for **50%**" in md and share == "83%", md[md.find("### Concentration"):][:300]
    assert f"the top three for {share}." in html
