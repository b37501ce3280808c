"""Schemathesis hooks for `make api-check` (loaded through SCHEMATHESIS_HOOKS).

Random path parameters almost never name a record that exists, so every `{id}` would only
ever meet 404. Half of the generated ids are replaced by real ones that run.sh created
beforehand and passes in the environment: the developer's account id on the operator's routes
and an API key id on `DELETE /v1/api-keys/{id}`.
"""

import os
import random

import schemathesis
from hypothesis.internal import lambda_sources

# Hypothesis names filter lambdas by parsing their source file with `ast`; Python 3.11 before
# 3.11.4 (Debian 12 ships 3.11.2) raises "SystemError: AST constructor recursion depth mismatch"
# on Schemathesis' larger modules, which would end a test as a runtime error. The name only
# serves error messages, so fall back to an anonymous one.
_describe = lambda_sources._lambda_description


def _lambda_description(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _lambda_description

_rng = random.Random(int(os.environ.get("API_CHECK_SEED", "1")))


@schemathesis.hook
def map_path_parameters(context, path_parameters):
    if not path_parameters or "id" not in path_parameters or context.operation is None:
        return path_parameters
    path = context.operation.path
    if path.startswith("/v1/admin/accounts/"):
        real = os.environ.get("API_CHECK_ACCOUNT_ID")
    elif path.startswith("/v1/api-keys/"):
        real = os.environ.get("API_CHECK_KEY_ID")
    else:
        real = None
    if real and _rng.random() < 0.5:
        path_parameters = dict(path_parameters, id=real)
    return path_parameters
