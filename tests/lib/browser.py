"""Headless Chromium for the portal and console checks (tests/portal/axe_check.py,
tests/console/console_check.py): the system's browser and driver only, nothing downloaded;
colour-scheme emulation, axe-core's verdict, the phone-width measure and screenshots."""

import base64

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium_axe_python import Axe

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True}
# axe-core violations of these impacts fail a check; moderate and minor ones are reported.
FAILING_IMPACTS = {"serious", "critical"}


def chrome_options(width, height):
    """Headless, English, no extensions, at a fixed window size and scale."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1", "--lang=en-US",
                     "--disable-extensions", "--no-first-run", "--hide-scrollbars"):
        options.add_argument(argument)
    return options


def start_browser(options):
    # An explicit driver path and browser binary: selenium-manager is never asked to fetch one.
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def set_color_scheme(driver, scheme):
    """Emulates `prefers-color-scheme` as "light" or "dark"; None returns to the default."""
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": features})


def axe_violations(driver):
    """axe-core on the page as it stands: the failing violations, and how many others there are."""
    axe = Axe(driver)
    axe.inject()
    violations = axe.run(options={"resultTypes": ["violations"]})["violations"]
    failing = [v for v in violations if v.get("impact") in FAILING_IMPACTS]
    return failing, len(violations) - len(failing)


def too_wide(driver, width):
    """None when the page fits `width`; otherwise (scrollWidth, innerWidth, up to six elements
    reaching past it). On a phone, Chromium zooms a too-wide page out (innerWidth grows) rather
    than scrolling, so both count. Elements inside a box that scrolls or clips sideways are not
    named: they do not widen the page."""
    scroll, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll <= inner and inner <= width:
        return None
    elements = driver.execute_script("""
        const w = arguments[0], out = [];
        const clipped = (e) => {
          // An absolutely placed element escapes the scrolling box unless that box is positioned.
          if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) return false;
          for (let p = e.parentElement; p; p = p.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
          }
          return false;
        };
        for (const e of document.body.querySelectorAll('*')) {
          if (clipped(e)) continue;
          const r = e.getBoundingClientRect();
          if (r.right > w + 1 && out.length < 6) out.push(e.tagName.toLowerCase() +
            (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ?
            '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' (' + Math.round(r.right) + ' px)');
        }
        return out;""", width)
    return scroll, inner, elements


def save_screenshot(driver, path):
    """The whole page, beyond the viewport, as PNG."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path.write_bytes(base64.b64decode(shot["data"]))
