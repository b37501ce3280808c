#!/usr/bin/env python3
"""The API benchmark's helpers for run.sh (standard library only).

    helper.py free-port                        a free TCP port on 127.0.0.1
    helper.py wait URL SECONDS                 waits until URL answers (any HTTP status)
    helper.py setup BASE_URL EMAIL             one developer who may send SMS: register, log in,
                                               create an API key, apply for sms; the operator
                                               (SWITCHBOARD_ADMIN_TOKEN) approves and tops up.
                                               Prints `ACCOUNT_ID API_KEY`.
    helper.py rss PID                          `VmRSS_kB VmHWM_kB` of a process
    helper.py report RESULTS_DIR               the table and ratios from the wrk outputs
"""

import json
import os
import re
import socket
import statistics
import sys
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(method, url, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, {"raw": text.decode(errors="replace")}


def expect(what, answer, *statuses):
    status, body = answer
    if status not in statuses:
        sys.exit(f"bench-api: {what} failed: {status} {json.dumps(body)}")
    return body


def setup(base, email):
    admin = os.environ["SWITCHBOARD_ADMIN_TOKEN"]
    password = "bench-api password 1"
    agreement = expect("GET /v1/agreement", call("GET", base + "/v1/agreement"), 200)
    version = agreement.get("inEffect") or sys.exit("bench-api: no agreement version in effect")
    account = expect("register", call("POST", base + "/v1/accounts", {
        "name": "Bench Developer", "email": email, "password": password, "phone": "+8613800138000",
        "entityType": "individual", "acceptAgreement": version}), 201)
    account_id = account["id"]
    session = expect("login", call("POST", base + "/v1/sessions", {"email": email, "password": password}), 201)["token"]
    key = expect("create API key", call("POST", base + "/v1/api-keys", None, session), 201)["key"]
    expect("apply for sms", call("POST", base + "/v1/account/capabilities",
                                 {"capability": "sms", "acceptTerms": version}, session), 201)
    expect("approve sms", call("POST", f"{base}/v1/admin/accounts/{account_id}/capabilities/sms/approve", {}, admin), 200)
    expect("top up", call("POST", f"{base}/v1/admin/accounts/{account_id}/top-ups", {
        "amount": "10000000.00", "method": "bank-transfer", "reference": "bench-" + account_id}, admin), 200, 201)
    print(account_id, key)


def wait(url, seconds):
    deadline = time.time() + float(seconds)
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            time.sleep(0.2)
    sys.exit(f"bench-api: {url} did not answer within {seconds} s")


def rss(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            fields[name] = value.split()[0] if value.split() else "0"
    print(fields.get("VmRSS", "0"), fields.get("VmHWM", "0"))


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(path):
    """requests/s, p50 and p99 in ms, request count, non-2xx/3xx count, socket errors, status counts."""
    text = open(path).read()
    result = {"rps": None, "p50": None, "p99": None, "requests": 0, "non2xx": 0, "errors": 0, "statuses": {}}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        result["rps"] = float(m.group(1))
    if m := re.search(r"^\s+50%\s+(\S+)", text, re.M):
        result["p50"] = milliseconds(m.group(1))
    if m := re.search(r"^\s+99%\s+(\S+)", text, re.M):
        result["p99"] = milliseconds(m.group(1))
    if m := re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", text):
        result["requests"] = int(m.group(1))
        result["seconds"] = float(m.group(2)) * UNITS[m.group(3)] / 1000
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        result["non2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        result["errors"] = sum(int(g) for g in m.groups())
    for code, count in re.findall(r"^status (\d+) (\d+)$", text, re.M):
        result["statuses"][int(code)] = int(count)
    return result


def report(results):
    rounds = sorted(int(m.group(1)) for f in os.listdir(results) if (m := re.fullmatch(r"static\.(\d+)\.txt", f)))
    cases = [case for n in rounds for case in ((f"nginx.{n}", f"nginx, static page (round {n})"),
                                                (f"static.{n}", f"switchboard, static page (round {n})"))]
    cases += [("static-gzip", "switchboard, static page, gzip (not in the ratio)"),
              ("prices", "switchboard, GET /v1/prices"), ("sms", "switchboard, POST /v1/sms (durable)")]
    parsed = {}
    print("| case | requests/s | p50 | p99 | requests | non-2xx | socket errors |")
    print("|---|---|---|---|---|---|---|")
    for name, label in cases:
        path = os.path.join(results, name + ".txt")
        if not os.path.exists(path):
            continue
        r = parsed[name] = parse_wrk(path)
        fmt = lambda v, f: "?" if v is None else f.format(v)
        print(f"| {label} | {fmt(r['rps'], '{:,.0f}')} | {fmt(r['p50'], '{:.2f} ms')} | {fmt(r['p99'], '{:.2f} ms')} "
              f"| {r['requests']:,} | {r['non2xx']:,} | {r['errors']:,} |")
    print()
    ok = True
    # Each round compares the two servers a few seconds apart; the median round is the figure.
    ratios = [parsed[f"static.{n}"]["rps"] / parsed[f"nginx.{n}"]["rps"] for n in rounds
              if parsed.get(f"static.{n}", {}).get("rps") and parsed.get(f"nginx.{n}", {}).get("rps")]
    if ratios:
        ratio = statistics.median(ratios)
        ok &= ratio >= 0.5
        each = ", ".join(f"{r:.2f}" for r in ratios)
        print(f"static page: {ratio:.2f}× nginx, the median of {len(ratios)} rounds ({each}) "
              f"(target ≥ 0.50×) {'met' if ratio >= 0.5 else 'MISSED'}")
    if "sms" in parsed and parsed["sms"]["rps"]:
        r = parsed["sms"]
        created = r["statuses"].get(201, 0)
        duration = r.get("seconds")
        # wrk's requests/s counts every answer; durable sends are the 201s only.
        sends = created / duration if duration else r["rps"]
        ratio = sends / 5000
        ok &= ratio >= 1
        print(f"POST /v1/sms: {sends:,.0f} durable sends/s (201s over {duration:g} s) = {ratio:.2f}× the 5,000/s target "
              f"{'met' if ratio >= 1 else 'MISSED'}")
        if r["p99"] is not None:
            ok &= r["p99"] <= 50
            print(f"POST /v1/sms: p99 {r['p99']:.2f} ms vs 50 ms target {'met' if r['p99'] <= 50 else 'MISSED'}")
        others = {k: v for k, v in r["statuses"].items() if k != 201}
        print(f"POST /v1/sms answers: {created:,} × 201" + "".join(f", {v:,} × {k}" for k, v in sorted(others.items()))
              + f", {r['errors']:,} socket errors")
    return ok


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "free-port":
        print(free_port())
    elif command == "wait":
        wait(sys.argv[2], sys.argv[3])
    elif command == "setup":
        setup(sys.argv[2].rstrip("/"), sys.argv[3])
    elif command == "rss":
        rss(sys.argv[2])
    elif command == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
