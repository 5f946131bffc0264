#!/usr/bin/env python3
"""Builds Go template oracle requests for the podinfo chart's templates (run regenerate.sh afterwards).

Each request holds the chart's templates and the data Helm gives them (.Chart, .Release, .Values from a values
file), so the oracle (real Go text/template + Sprig + Helm's functions) renders the expected text independently.
"""
import json, os

here = os.path.dirname(os.path.abspath(__file__))
chart = os.path.join(here, "..", "podinfo")

def read(p):
    with open(os.path.join(chart, p)) as f:
        return f.read()

templates = {
    "podinfo/templates/_helpers.tpl": read("templates/_helpers.tpl"),
    "podinfo/templates/deployment.yaml": read("templates/deployment.yaml"),
    "podinfo/templates/service.yaml": read("templates/service.yaml"),
}
release = {"Name": "frontend", "Namespace": "apps", "Service": "Helm", "IsInstall": True, "IsUpgrade": False, "Revision": 1}
meta = {"Name": "podinfo", "Version": "6.5.0", "AppVersion": "6.5.0"}

overrides = """replicaCount: 3
image:
  repository: ghcr.io/stefanprodan/podinfo
  tag: "6.6.0"
service:
  type: NodePort
  httpPort: 9090
serviceAccount:
  enabled: true
  name: ""
hpa:
  enabled: false
  maxReplicas: 10
ui:
  color: "#34577c"
  message: "Hello: 'world'"
podAnnotations:
  prometheus.io/scrape: "true"
  prometheus.io/port: 9797
"""

cases = {
    "deployment-defaults": ("podinfo/templates/deployment.yaml", read("values.yaml")),
    "deployment-overrides": ("podinfo/templates/deployment.yaml", overrides),
    "service-overrides": ("podinfo/templates/service.yaml", overrides),
}
for name, (entry, values) in cases.items():
    req = {"templates": templates, "entry": entry, "helm": True, "data": {"Chart": meta, "Release": release}, "valuesYaml": values}
    with open(os.path.join(here, name + ".request.json"), "w") as f:
        json.dump(req, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(here, name + ".values.yaml"), "w") as f:
        f.write(values)
