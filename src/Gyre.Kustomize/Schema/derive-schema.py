#!/usr/bin/env python3
"""Derives Gyre.Kustomize's compact strategic-merge schema from the Kubernetes OpenAPI kustomize v5.5 compiles in.

Input: /work/shared/data/kubernetes-openapi/swagger-v1.21.2.json (kyaml v0.18.1's built-in schema, see that README).
Output (stdout): JSON with
  gvks:        "group/version/Kind" -> definition name (from x-kubernetes-group-version-kind)
  namespaced:  "group/version/Kind" -> true/false (whether any API path serving it has {namespace})
  definitions: definition -> {property: [itemsOrRef, isList, mergeKeys, strategy]} for properties that are objects,
               lists, or carry x-kubernetes-patch-* extensions (what kyaml's walker consults).
Usage: python3 derive-schema.py /path/to/swagger-v1.21.2.json > kubernetes-schema.json
"""
import json
import sys

doc = json.load(open(sys.argv[1]))
defs = doc["definitions"]

def ref_name(schema):
    ref = schema.get("$ref")
    if ref is None and "allOf" in schema:
        for s in schema["allOf"]:
            if "$ref" in s:
                ref = s["$ref"]
    return ref.split("/")[-1] if ref else None

gvks = {}
for name, d in defs.items():
    for g in d.get("x-kubernetes-group-version-kind", []):
        key = f'{g["group"]}/{g["version"]}/{g["kind"]}'
        gvks.setdefault(key, name)

namespaced = {}
for path, item in doc["paths"].items():
    for op in item.values():
        if not isinstance(op, dict):
            continue
        g = op.get("x-kubernetes-group-version-kind")
        if not g:
            continue
        key = f'{g["group"]}/{g["version"]}/{g["kind"]}'
        ns = "{namespace}" in path
        namespaced[key] = namespaced.get(key, False) or ns

out_defs = {}
for name, d in defs.items():
    props = {}
    for p, s in d.get("properties", {}).items():
        is_list = s.get("type") == "array"
        target = ref_name(s.get("items", {})) if is_list else ref_name(s)
        strategy = s.get("x-kubernetes-patch-strategy")
        keys = s.get("x-kubernetes-list-map-keys")
        if keys is None and s.get("x-kubernetes-patch-merge-key"):
            keys = [s["x-kubernetes-patch-merge-key"]]
        if s.get("type") == "object" and "additionalProperties" in s:
            target = None
        if target is None and not is_list and strategy is None:
            continue
        props[p] = [target, is_list, keys, strategy]
    if props:
        out_defs[name] = props

json.dump({"gvks": gvks, "namespaced": namespaced, "definitions": out_defs}, sys.stdout, sort_keys=True, separators=(",", ":"))
