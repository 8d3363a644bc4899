"""End to end in a real browser: headless Chromium (Debian's package, driven by Selenium with
Debian's chromedriver; `make test` installs both) against a live workbench. Looks up canola
seed into China, runs the 2025 status quo and the EV-for-canola arrangement, compares them and
checks that charts and numbers appear. Screenshots go to test-output/screenshots/."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from thaw.web.app import WebSettings, create_app

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    BROWSER is None or DRIVER is None,
    reason="Chromium and chromedriver not installed (Debian: apt-get install chromium "
    "chromium-driver; `make test` does it)",
)


@pytest.fixture
def server(db_path: Path, tmp_path: Path) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    import thaw

    thaw.news_ingest([ROOT / "tests" / "news" / "articles"], db=db_path)
    app = create_app(WebSettings(db=db_path, scenario_dir=tmp_path / "saved"))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(BROWSER)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait_for(driver: object, css: str, text: str | None = None, timeout: float = 90) -> object:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, timeout)  # type: ignore[arg-type]
    if text is None:
        return wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
    return driver.find_element(By.CSS_SELECTOR, css)  # type: ignore[attr-defined]


def run_scenario(driver: object, base_url: str, name: str) -> str:
    from selenium.webdriver.common.by import By

    driver.get(f"{base_url}/scenarios?base={name}")  # type: ignore[attr-defined]
    wait_for(driver, "#toml")
    box = driver.find_element(By.CSS_SELECTOR, "#toml")  # type: ignore[attr-defined]
    for _ in range(200):  # the bundled scenario's TOML loads into the editor
        if "[scenario]" in box.get_attribute("value"):
            break
        time.sleep(0.05)
    draws = driver.find_element(By.NAME, "draws")  # type: ignore[attr-defined]
    draws.clear()
    draws.send_keys("40")
    box.clear()  # run what the form builds
    driver.find_element(By.CSS_SELECTOR, "#run").click()  # type: ignore[attr-defined]
    for _ in range(400):
        if "/runs/" in driver.current_url:  # type: ignore[attr-defined]
            break
        time.sleep(0.05)
    run_id = driver.current_url.rsplit("/", 1)[1]  # type: ignore[attr-defined]
    wait_for(driver, "#economies table", "CAN")
    wait_for(driver, "#chart .main-svg")
    return str(run_id)


def test_lookup_run_and_compare_in_a_browser(server: str, browser: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.get(f"{server}/rate?importer=CHN&exporter=CAN&hs=120510")  # type: ignore[attr-defined]
    steps = wait_for(browser, "#steps table", "84.8")
    assert "chn-canola-ad-deposit-2025" in steps.text  # type: ignore[attr-defined]
    wait_for(browser, "#chart .main-svg")
    browser.save_screenshot(str(SHOTS / "1-canola-seed-duties.png"))  # type: ignore[attr-defined]

    status_quo = run_scenario(browser, server, "dispute-2025")
    browser.save_screenshot(str(SHOTS / "2-status-quo-2025.png"))  # type: ignore[attr-defined]
    deal = run_scenario(browser, server, "arrangement-2026")
    browser.save_screenshot(str(SHOTS / "3-ev-for-canola-2026.png"))  # type: ignore[attr-defined]

    browser.get(f"{server}/compare?runs={status_quo},{deal}")  # type: ignore[attr-defined]
    table = wait_for(browser, "#out table", "January 2026 arrangement")
    wait_for(browser, "#chart .main-svg")
    browser.save_screenshot(str(SHOTS / "4-compare.png"))  # type: ignore[attr-defined]
    # the numbers on the page are the API's numbers
    with urllib.request.urlopen(f"{server}/api/compare?runs={status_quo},{deal}") as r:
        data = json.load(r)
    can = next(row for row in data["welfare"] if row["economy"] == "CAN")
    assert can[status_quo] < 0 < can[deal]
    shown = f"{can[deal]:,.1f}"
    assert shown in table.text  # type: ignore[attr-defined]

    browser.get(f"{server}/evidence")  # type: ignore[attr-defined]
    wait_for(browser, "#out table", "chn-canola-ad")
    wait_for(browser, "#chart .main-svg")
    browser.save_screenshot(str(SHOTS / "5-news-evidence.png"))  # type: ignore[attr-defined]
