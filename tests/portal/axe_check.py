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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))
from browser import PHONE, axe_violations, chrome_options, save_screenshot, set_color_scheme, start_browser, too_wide  # noqa: E402


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


def run_axe(driver, base_url, paths, mode):
    """Returns the number of serious/critical violations found in this mode."""
    set_color_scheme(driver, mode)
    problems = 0
    for path in paths:
        driver.get(base_url + path)
        failing, minor = axe_violations(driver)
        for violation in failing:
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
        wide = too_wide(driver, PHONE["width"])
        if wide:
            problems += 1
            scroll, inner, elements = wide
            viewport = driver.execute_script("const m = document.querySelector('meta[name=viewport]'); return m ? m.content : null")
            hint = "" if viewport and "device-width" in viewport else "; no <meta name=viewport content=width=device-width>"
            print(f"  {path} [phone {PHONE['width']}px] too wide: scrollWidth={scroll} innerWidth={inner}{hint}; "
                  f"elements past {PHONE['width']} px: {', '.join(elements) or 'none found'}")
    for mode in ("light", "dark"):
        set_color_scheme(driver, mode)
        driver.get(base_url + "/")
        target = out / f"home-phone-{mode}.png"
        save_screenshot(driver, target)
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
    driver = start_browser(chrome_options(1280, 1000))
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
