#!/usr/bin/env bash
# Regenerates testdata/azure-sharedkey.json: Azure Storage Shared Key Authorization headers for a set of Blob
# requests, computed by the Azure Storage Python SDK's SharedKeyCredentialPolicy (the reference; apt-get install
# python3-azure-multiapi-storage, run with Debian's /usr/bin/python3). AzureSharedKeySignerTests signs the same
# inputs with Gyre's signer and expects the same header. Never edit the JSON by hand.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/python3 - > testdata/azure-sharedkey.json <<'PY'
import base64, json
from urllib.parse import quote
from azure.core.pipeline import PipelineContext, PipelineRequest
from azure.core.pipeline.transport import HttpRequest
from azure.multiapi.storagev2.blob.v2021_08_06._shared.authentication import SharedKeyCredentialPolicy

KEY = base64.b64encode(bytes(range(64))).decode()
DATE = "Mon, 07 Dec 2026 19:58:03 GMT"
cases = [
    dict(name="container properties", host="gyreacct.blob.core.windows.net", account="gyreacct", path="/fleet",
         query=[["restype", "container"]]),
    dict(name="list blobs with prefix and marker", host="gyreacct.blob.core.windows.net", account="gyreacct", path="/fleet",
         query=[["restype", "container"], ["comp", "list"], ["prefix", "apps/prod a+b/"], ["marker", "2!96!MDAwMDI1IWFwcHMvcHJvZC9hLnlhbWwhMDAwMDI4ITk5OTktMTItMzFUMjM6NTk6NTkuOTk5OTk5OVoh"]]),
    dict(name="get a blob whose name needs escaping", host="gyreacct.blob.core.windows.net", account="gyreacct",
         path="/fleet/" + "dir with spaces/a+b=c&d é中.yaml", query=[]),
    dict(name="path-style account on a local endpoint", host="127.0.0.1:10000", account="devstoreaccount1",
         path="/devstoreaccount1/fleet", query=[["restype", "container"], ["comp", "list"]]),
    dict(name="extra standard headers", host="gyreacct.blob.core.windows.net", account="gyreacct", path="/fleet/a.yaml", query=[],
         headers=[["Content-Length", "0"], ["If-None-Match", "\"0x8DC\""], ["Content-Type", "application/xml"]]),
]
out = []
for c in cases:
    encoded = quote(c["path"], safe="~/")
    qs = "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in c["query"])
    url = f"https://{c['host']}{encoded}" + (f"?{qs}" if qs else "")
    headers = {"x-ms-date": DATE, "x-ms-version": "2021-08-06"}
    headers.update({k: v for k, v in c.get("headers", [])})
    request = HttpRequest("GET", url, headers=headers)
    SharedKeyCredentialPolicy(c["account"], KEY).on_request(PipelineRequest(request, PipelineContext(None)))
    out.append(dict(name=c["name"], account=c["account"], accountKey=KEY, method="GET", path=c["path"], query=c["query"],
                    headers=[[k, v] for k, v in headers.items()], expected=request.headers["Authorization"]))
print(json.dumps({"generator": "azure-multiapi-storage v2021_08_06 SharedKeyCredentialPolicy", "cases": out}, indent=2, ensure_ascii=False))
PY
