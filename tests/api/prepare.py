"""Creates what the fuzzing runs authenticate with, on a fresh server, and prints it as shell
assignments: a developer account (registered, logged in), a session token, an API key and
their ids (the key id named is a spare, for DELETE /v1/api-keys/{id}). With the admin token,
the account gets the sms and voice capabilities and a balance, so sends can succeed.
Usage: prepare.py BASE_URL ADMIN_TOKEN
"""

import json
import sys
import urllib.error
import urllib.request

base = sys.argv[1].rstrip("/")
admin = sys.argv[2]


def call(method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        sys.exit(f"prepare: {method} {path} answered {error.code}: {error.read().decode(errors='replace')}")


_, agreement = call("GET", "/v1/agreement")
version = agreement.get("inEffect")
if not version:
    sys.exit("prepare: the site has no agreement version in effect; registration is impossible")
email, password = "fuzz@example.com", "fuzzing-password-1"
_, account = call("POST", "/v1/accounts", {
    "name": "Fuzz Tester", "email": email, "password": password, "phone": "+8613800138000",
    "entityType": "individual", "acceptAgreement": version,
})
_, session = call("POST", "/v1/sessions", {"email": email, "password": password})
for capability in ("sms", "voice"):
    call("POST", "/v1/account/capabilities", {"capability": capability, "acceptTerms": version}, token=session["token"])
    call("POST", f"/v1/admin/accounts/{account['id']}/capabilities/{capability}/approve", {}, token=admin)
call("POST", f"/v1/admin/accounts/{account['id']}/top-ups", {"amount": "5000.00", "method": "api-check", "reference": "api-check-1"}, token=admin)
# One key to authenticate the API key run, another for the session run to revoke.
_, key = call("POST", "/v1/api-keys", {}, token=session["token"])
_, spare = call("POST", "/v1/api-keys", {}, token=session["token"])
print(f"API_CHECK_ACCOUNT_ID={account['id']}")
print(f"API_CHECK_SESSION={session['token']}")
print(f"API_CHECK_API_KEY={key['key']}")
print(f"API_CHECK_KEY_ID={spare['id']}")
print(f"API_CHECK_AGREEMENT={version}")
