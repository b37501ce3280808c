#!/usr/bin/env python3
"""Accessibility and phone-width checks of a rendered portal in headless Chromium.

    tests/portal/axe_check.py --root public --base-url http://127.0.0.1:PORT \
        [--out .portal-check] [--results FILE] [--max-pages 40]

Pages: every HTML file when there are at most --max-pages; otherwise every top-level page
(/index.html, /<section>/index.html, /404.html …) plus an evenly spread sample of the rest,
up to --max-pages in all.

- axe-light / axe-dark: axe-core (bundled with selenium-axe-python) on each page with
  `prefers-color-scheme` emulated as light, then dark; a violation of impact "serious" or
  "critical" fails the check and is printed with page, mode, rule, impact and nodes.
- phone-width: each page at a 375×740 phone viewport; fails when the page scrolls
  sideways (documentElement.scrollWidth > innerWidth) or does not lay out at device width
  (no `<meta name="viewport" content="width=device-width">`, so innerWidth > 375).
- Screenshots of the home page at phone width, light and dark, go to OUT/ for people.

Uses the system's Chromium and chromedriver only; nothing is downloaded.
Writes `<check> pass|fail` lines to --results; exits 1 if any check failed.
"""

import argparse
import base64
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium_axe_python import Axe

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True}
FAILING_IMPACTS = {"serious", "critical"}


def page_paths(root, max_pages):
    """URL paths of the pages to check, top-level pages first."""
    files = sorted(root.rglob("*.html"))

    def url(file):
        relative = file.relative_to(root).as_posix()
        if relative == "index.html":
            return "/"
        return "/" + relative[: -len("index.html")] if relative.endswith("/index.html") else "/" + relative

    def top_level(file):
        parts = file.relative_to(root).parts
        return len(parts) == 1 or (len(parts) == 2 and parts[1] == "index.html")

    if len(files) <= max_pages:
        chosen = files
    else:
        chosen = [f for f in files if top_level(f)][:max_pages]
        rest = [f for f in files if not top_level(f)]
        room = max_pages - len(chosen)
        if room > 0 and rest:
            step = len(rest) / room
            chosen += [rest[int(i * step)] for i in range(min(room, len(rest)))]
    paths = [url(f) for f in chosen]
    return sorted(set(paths), key=lambda p: (p != "/", p.count("/"), p))


def start_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--force-device-scale-factor=1", "--lang=en-US",
                     "--disable-extensions", "--no-first-run", "--hide-scrollbars"):
        options.add_argument(argument)
    # An explicit driver path and browser binary: selenium-manager is never asked to fetch one.
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def set_color_scheme(driver, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})


def run_axe(driver, base_url, paths, mode):
    """Returns the number of serious/critical violations found in this mode."""
    set_color_scheme(driver, mode)
    problems = 0
    for path in paths:
        driver.get(base_url + path)
        axe = Axe(driver)
        axe.inject()
        results = axe.run(options={"resultTypes": ["violations"]})
        minor = 0
        for violation in results["violations"]:
            if violation.get("impact") not in FAILING_IMPACTS:
                minor += 1
                continue
            problems += 1
            print(f"  {path} [{mode}] {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:10]:
                target = " ".join(str(t) for t in node.get("target", []))
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                print(f"      {target}  {summary[:300]}")
            if len(violation["nodes"]) > 10:
                print(f"      … and {len(violation['nodes']) - 10} more nodes")
        if minor:
            print(f"  {path} [{mode}] note: {minor} moderate/minor rule(s) violated (not failing)")
    print(f"axe-{mode}: {len(paths)} pages, {problems} serious/critical violations")
    return problems


def phone_check(driver, base_url, paths, out):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    problems = 0
    set_color_scheme(driver, "light")
    for path in paths:
        driver.get(base_url + path)
        scroll, inner, viewport = driver.execute_script(
            "const m = document.querySelector('meta[name=viewport]');"
            "return [document.documentElement.scrollWidth, window.innerWidth, m ? m.content : null]")
        # On a phone, Chromium zooms a too-wide page out (innerWidth grows) rather than scrolling.
        if scroll > inner or inner > PHONE["width"]:
            problems += 1
            wide = driver.execute_script("""
                const w = arguments[0], out = [];
                for (const e of document.body.querySelectorAll('*')) {
                  const r = e.getBoundingClientRect();
                  if (r.right > w + 1 && out.length < 5) out.push(e.tagName.toLowerCase() +
                    (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ?
                    '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' (right edge ' + Math.round(r.right) + ' px)');
                }
                return out;""", PHONE["width"])
            hint = "" if viewport and "device-width" in viewport else "; no <meta name=viewport content=width=device-width>"
            print(f"  {path} [phone {PHONE['width']}px] too wide: scrollWidth={scroll} innerWidth={inner}{hint}; "
                  f"elements past {PHONE['width']} px: {', '.join(wide) or 'none found'}")
    for mode in ("light", "dark"):
        set_color_scheme(driver, mode)
        driver.get(base_url + "/")
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        target = out / f"home-phone-{mode}.png"
        target.write_bytes(base64.b64decode(shot["data"]))
        print(f"  screenshot: {target}")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print(f"phone-width: {len(paths)} pages, {problems} too wide")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=Path("public"))
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--out", type=Path, default=Path(".portal-check"))
    parser.add_argument("--results", type=Path)
    parser.add_argument("--max-pages", type=int, default=40)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base_url = args.base_url.rstrip("/")
    paths = page_paths(args.root, args.max_pages)
    print(f"checking {len(paths)} pages: {' '.join(paths)}")

    results = {}
    driver = start_browser()
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(60)
        for mode in ("light", "dark"):
            results[f"axe-{mode}"] = run_axe(driver, base_url, paths, mode) == 0
        results["phone-width"] = phone_check(driver, base_url, paths, args.out) == 0
    finally:
        driver.quit()
        if args.results:
            args.results.write_text("".join(f"{name} {'pass' if ok else 'fail'}\n" for name, ok in results.items()))
    sys.exit(0 if all(results.values()) and len(results) == 3 else 1)


if __name__ == "__main__":
    main()
