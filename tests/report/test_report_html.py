"""``report --format html``: one self-contained file, readable offline; checked in headless Chromium (issue 4)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from modelmap.report.html import HtmlRenderer, bar_chart
from tests.conftest import GOLDEN, assert_golden

from .conftest import fixed_clock

SECTIONS = ("summary", "flows", "origins", "policy", "exposure", "models")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def render(check) -> str:
    return HtmlRenderer(clock=fixed_clock, version="test").render(check).decode()


def test_sample_golden(sample_check) -> None:
    assert_golden(render(sample_check), GOLDEN / "html" / "sample.html")


def test_self_contained(sample_check) -> None:
    html = render(sample_check)
    parser = _Collector()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    for _, attrs in parser.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value or value.startswith("#"), f"external reference {name}={value!r}"
    assert "@import" not in html and "url(" not in html
    ids = {attrs.get("id") for _, attrs in parser.tags}
    assert set(SECTIONS) <= ids
    assert tags.count("svg") >= 4  # three bar charts + the concentration strip (+ exposure meters)


def test_answers_the_questions(sample_check) -> None:
    html = render(sample_check)
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Action needed" in text
    assert "qwen/qwen2.5-7b-instruct" in text and "checkout" in text
    assert "China (CN)" in text and "United States (US)" in text
    assert "Dana Lee (Legal)" in text and "2025-06-30" in text
    assert "3 of 4 flows (75%)" in text  # no CN origin
    assert "acme/secret-model-v2" in text  # unresolved references are never hidden


def test_escapes_untrusted_text() -> None:
    svg = bar_chart([{"key": "x", "label": "<script>alert(1)</script>", "usages": 1, "share": 1.0}], "t")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.browser
def test_renders_in_headless_chromium(sample_check, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium on PATH (apt-get install -y chromium)")
    page = tmp_path / "report.html"
    page.write_text(render(sample_check), encoding="utf-8")
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-extensions", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*args, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for section in SECTIONS:
        assert f'id="{section}"' in dom.stdout
    assert dom.stdout.count("<svg") >= 4 and "Where our models come from" in dom.stdout
    shot = tmp_path / "report.png"
    done = subprocess.run([*args, "--hide-scrollbars", "--window-size=1200,2000", f"--screenshot={shot}",
                           page.as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and shot.stat().st_size > 20_000  # a blank page compresses far smaller


@pytest.mark.parametrize("findings", [None, []], ids=["no-config", "empty-inventory"])
def test_without_flows_or_findings(findings) -> None:
    from modelmap.policy import evaluate
    from modelmap.policy.config import ProjectConfig
    from modelmap.report.markdown import MarkdownRenderer
    from tests.fixtures.inventory import sample_result

    from .conftest import TODAY

    check = evaluate(sample_result(findings), ProjectConfig(), TODAY)
    html = render(check)
    markdown = MarkdownRenderer(clock=fixed_clock, version="test").render(check).decode()
    assert "Within policy" in html and "within policy" in markdown
    if findings is None:
        assert "(whole repository)" in html and "1 of 1 flows (100%)" in html
    else:
        assert "No models found." in html and "0 of 0 flows (0%)" in html
