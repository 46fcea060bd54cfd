"""The Dagster UI in a real headless Chromium: after `make run`, `make dev` shows every asset, the checks'
results and the corpus report's charts, and launches no run when nothing changed.

Screenshots are kept under test-artifacts/browser/ (git-ignored); the path is printed. Chromium and its
driver come from the Debian packages `chromium` and `chromium-driver` (`make browser`, run by `make setup`
as root); without them the test is skipped and says why.
"""

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from assets.report import report_path
from pipelines.definitions import defs

ROOT = Path(__file__).resolve().parents[2]
DAGSTER = Path(sys.executable).with_name("dagster")
CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]
IMAGES_LOADED = """return Array.from(document.images)
    .filter(i => i.src.startsWith('data:image/png'))
    .map(i => i.complete && i.naturalWidth > 0)"""

pytestmark = pytest.mark.slow

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: run `make setup`")
if not (CHROMIUM.exists() and DRIVER.exists()):
    pytest.skip(
        f"Chromium is not installed ({CHROMIUM}, {DRIVER}): `make browser` installs the Debian packages "
        "chromium and chromium-driver (needs root and apt-get)",
        allow_module_level=True,
    )
from selenium.common.exceptions import ElementClickInterceptedException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def wait_for(condition, seconds: float, step: float = 1.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if found := condition():
                return found
        time.sleep(step)
    return None


@pytest.fixture
def ui(dev_env, dagster_dev):
    """`make run` then `make dev` on a free local port, each with this test's own instance and warehouse."""
    env, home, warehouse = dev_env
    run = [str(DAGSTER), "asset", "materialize", "-m", "pipelines.definitions", "--select", "*"]
    subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    base, log_path = dagster_dev(env)
    return base, home, warehouse, log_path


@pytest.fixture
def browser(tmp_path: Path):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'chromium'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def shot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    print(f"screenshot: {path}")
    return path


def dismiss_welcome(driver) -> None:
    """The UI's newsletter dialog covers the page on a fresh instance."""
    for button in driver.find_elements(By.XPATH, "//button[normalize-space()='Skip']"):
        with contextlib.suppress(Exception):
            button.click()


def click_past_dialogs(driver, element, tries: int = 20) -> None:
    """Click `element`, skipping the newsletter dialog whenever it has come up over the page meanwhile."""
    for _ in range(tries - 1):
        dismiss_welcome(driver)
        try:
            element.click()
            return
        except ElementClickInterceptedException:
            time.sleep(0.5)
    element.click()


def shown_as(name: str, label: str) -> bool:
    """The graph shortens long names in the middle (`warehouse_re…_copy`)."""
    head, cut, tail = label.partition("…")
    return label == name or (bool(cut) and name.startswith(head) and name.endswith(tail))


def test_the_ui_shows_every_asset_the_checks_and_the_report_charts(ui, browser):
    base, home, warehouse, log = ui
    wait = WebDriverWait(browser, 90, poll_frequency=1)

    browser.get(f"{base}/locations/zhnews/asset-groups/zhnews")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[class*=AssetNode_assetName]")) >= 5)
    dismiss_welcome(browser)
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "[class*=AssetNode_assetName]")]
    shot(browser, "asset_graph")
    assets = [key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()]
    missing = [a for a in assets if not any(shown_as(a, label) for label in labels)]
    assert not missing and len(labels) == len(assets), f"graph shows {labels}"

    browser.get(f"{base}/assets/documents?view=checks")
    wait.until(lambda d: "Evaluation result" in d.find_element(By.TAG_NAME, "body").text)
    page = browser.find_element(By.TAG_NAME, "body").text
    shot(browser, "documents_checks")
    assert "matches_schema" in page and "Passed" in page and "Failed" not in page

    browser.get(f"{base}/assets/corpus_report")
    link = wait.until(lambda d: d.find_elements(By.XPATH, "//a[normalize-space()='[Show Markdown]']"))
    click_past_dialogs(browser, link[0])
    loaded = wait.until(lambda d: d.execute_script(IMAGES_LOADED) or None)
    shot(browser, "report_in_ui")
    assert len(loaded) >= 4 and all(loaded), f"chart images loaded: {loaded}"

    browser.set_window_size(900, 1300)
    browser.get(report_path(warehouse).as_uri())
    in_file = browser.execute_script(IMAGES_LOADED)
    shot(browser, "report")
    assert len(in_file) == len(loaded) and all(in_file)

    skipped = "Sensor seeds_sensor skipped: no seed file was added, changed or deleted"
    ticked = wait_for(lambda: skipped in log.read_text(), 60, step=2)
    assert ticked, "the sensor did not tick:\n" + log.read_text()[-3000:]
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert instance.get_runs_count() == 1  # `make run`'s run only: nothing changed, nothing launched
