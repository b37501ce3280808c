#!/usr/bin/env python3
"""Generates the build benchmark's site twice from the same Markdown bodies.

    bench/build/generate.py OUT_DIR [--count 10000] [--seed 2] [--body-bytes 3400]

writes
    OUT_DIR/switchboard/  site.yaml + content/announcements/<slug>.md
    OUT_DIR/hugo/         hugo.toml + content/announcements/<slug>.md + minimal layouts

Deterministic: the same arguments give byte-identical trees. Every announcement is
`kind: general`, published between 2020-01-01 and 2026-11-26 (+08:00), i.e. in the past
relative to the benchmark's `--now 2026-11-27T00:00:00+08:00`.
"""

import argparse
import datetime as dt
import json
import random
import shutil
from pathlib import Path

ZONE = dt.timezone(dt.timedelta(hours=8))
FIRST = dt.datetime(2020, 1, 1, 0, 0, tzinfo=ZONE)
LAST = dt.datetime(2026, 11, 26, 23, 0, tzinfo=ZONE)

WORDS = (
    "account api balance billing call capability carrier channel console credit customer "
    "delivery developer endpoint gateway key latency ledger limit message minute network "
    "notice number operator package platform portal prepaid price queue rate recipient "
    "region report request route segment sender service session signature sms status "
    "template throughput top-up traffic trial unit update usage voice webhook window "
    "schedule retry timeout receipt statement invoice quota upgrade release migration "
    "monitoring dashboard alert threshold failover redundancy maintenance version client "
    "library sdk documentation example support contact change effective published"
).split()
SERVICES = ["SMS domestic", "SMS international", "Voice notification", "Voice verification",
            "Number lookup", "Short link", "Template review", "Delivery report push"]
UNITS = ["segment", "minute", "call", "request", "message"]
TOPICS = ["routing", "billing", "the console", "delivery receipts", "API keys", "templates",
          "voice prompts", "sender names", "statistics", "webhooks", "top-ups", "quotas"]

SITE_YAML = """title: Bench
baseURL: https://bench.example.com/
language: en
timeZone: Asia/Shanghai
announcementsPerPage: 20
"""

HUGO_TOML = """baseURL = "https://bench.example.com/"
languageCode = "en"
title = "Bench"
timeZone = "Asia/Shanghai"
paginate = 20
buildFuture = true
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true
# Switchboard's Atom feeds carry the newest 50 entries; Hugo's RSS feeds do the same.
rssLimit = 50

[markup.goldmark.extensions]
table = true
strikethrough = true
linkify = true
taskList = true
footnote = true

[markup.goldmark.renderer]
unsafe = false

[outputs]
home = ["HTML", "RSS", "JSON"]
section = ["HTML", "RSS"]
page = ["HTML"]
"""

