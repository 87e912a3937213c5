"""The server's pages in headless Chromium (issue 17): every page loads with no console error, the drill-down
from origin to model to repository to file:line is clicked through, and screenshots are taken at 1280 and
390 px. Needs playwright (test extra) and a system Chromium; skipped with the reason otherwise."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.server.conftest import Server, http, serve_cli, start_server

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

pytestmark = pytest.mark.browser
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    executable = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).is_file()), None)
    if executable is None:
        pytest.skip("no Chromium found (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, documents: dict[str, bytes]) -> Iterator[tuple[Server, str]]:
    folder = tmp_path_factory.mktemp("browser")
    db = f"sqlite:///{folder / 'pages.sqlite3'}"
    token = serve_cli("--db", db, "--create-token", "payments", "--scopes", "read,upload").stdout.strip()
    server = start_server(db, folder / "server.log")
    try:
        for repo, doc, commit in (("acme/demo-app", "demo-app.cdx", "d1"), ("acme/demo-app", "demo-app.scan", "d2"),
                                  ("acme/py-rag-app", "py-rag-app.cdx", "p1"),
                                  ("acme/rag", "rag-bge-qwen-deepseek.scan", "r1")):
            status, reply = http("POST", f"{server.url}/api/v1/projects/{repo}/snapshots?commit={commit}&regulated=true", token,
                                 documents[doc])
            assert status == 201, reply
        yield server, token
    finally:
        server.stop()


def _page(browser: Any, server: Server, token: str, width: int) -> tuple[Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    host = urlsplit(server.url).hostname
    context.add_cookies([{"name": "modelmap_token", "value": token, "domain": host, "path": "/"}])
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
            if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    return page, problems


PAGES = ("/", "/?origin=CN", "/?publisher=OpenAI", "/?serving=unknown", "/models/qwen/qwen2.5-7b-instruct",
         "/models/unresolved:deepseek-chat", "/projects/acme/demo-app", "/projects/acme/demo-app?commit=d1",
         "/projects/acme/rag", "/trends", "/trends?by=model", "/scenarios",
         "/scenarios/no-cn-origin", "/scenarios/us-eu-serving-only", "/login")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_loads_without_console_errors(browser: Any, seeded: tuple[Server, str], width: int,
                                                 tmp_path: Path) -> None:
    server, token = seeded
    page, problems = _page(browser, server, token, width)
    for index, path in enumerate(PAGES):
        reply = page.goto(server.url + path)
        assert reply is not None and reply.status == 200, path
        assert page.locator("h1").count() == 1, path
        page.screenshot(path=str(tmp_path / f"page-{index}-{width}.png"), full_page=True)
        # nothing runs off the side of a phone: tables scroll inside their own box
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than the {width}px viewport"
    assert problems == []
    assert all((tmp_path / f"page-{i}-{width}.png").stat().st_size > 1000 for i in range(len(PAGES)))


def test_drill_down_from_origin_to_file_and_line(browser: Any, seeded: tuple[Server, str]) -> None:
    server, token = seeded
    page, problems = _page(browser, server, token, 1280)
    page.goto(server.url + "/")
    page.get_by_role("link", name="CN", exact=True).first.click()
    assert "origin=CN" in page.url
    rows = page.locator("table").last.locator("tbody tr")
    assert rows.count() >= 3
    page.get_by_role("link", name="qwen/qwen2.5-7b-instruct", exact=True).click()
    assert page.locator("h1").inner_text() == "qwen/qwen2.5-7b-instruct"
    page.get_by_role("link", name="acme/demo-app", exact=True).first.click()
    assert page.locator("h1").inner_text() == "acme/demo-app"
    places = page.locator("code").all_inner_texts()
    assert any(text.startswith("app/answer.py:") for text in places)
    history = page.locator("h2", has_text="Snapshot history")
    assert history.count() == 1
    page.get_by_role("link", name="d1", exact=True).click()
    assert "commit=d1" in page.url and "CycloneDX" in page.content()
    assert problems == []


def test_login_page_signs_in(browser: Any, seeded: tuple[Server, str]) -> None:
    server, token = seeded
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(server.url + "/")
    assert page.url.endswith("/login")
    page.fill("input[name=token]", token)
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Portfolio"


def test_scenario_page_lists_the_places_that_would_break(browser: Any, seeded: tuple[Server, str]) -> None:
    server, token = seeded
    page, problems = _page(browser, server, token, 1280)
    page.goto(server.url + "/")
    page.get_by_role("link", name="What if… (scenarios)").click()
    page.get_by_role("link", name="no-cn-origin", exact=True).click()
    assert page.locator("h1").inner_text() == "What if: no-cn-origin"
    status, api = http("GET", f"{server.url}/api/v1/scenarios/no-cn-origin", token)
    assert status == 200 and api["summary"]["usages_affected"] > 0
    places = {f"{u['path']}:{u['line']}" for p in api["projects"] for a in p["affected"] for u in a["usages"]}
    shown = set(page.locator("td code").all_inner_texts())
    assert places and places <= shown
    assert [r["repo"] for r in api["not_evaluated"]] == ["acme/py-rag-app"]
    assert page.locator("h2", has_text="Not evaluated").count() == 1
    assert problems == []
