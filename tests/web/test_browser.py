"""The map page in a real browser (Debian's chromium through Playwright; skipped without it).

uvicorn serves the app on a free loopback port over a SQLite store holding the
sample articles, one of which carries ``<script>`` and ``onerror=`` markup.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("RASID_CHROMIUM") or shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(filled_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from rasid.config import Settings
    from rasid.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_url=filled_db)), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    else:
        pytest.fail("uvicorn did not start")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM or not os.path.exists(CHROMIUM):
        pytest.skip("no chromium (set RASID_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_filter_click_and_escaped_article(base_url: str, browser, samples) -> None:  # type: ignore[no-untyped-def]
    expect = pytest.importorskip("playwright.sync_api").expect
    page = browser.new_page(viewport={"width": 1300, "height": 850})
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "/")
    expect(page.locator("#incident-list li")).to_have_count(4)
    # 14 governorate outlines + one marker per located incident, drawn offline
    assert page.locator("path.leaflet-interactive").count() >= 14 + 3
    assert page.locator("#tl-svg rect.bar").count() == 4

    # a click on the timeline picks that day
    page.click('#tl-svg rect[data-date="2016-06-15"]')
    expect(page.locator("#incident-list li")).to_have_count(1)
    assert page.input_value("#f-from") == page.input_value("#f-to") == "2016-06-15"
    expect(page.locator("#incident-list li")).to_contain_text("حلب")
    page.click("#tl-clear")
    expect(page.locator("#incident-list li")).to_have_count(4)

    page.select_option("#f-admin1", "Idlib")
    expect(page.locator("#incident-list li")).to_have_count(1)
    assert page.text_content("#count") == "1 incident"
    # the export links follow the filters
    assert "admin1=Idlib" in page.get_attribute("#dl-jsonl", "href")
    page.click("#incident-list li button")
    mark = page.locator("#detail mark")
    mark.wait_for()
    idlib = next(a for a in samples.ARTICLES if a["id"] == "idlib-xss")
    assert mark.text_content() == idlib["events"][0]["evidence"]
    article = page.locator("#detail .article")
    assert article.get_attribute("dir") == "rtl" and article.get_attribute("lang") == "ar"
    # the markup in the article is shown as text, never run
    text = article.text_content()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert page.get_by_text("<img src=x onerror=alert(2)>", exact=False).first.is_visible()
    assert page.locator("#detail img, #detail script").count() == 0
    assert page.locator("#detail h3").text_content() == samples.XSS_TITLE
    page.wait_for_timeout(200)
    assert dialogs == [] and errors == []

    # back to the list; a search with another spelling of الرقة finds the Raqqa incident and its two reports
    page.click("#back")
    page.select_option("#f-admin1", "")
    expect(page.locator("#incident-list li")).to_have_count(4)
    page.fill("#f-q", "الرقه")
    expect(page.locator("#incident-list li")).to_have_count(1)
    expect(page.locator("#incident-list li")).to_contain_text("الرقة")
    page.click("#incident-list li button")
    expect(page.locator("#detail .report")).to_have_count(2)
    expect(page.locator("#detail mark")).to_have_count(2)
    assert page.locator("#detail mark").first.text_content() in {
        e["evidence"] for a in samples.ARTICLES for e in a["events"] if a["id"].startswith("raqqa")}
    page.close()