# Minimal templates, roughly what Switchboard's default theme renders: a page shell with
# landmarks, a paginated list (title, date, summary), a single page, a JSON search index.
LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}">
</head>
<body>
<header><nav><a href="/">{{ site.Title }}</a> <a href="/announcements/">Announcements</a></nav></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>&copy; {{ site.Title }}</p></footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}
</article>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pages := .RegularPagesRecursive.ByDate.Reverse }}
{{ $paginator := .Paginate $pages }}
<ul>
{{ range $paginator.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Params.summary }}</p></li>
{{ end }}
</ul>
<nav aria-label="Pages">
{{ with $paginator.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }}
<span>Page {{ $paginator.PageNumber }} of {{ $paginator.TotalPages }}</span>
{{ with $paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}
</nav>
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<h2>Latest announcements</h2>
<ul>
{{ range first 10 site.RegularPages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></li>
{{ end }}
</ul>
<p><a href="/announcements/">All announcements</a></p>
{{ end }}
""",
    "index.json": """{{- $items := slice -}}
{{- range site.RegularPages.ByDate.Reverse -}}
{{- $items = $items | append (dict "title" .Title "url" .RelPermalink "summary" .Params.summary "kind" .Params.kind "date" (.Date.Format "2006-01-02T15:04:05Z07:00")) -}}
{{- end -}}
{{- $items | jsonify -}}
""",
}


def yaml_string(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def sentence(rng, low=8, high=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng) for _ in range(sentences))


def make_body(rng, index, slugs, target_bytes):
    other = slugs[rng.randrange(index)] if index > 0 else slugs[-1]
    topic = rng.choice(TOPICS)
    rows = []
    for service in rng.sample(SERVICES, 5):
        old = rng.randint(20, 900) / 1000
        new = old * rng.choice([0.9, 0.95, 1.0, 1.05, 1.1])
        change = (new - old) / old * 100
        rows.append(f"| {service} | {rng.choice(UNITS)} | {old:.3f} | {new:.3f} | {change:+.1f}% |")
    bullets = [f"- {sentence(rng, 6, 12)}" for _ in range(5)]
    parts = [
        f"This notice describes a change to {topic}. Clients calling `POST /v1/messages` "
        f"or reading `GET /v1/bills/{{month}}` should read it to the end. " + paragraph(rng, 3),
        "## What changes",
        paragraph(rng, 4),
        "| Service | Unit | Before (CNY) | After (CNY) | Change |\n"
        "|---|---|--:|--:|--:|\n" + "\n".join(rows),
        "## Who is affected",
        "\n".join(bullets),
        "> " + sentence(rng, 12, 20) + " " + sentence(rng, 10, 16) + "\n>\n> — The platform operations team",
        "## What you need to do",
        f"{paragraph(rng, 2)} See [all announcements](/announcements/) and the "
        f"[earlier notice](/announcements/{other}/) for background; the `retry_after` field "
        f"tells a client when to try again.",
    ]
    body = "\n\n".join(parts) + "\n"
    extra = []
    while len(body.encode()) + sum(len(p) + 2 for p in extra) < target_bytes - 120:
        extra.append(paragraph(rng, 2))
    if extra:
        body += "\n## Details\n\n" + "\n\n".join(extra) + "\n"
    return body


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--body-bytes", type=int, default=3400)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    out = args.out_dir
    sb, hugo = out / "switchboard", out / "hugo"
    for tree in (sb, hugo):
        if tree.exists():
            shutil.rmtree(tree)
    (sb / "content" / "announcements").mkdir(parents=True)
    (hugo / "content" / "announcements").mkdir(parents=True)
    (sb / "site.yaml").write_text(SITE_YAML)
    (hugo / "hugo.toml").write_text(HUGO_TOML)
    (hugo / "content" / "announcements" / "_index.md").write_text('---\ntitle: "Announcements"\n---\n')
    (hugo / "content" / "_index.md").write_text('---\ntitle: "Bench"\n---\n')
    for name, text in LAYOUTS.items():
        path = hugo / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    span = int((LAST - FIRST).total_seconds() // 60)
    slugs = []
    for i in range(args.count):
        words = rng.sample(WORDS, 3)
        slugs.append(f"notice-{i + 1:05d}-" + "-".join(words))
    total = 0
    for i, slug in enumerate(slugs):
        title = f"Notice {i + 1}: {rng.choice(['Update to', 'Changes in', 'Improvements to', 'Schedule for'])} {rng.choice(TOPICS)}"
        published = (FIRST + dt.timedelta(minutes=rng.randrange(span))).isoformat()
        summary = sentence(rng, 10, 16)
        body = make_body(rng, i, slugs, args.body_bytes)
        total += len(body.encode())
        (sb / "content" / "announcements" / f"{slug}.md").write_text(
            f"---\ntitle: {yaml_string(title)}\nkind: general\npublished: {published}\n"
            f"summary: {yaml_string(summary)}\n---\n\n{body}")
        (hugo / "content" / "announcements" / f"{slug}.md").write_text(
            f"---\ntitle: {yaml_string(title)}\ndate: {published}\n"
            f"summary: {yaml_string(summary)}\nkind: general\n---\n\n{body}")
    print(f"generated {args.count} announcements, {total / args.count:.0f} bytes of Markdown body "
          f"on average ({total / 1e6:.1f} MB), into {sb} and {hugo}")


if __name__ == "__main__":
    main()
