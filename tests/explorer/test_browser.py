"""The explorer in a real browser (headless Chromium through selenium): it loads without console errors, a filter
changes what is listed, and an opened question shows its tree as an SVG of non-zero size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from proofloom.cli import main

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
PROBLEMS = ("SEVERE", "WARNING")  # console levels a clean page never logs


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() or not DRIVER.exists():
        pytest.skip(f"no browser: {CHROMIUM} or {DRIVER} is missing (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1300,900",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_the_page_filters_and_draws_trees_in_a_real_browser(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    assert main(["generate", "proofwriter-owa-d5", "-o", str(tmp_path / "data"), "-n", "4"]) == 0
    assert main(["explore", str(tmp_path / "data"), "-o", str(tmp_path / "site")]) == 0
    driver.get((tmp_path / "site" / "index.html").as_uri())
    errors = [entry for entry in driver.get_log("browser") if entry["level"] in PROBLEMS]
    assert errors == []

    def count() -> str:
        return str(driver.find_element(By.ID, "count").text)

    def rows() -> list[Any]:
        return list(driver.find_elements(By.CSS_SELECTOR, "#list li[data-id]"))

    everything = count()
    assert everything == f"{len(rows())} of {len(rows())} questions shown" and len(rows()) == 24
    Select(driver.find_element(By.NAME, "label")).select_by_value("True")
    assert count() != everything and 0 < len(rows()) < 24
    assert count().startswith(f"{len(rows())} of 24")

    Select(driver.find_element(By.NAME, "depth")).select_by_value("2")
    chosen = rows()[0]
    chosen.click()
    assert driver.find_element(By.CSS_SELECTOR, "#detail .id").text == chosen.get_attribute("data-id")
    assert "open" in chosen.get_attribute("class")
    svg = driver.find_element(By.CSS_SELECTOR, "#detail svg.proof-tree")
    size = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", svg)
    assert size[0] > 0 and size[1] > 0
    assert len(svg.find_elements(By.CSS_SELECTOR, "g.node")) >= 3  # a depth-2 proof: facts, rules, conclusions
    assert [entry for entry in driver.get_log("browser") if entry["level"] in PROBLEMS] == []
