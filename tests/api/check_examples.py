"""Checks that every example in the OpenAPI document matches its own schema, so the examples
on the API reference page cannot drift from the shapes the fuzzing enforces.
Usage: check_examples.py openapi.json
"""

import json
import sys

import jsonschema_rs

document = json.load(open(sys.argv[1], encoding="utf-8"))
components = document.get("components", {})


def validator(schema):
    # References point into the document's components; carry them along.
    return jsonschema_rs.validator_for(
        dict(schema, components=components, **{"$schema": "https://json-schema.org/draft/2020-12/schema"}))


checked, bad = 0, 0
for path, item in document["paths"].items():
    for method, operation in item.items():
        cases = []
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body and "example" in body:
            cases.append(("request body", body["schema"], body["example"]))
        for status, response in operation.get("responses", {}).items():
            if "$ref" in response:
                response = components["responses"][response["$ref"].split("/")[-1]]
            content = response.get("content", {}).get("application/json")
            if content and "example" in content:
                cases.append((f"{status} answer", content["schema"], content["example"]))
        for name, schema, example in cases:
            checked += 1
            for error in validator(schema).iter_errors(example):
                bad += 1
                print(f"{method.upper()} {path}: the {name} example does not match its schema: {error}", file=sys.stderr)
                break
print(f"api-check: {checked} examples checked against their schemas, {bad} wrong")
sys.exit(1 if bad else 0)
