#!/usr/bin/env python3
"""Checks what a crawl over HTTP misses (part of the linkchecker check of portal-check).

    tests/portal/site_urls.py --root public

- every URL in sitemap.xml, in every Atom/RSS feed (*.xml) and in search.json (any "url"
  value) names a file in ROOT; absolute URLs count as the site's own when their origin is
  the one the sitemap uses (the site's baseURL), other origins are skipped;
- every link with a #fragment between pages of ROOT leads to an element with that id.
Prints `file: error: message` per problem and exits 1 if there is any.
"""

import argparse
import collections
import json
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag in ("a", "area", "link") and attrs.get("href"):
            self.links.append(attrs["href"])


def page_url(root, file):
    relative = file.relative_to(root).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def file_for(root, path):
    path = unquote(path)
    candidate = root / path.lstrip("/")
    if path.endswith("/") or path == "":
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def xml_urls(file):
    try:
        tree = ET.parse(file)
    except ET.ParseError as error:
        return None, str(error)
    urls = []
    for element in tree.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "loc" and element.text:
            urls.append(element.text.strip())
        elif tag == "link":
            if element.get("href") and element.get("rel", "alternate") in ("alternate", "self"):
                urls.append(element.get("href"))
            elif element.text and element.text.strip():
                urls.append(element.text.strip())
    return urls, None


def json_urls(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "href", "link") and isinstance(item, str):
                yield item
            else:
                yield from json_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_urls(item)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=Path("public"))
    args = parser.parse_args()
    root = args.root.resolve()
    errors = []

    sources = {}  # file -> list of URLs
    sitemap = root / "sitemap.xml"
    for file in sorted(root.rglob("*.xml")):
        urls, error = xml_urls(file)
        if error:
            errors.append(f"{file.relative_to(root)}: error: not well-formed XML: {error}")
        elif urls:
            sources[file] = urls
    search = root / "search.json"
    if search.is_file():
        try:
            sources[search] = list(json_urls(json.loads(search.read_text(encoding="utf-8"))))
        except (ValueError, UnicodeDecodeError) as error:
            errors.append(f"search.json: error: not valid JSON: {error}")
    origins = collections.Counter(
        "{0.scheme}://{0.netloc}".format(urlsplit(u)) for u in sources.get(sitemap, []) if urlsplit(u).netloc)
    site_origin = origins.most_common(1)[0][0] if origins else None
    checked = 0
    for file, urls in sources.items():
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel"):
                continue
            if parts.netloc and "{0.scheme}://{0.netloc}".format(parts) != site_origin:
                continue
            checked += 1
            if file_for(root, parts.path or "/") is None:
                errors.append(f"{file.relative_to(root)}: error: {url} leads to no page in the site")

    pages = {}
    for file in sorted(root.rglob("*.html")):
        page = PageParser()
        page.feed(file.read_text(encoding="utf-8", errors="replace"))
        pages[file] = page
    fragments = 0
    for file, page in pages.items():
        here = "http://site" + page_url(root, file)
        for href in page.links:
            target = urlsplit(urljoin(here, href))
            if target.netloc != "site" or not target.fragment:
                continue
            fragments += 1
            target_file = file_for(root, target.path)
            if target_file is None:
                continue  # a missing page is linkchecker's finding
            if unquote(target.fragment) not in pages.get(target_file, PageParser()).ids:
                errors.append(f"{file.relative_to(root)}: error: {href} has no element with id "
                              f"'{unquote(target.fragment)}' in {target_file.relative_to(root)}")

    for error in errors:
        print(error)
    print(f"site URLs: {checked} URLs from {len(sources)} sitemap/feed/search files and "
          f"{fragments} #fragment links checked, {len(errors)} problems")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
