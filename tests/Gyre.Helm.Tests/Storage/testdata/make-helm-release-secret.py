#!/usr/bin/env python3
"""Writes helm-release-secret.json: a release Secret as Helm 3's Secret driver stores it, built here by hand from
Helm's documented schema (helm pkg/release Release, pkg/chart Chart, pkg/storage/driver secrets.go) so Gyre's reader
is checked against an independent encoder, not against itself. Run from this directory: python3 make-helm-release-secret.py"""
import base64, gzip, json

def b64(text):
    return base64.b64encode(text.encode()).decode()

chart_yaml = "apiVersion: v2\nname: podinfo\nversion: 6.5.4\nappVersion: 6.5.4\n"
deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
manifest = ("---\n# Source: podinfo/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
            "---\n# Source: podinfo/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n")
test_hook = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-test\n  annotations:\n    helm.sh/hook: test\n"

# Field order and omitempty as encoding/json writes Helm's structs; helm pkg/time writes a zero time as "".
release = {
    "name": "web",
    "info": {
        "first_deployed": "2024-03-01T10:15:30.123456789+01:00",
        "last_deployed": "2024-03-02T08:00:00.5Z",
        "deleted": "",
        "description": "Upgrade complete",
        "status": "deployed",
        "notes": "Visit http://web.example\n",
    },
    "chart": {
        "metadata": {"name": "podinfo", "version": "6.5.4", "description": "Podinfo Helm chart for Kubernetes",
                     "apiVersion": "v2", "appVersion": "6.5.4", "kubeVersion": ">=1.23.0-0", "type": "application"},
        "lock": None,
        "templates": [{"name": "templates/deployment.yaml", "data": b64(deployment)}],
        "values": {"replicaCount": 1, "image": {"repository": "ghcr.io/stefanprodan/podinfo", "tag": "6.5.4"}},
        "schema": None,
        "files": [{"name": "README.md", "data": b64("# podinfo\n")}],
    },
    "config": {"replicaCount": 2, "ui": {"message": "hello"}},
    "manifest": manifest,
    "hooks": [{
        "name": "web-test", "kind": "Pod", "path": "podinfo/templates/tests/test.yaml", "manifest": test_hook,
        "events": ["test"],
        "last_run": {"started_at": "2024-03-02T08:00:05Z", "completed_at": "2024-03-02T08:00:09Z", "phase": "Succeeded"},
        "weight": -5,
        "delete_policies": ["before-hook-creation", "hook-succeeded"],
    }],
    "version": 2,
    "namespace": "apps",
}

encoded = base64.b64encode(gzip.compress(json.dumps(release, separators=(",", ":")).encode(), compresslevel=9)).decode()
secret = {
    "apiVersion": "v1",
    "kind": "Secret",
    "metadata": {
        "name": "sh.helm.release.v1.web.v2",
        "namespace": "apps",
        "labels": {"createdAt": "1709366400", "modifiedAt": "1709366410", "name": "web", "owner": "helm",
                   "status": "deployed", "version": "2", "team": "payments"},
    },
    "type": "helm.sh/release.v1",
    # The driver stores the base64 text as the Secret's bytes; the API base64-encodes bytes once more.
    "data": {"release": base64.b64encode(encoded.encode()).decode()},
}
with open("helm-release-secret.json", "w") as f:
    json.dump(secret, f, indent=2)
    f.write("\n")
