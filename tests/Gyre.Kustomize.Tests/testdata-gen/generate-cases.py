#!/usr/bin/env python3
"""Writes families of golden-test inputs into ../testdata/<case>/ (inputs only; expectations come from kubectl via
testdata/regenerate.sh). Re-running rewrites the generated cases; hand-written cases are left alone.
Usage: python3 tests/Gyre.Kustomize.Tests/testdata-gen/generate-cases.py && tests/Gyre.Kustomize.Tests/testdata/regenerate.sh
"""
import os, shutil, textwrap, itertools

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata")
MARK = "generated-case"
written = []
changed = []

def snapshot(d):
    result = {}
    for base, _, names in os.walk(d):
        for n in names:
            p = os.path.join(base, n)
            rel = os.path.relpath(p, d)
            if rel.startswith("expected."):
                continue
            result[rel] = ("symlink", os.readlink(p)) if os.path.islink(p) else open(p, "rb").read()
    return result

def case(name, files, build=None, culprit=None):
    d = os.path.join(ROOT, name)
    if os.path.isdir(d):
        before = snapshot(d)
        kept = {n: open(os.path.join(d, n), "rb").read() for n in ("expected.yaml", "expected.error") if os.path.exists(os.path.join(d, n))}
        shutil.rmtree(d)
    else:
        before, kept = None, {}
    os.makedirs(d)
    for path, content in files.items():
        p = os.path.join(d, path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        if isinstance(content, tuple) and content[0] == "symlink":
            os.symlink(content[1], p)
            continue
        with open(p, "w") as f:
            f.write(textwrap.dedent(content).lstrip("\n") if isinstance(content, str) else content[1])
    open(os.path.join(d, MARK), "w").close()
    if build:
        open(os.path.join(d, "build-path"), "w").write(build + "\n")
    if culprit:
        open(os.path.join(d, "culprit"), "w").write("\n".join(culprit) + "\n")
    if before is not None and snapshot(d) == before:
        for n, content in kept.items():
            open(os.path.join(d, n), "wb").write(content)
    else:
        changed.append(name)
    written.append(name)

def raw(text):
    return ("raw", text)

# ---------------------------------------------------------------- objects
def deployment(name="web", image="nginx:1.25", extra_spec="", containers=None, ns=None):
    c = containers or f"""
      - name: app
        image: {image}
        ports:
        - containerPort: 80
        env:
        - name: MODE
          value: prod
        - name: CONFIG
          valueFrom:
            configMapKeyRef:
              name: app-config
              key: mode
        envFrom:
        - secretRef:
            name: app-secret
        volumeMounts:
        - name: cfg
          mountPath: /etc/cfg"""
    nsline = f"\n  namespace: {ns}" if ns else ""
    return f"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}{nsline}
  labels:
    app: {name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      serviceAccountName: runner
      containers:{textwrap.indent(textwrap.dedent(c), '      ')}
      volumes:
      - name: cfg
        configMap:
          name: app-config
      - name: data
        persistentVolumeClaim:
          claimName: data{extra_spec}
""".lstrip("\n")

SERVICE = """
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
"""
CONFIGMAP = """
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  mode: prod
"""
SECRET = """
apiVersion: v1
kind: Secret
metadata:
  name: app-secret
type: Opaque
data:
  password: cGFzc3dvcmQ=
"""
SA = """
apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
"""
PVC = """
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: fast
  resources:
    requests:
      storage: 1Gi
"""
ROLE = """
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: [configmaps]
  resourceNames: [app-config]
  verbs: [get]
"""
ROLEBINDING = """
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- kind: ServiceAccount
  name: runner
- kind: ServiceAccount
  name: default
- kind: User
  name: jane
"""
CLUSTERROLE = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: viewer
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [list]
"""
CRB = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: viewer
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: viewer
subjects:
- kind: ServiceAccount
  name: runner
  namespace: apps
"""
INGRESS = """
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/auth-secret: app-secret
spec:
  ingressClassName: nginx
  tls:
  - hosts: [web.example.com]
    secretName: app-secret
  defaultBackend:
    service:
      name: web
      port:
        number: 80
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
"""
HPA = """
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 5
"""
STATEFULSET = """
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: web
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      priorityClassName: high
      containers:
      - name: db
        image: postgres:16
        envFrom:
        - configMapRef:
            name: app-config
  volumeClaimTemplates:
  - metadata:
      name: pgdata
    spec:
      storageClassName: fast
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 5Gi
"""
CRONJOB = """
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          serviceAccountName: runner
          containers:
          - name: backup
            image: busybox:1.36
            args: ["sh", "-c", "echo backup"]
            env:
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: app-secret
                  key: password
"""
JOB = """
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: wait
        image: busybox:1.36
      containers:
      - name: migrate
        image: example.com:5000/tools/migrate:v1
"""
DAEMONSET = """
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: registry.example.com/agent@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
"""
NAMESPACE = """
apiVersion: v1
kind: Namespace
metadata:
  name: apps
"""
STORAGECLASS = """
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: kubernetes.io/no-provisioner
"""
PRIORITY = """
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000000
"""
PDB = """
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
"""
NETPOL = """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: client
"""
CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
"""
WIDGET = """
apiVersion: example.com/v1
kind: Widget
metadata:
  name: gizmo
spec:
  size: 3
  items:
  - name: a
    value: "1"
  - name: b
    value: "2"
"""
WEBHOOK = """
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: checker
webhooks:
- name: check.example.com
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig:
    service:
      name: web
      namespace: default
      path: /validate
"""
APISERVICE = """
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.metrics.example.com
spec:
  group: metrics.example.com
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  service:
    name: web
    namespace: default
"""
FLUX_KS = """
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps/production
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  postBuild:
    substitute:
      cluster_env: production
"""
FLUX_GIT = """
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: podinfo
  namespace: flux-system
spec:
  interval: 1m
  url: https://github.com/stefanprodan/podinfo
  ref:
    branch: master
"""
FLUX_HR = """
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
spec:
  interval: 5m
  chart:
    spec:
      chart: podinfo
      version: ">=6.0.0"
      sourceRef:
        kind: HelmRepository
        name: podinfo
  values:
    replicaCount: 2
    ingress:
      enabled: true
"""
ALL = {"deployment.yaml": deployment(), "service.yaml": SERVICE, "configmap.yaml": CONFIGMAP, "secret.yaml": SECRET,
       "sa.yaml": SA, "pvc.yaml": PVC, "role.yaml": ROLE, "rolebinding.yaml": ROLEBINDING, "ingress.yaml": INGRESS,
       "hpa.yaml": HPA, "statefulset.yaml": STATEFULSET, "cronjob.yaml": CRONJOB}
CLUSTERISH = {"namespace.yaml": NAMESPACE, "storageclass.yaml": STORAGECLASS, "priority.yaml": PRIORITY,
              "clusterrole.yaml": CLUSTERROLE, "crb.yaml": CRB, "crd.yaml": CRD, "webhook.yaml": WEBHOOK,
              "apiservice.yaml": APISERVICE}

def kust(body, resources=None):
    res = ""
    if resources:
        res = "resources:\n" + "".join(f"- {r}\n" for r in resources)
    return res + textwrap.dedent(body).lstrip("\n")

# ---------------------------------------------------------------- 1. scalars and printer exactness
scalar_values = {
    "plain": "hello", "spaces": "hello world", "leading-space": "' x'", "trailing-space": "'x '",
    "colon-space": "'a: b'", "colon-nospace": "a:b", "hash-space": "'a #b'", "hash-nospace": "a#b",
    "star": "'*x'", "amp": "'&x'", "bang": "'!x'", "pipe": "'|x'", "gt": "'>x'", "percent": "'%x'",
    "at": "'@x'", "backtick": "'`x'", "question": "'? x'", "dash-space": "'- x'", "dash": "-x",
    "brackets": "'[a]'", "braces": "'{a}'", "comma": "a,b", "single-quote": "\"it's\"",
    "double-quote": "'say \"hi\"'", "yes": "'yes'", "no": "'no'", "on": "'on'", "off": "'off'",
    "y": "'y'", "n": "'n'", "true-str": "'true'", "null-str": "'null'", "tilde-str": "'~'",
    "int-str": "'42'", "float-str": "'4.2'", "exp-str": "'1e3'", "hex-str": "'0x1F'", "octal-str": "'0755'",
    "date-str": "'2024-01-02'", "datetime": "2024-01-02T03:04:05Z", "time-like": "'12:30'",
    "base60": "'1:20'", "empty": "''", "dot": "'.'", "dots": "'...'", "dashes": "'---'",
    "version": "v1.2.3", "url": "https://example.com/a?b=c&d=e", "path": "/usr/local/bin",
    "unicode": "héllo wörld", "cjk": "日本語", "emoji": "\"smile \\U0001F600\"", "tab": "\"a\\tb\"",
    "cr": "\"a\\rb\"", "nbsp": "\"a\\u00a0b\"", "bell": "\"a\\x07b\"", "backslash": "'a\\b'",
    "equals": "a=b", "long-plain": "'" + " ".join(["word"] * 30) + "'",
    "long-nospace": "'" + "x" * 120 + "'", "long-quoted": "'" + "yes " * 30 + "'",
    "long-colon": "'" + "key: value " * 12 + "'", "long-double": "\"" + "tab\\there " * 15 + "\"",
    "long-doublespace": "'" + "two  spaces " * 12 + "'",
    "multi": "|\n      line one\n      line two", "multi-strip": "|-\n      no newline\n      at end",
    "multi-keep": "|+\n      kept\n\n", "multi-leading-space": "|2\n        indented first\n      second",
    "multi-trailing-space": "\"line one \\nline two\"", "multi-empty-lines": "|\n      a\n\n      b",
    "folded": ">\n      folded text\n      continues here", "multi-long": "|\n      " + "long line " * 12 + "\n      short",
    "multi-tab": "\"a\\n\\tb\"", "only-newline": "\"\\n\"", "two-newlines": "\"\\n\\n\"",
    "int": "42", "negative": "-7", "float": "3.14", "float-one": "1.0", "exp": "1e3", "small": "0.000001",
    "tiny": "1.5e-7", "big": "12345678901234567890", "huge-float": "1.5e300", "hex": "0x1F", "octal": "0755",
    "octal-o": "0o17", "binary": "0b101", "underscore-int": "1_000", "plus": "+12", "bool-true": "true",
    "bool-True": "True", "bool-false": "false", "null": "null", "tilde": "~", "nothing": "",
    "float-trailing-dot": "5.", "neg-float": "-0.5", "dot-five": ".5", "inf": "'.inf'",
}
for key, val in scalar_values.items():
    case(f"scalar-{key}", {
        "kustomization.yaml": kust("", ["cm.yaml"]),
        "cm.yaml": f"apiVersion: example.com/v1\nkind: Values\nmetadata:\n  name: values\n  annotations:\n    note: {val}\nspec:\n  inner:\n    value: {val}\n  k-{key}: x\n",
    })

case("printer-key-order", {
    "kustomization.yaml": kust("", ["obj.yaml"]),
    "obj.yaml": """
    kind: Widget
    apiVersion: example.com/v1
    metadata:
      name: keys
    spec:
      b10: 1
      b2: 2
      a: 3
      B: 4
      _x: 5
      "1": 6
      "10": 7
      "9": 8
      a-b: 9
      a.b: 10
      aB: 11
      ab: 12
      a1b: 13
      a01b: 14
      a001: 15
      z: 16
      "": 17
      "a b": 18
      "ä": 19
    """,
})
case("printer-nesting", {
    "kustomization.yaml": kust("", ["obj.yaml"]),
    "obj.yaml": """
    apiVersion: example.com/v1
    kind: Widget
    metadata:
      name: nest
    spec:
      emptyMap: {}
      emptyList: []
      nullValue:
      listOfLists:
      - - a
        - b
      - []
      - - {}
      listOfMaps:
      - name: one
        nested:
          deep:
            list:
            - x: 1
              y: [1, 2]
      - {}
      flow: {a: 1, b: [x, y], c: {d: e}}
      mixed: [1, "two", 3.0, true, null, {k: v}]
    """,
})
case("printer-anchors", {
    "kustomization.yaml": kust("", ["obj.yaml"]),
    "obj.yaml": """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: anchors
      labels: &labels
        app: web
        tier: front
      annotations:
        <<: *labels
        extra: "yes"
    data:
      a: &val shared
      b: *val
    """,
})
case("printer-comments-and-docs", {
    "kustomization.yaml": kust("", ["objs.yaml"]),
    "objs.yaml": """
    # leading comment
    ---
    apiVersion: v1  # trailing
    kind: ConfigMap
    metadata:
      name: first
    data:
      # inside
      k: v
    ---
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: second
    ...
    """,
})
case("printer-list-kind", {
    "kustomization.yaml": kust("", ["list.yaml"]),
    "list.yaml": """
    apiVersion: v1
    kind: List
    items:
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: from-list-a
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: from-list-b
    """,
})
case("printer-tags", {
    "kustomization.yaml": kust("", ["obj.yaml"]),
    "obj.yaml": """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: tags
    data:
      str: !!str 123
      quoted-int: "123"
      single: 'single'
      folded: >-
        folded
        text
    """,
})

# ---------------------------------------------------------------- 2. resources and sorting
for n, (fname, content) in enumerate(sorted({**ALL, **CLUSTERISH}.items())):
    case(f"resource-single-{fname[:-5]}", {"kustomization.yaml": kust("", [fname]), fname: content})
case("sort-legacy-everything", {"kustomization.yaml": kust("", sorted({**ALL, **CLUSTERISH})), **ALL, **CLUSTERISH,
                                "extra.yaml": DAEMONSET + "---\n" + JOB + "---\n" + PDB + "---\n" + NETPOL + "---\n" + WIDGET})
case("sort-fifo", {"kustomization.yaml": kust("sortOptions:\n  order: fifo\n", sorted(ALL)), **ALL})
case("sort-legacy-custom", {"kustomization.yaml": kust("""
sortOptions:
  order: legacy
  legacySortOptions:
    orderFirst: [Service, Deployment]
    orderLast: [ConfigMap]
""", sorted(ALL)), **ALL})
case("sort-same-kind-names", {"kustomization.yaml": kust("", ["cms.yaml"]), "cms.yaml": "\n---\n".join(
    f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {n}\n" + (f"  namespace: {ns}\n" if ns else "")
    for n, ns in [("b", None), ("a", "z"), ("a", None), ("c", "a"), ("a10", None), ("a2", None)])})
case("sort-namespaces-groups", {"kustomization.yaml": kust("", ["objs.yaml"]), "objs.yaml": """
apiVersion: v1
kind: Namespace
metadata:
  name: b
---
apiVersion: example.com/v1
kind: Namespace
metadata:
  name: a
---
apiVersion: v1
kind: Namespace
metadata:
  name: a
---
apiVersion: example.com/v1
kind: Thing
metadata:
  name: t
---
apiVersion: apps/v1
kind: Thing
metadata:
  name: t
"""})
case("resources-directory-and-files", {
    "kustomization.yaml": kust("", ["base", "extra.yaml"]),
    "base/kustomization.yaml": kust("", ["cm.yaml"]), "base/cm.yaml": CONFIGMAP, "extra.yaml": SERVICE})
case("kustomization-yml-name", {"kustomization.yml": kust("", ["cm.yaml"]), "cm.yaml": CONFIGMAP})
case("kustomization-capital-name", {"Kustomization": kust("", ["cm.yaml"]), "cm.yaml": CONFIGMAP})
case("bases-legacy-field", {"kustomization.yaml": kust("bases:\n- base\n", ["svc.yaml"]), "svc.yaml": SERVICE,
                            "base/kustomization.yaml": kust("", ["cm.yaml"]), "base/cm.yaml": CONFIGMAP})
case("flux-objects", {"kustomization.yaml": kust("namespace: flux-system\ncommonLabels:\n  toolkit.fluxcd.io/tenant: ops\n", ["flux.yaml"]),
                      "flux.yaml": FLUX_KS + "---\n" + FLUX_GIT + "---\n" + FLUX_HR})

# ---------------------------------------------------------------- 3. namespace
for fname, content in sorted({**ALL, **CLUSTERISH}.items()):
    case(f"namespace-{fname[:-5]}", {"kustomization.yaml": kust("namespace: team-a\n", [fname]), fname: content})
case("namespace-override-existing", {"kustomization.yaml": kust("namespace: prod\n", ["objs.yaml"]),
    "objs.yaml": deployment(ns="dev") + "---\n" + CONFIGMAP.replace("name: app-config", "name: app-config\n  namespace: other")})
case("namespace-rolebinding-subjects", {"kustomization.yaml": kust("namespace: prod\n", ["sa.yaml", "rb.yaml", "crb.yaml"]),
    "sa.yaml": SA, "rb.yaml": ROLEBINDING, "crb.yaml": CRB})
case("namespace-all-kinds", {"kustomization.yaml": kust("namespace: prod\n", sorted({**ALL, **CLUSTERISH})), **ALL, **CLUSTERISH})

# ---------------------------------------------------------------- 4. prefix/suffix and name references
for combo in ["namePrefix: pre-\n", "nameSuffix: -suf\n", "namePrefix: pre-\nnameSuffix: -suf\n", "namePrefix: pre-\nnamespace: prod\n"]:
    tag = combo.replace("\n", "-").replace(": ", "").replace("namePrefix", "p").replace("nameSuffix", "s").replace("namespace", "ns").strip("-")
    case(f"names-all-{tag}", {"kustomization.yaml": kust(combo, sorted(ALL)), **ALL})
    case(f"names-clusterish-{tag}", {"kustomization.yaml": kust(combo, sorted(CLUSTERISH) + ["service.yaml", "pvc.yaml", "sts.yaml"]),
                                     **CLUSTERISH, "service.yaml": SERVICE, "pvc.yaml": PVC, "sts.yaml": STATEFULSET})
for fname, content in sorted(ALL.items()):
    case(f"prefix-ref-{fname[:-5]}", {"kustomization.yaml": kust("namePrefix: x-\n", [fname, "cm.yaml", "secret.yaml", "sa.yaml", "svc.yaml", "pvc.yaml"]),
        fname: content, "cm.yaml": CONFIGMAP, "secret.yaml": SECRET, "sa.yaml": SA, "svc.yaml": SERVICE, "pvc.yaml": PVC}
        if fname not in ("configmap.yaml", "secret.yaml", "sa.yaml", "service.yaml", "pvc.yaml") else
        {"kustomization.yaml": kust("namePrefix: x-\n", [fname]), fname: content})
case("names-two-bases-same-name", {
    "kustomization.yaml": kust("", ["a", "b"]),
    "a/kustomization.yaml": kust("namePrefix: a-\n", ["cm.yaml", "deploy.yaml"]), "a/cm.yaml": CONFIGMAP, "a/deploy.yaml": deployment(),
    "b/kustomization.yaml": kust("namePrefix: b-\n", ["cm.yaml", "deploy.yaml"]), "b/cm.yaml": CONFIGMAP, "b/deploy.yaml": deployment()})
case("names-role-and-clusterrole-same-name", {"kustomization.yaml": kust("namePrefix: p-\n", ["objs.yaml"]), "objs.yaml": """
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: same
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: same
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: to-role
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: same
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: to-clusterrole
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: same
"""})
case("names-webhook-service", {"kustomization.yaml": kust("namePrefix: p-\nnamespace: sys\n", ["svc.yaml", "hook.yaml", "api.yaml"]),
                               "svc.yaml": SERVICE, "hook.yaml": WEBHOOK, "api.yaml": APISERVICE})
case("names-crd-not-prefixed", {"kustomization.yaml": kust("namePrefix: p-\nnameSuffix: -s\n", ["crd.yaml", "w.yaml", "ns.yaml"]),
                                "crd.yaml": CRD, "w.yaml": WIDGET, "ns.yaml": NAMESPACE})

# ---------------------------------------------------------------- 5. labels and annotations
label_kinds = {k: v for k, v in {**ALL, "daemonset.yaml": DAEMONSET, "job.yaml": JOB, "pdb.yaml": PDB, "netpol.yaml": NETPOL,
                                 "widget.yaml": WIDGET}.items()}
for fname, content in sorted(label_kinds.items()):
    base = fname[:-5]
    case(f"commonlabels-{base}", {"kustomization.yaml": kust("commonLabels:\n  team: blue\n  app: web\n", [fname]), fname: content})
    case(f"labels-plain-{base}", {"kustomization.yaml": kust("labels:\n- pairs:\n    team: blue\n", [fname]), fname: content})
    case(f"labels-selectors-{base}", {"kustomization.yaml": kust("labels:\n- pairs:\n    team: blue\n  includeSelectors: true\n", [fname]), fname: content})
    case(f"labels-templates-{base}", {"kustomization.yaml": kust("labels:\n- pairs:\n    team: blue\n  includeTemplates: true\n", [fname]), fname: content})
    case(f"annotations-{base}", {"kustomization.yaml": kust("commonAnnotations:\n  owner: ops\n  note: 'a: b'\n", [fname]), fname: content})
case("labels-fields", {"kustomization.yaml": kust("""
labels:
- pairs:
    team: blue
  fields:
  - path: spec/selector
    kind: Widget
    create: true
  - path: spec/extra/labels
    create: true
""", ["w.yaml", "cm.yaml"]), "w.yaml": WIDGET, "cm.yaml": CONFIGMAP})
case("labels-values-quoted", {"kustomization.yaml": kust("commonLabels:\n  version: '1.0'\n  enabled: 'true'\n  count: '3'\n  empty: ''\ncommonAnnotations:\n  'yes': 'no'\n  multi: |\n    a\n    b\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP})
case("labels-multiple-entries", {"kustomization.yaml": kust("""
commonLabels:
  app: common
labels:
- pairs:
    app: first
    tier: a
- pairs:
    tier: b
  includeSelectors: true
""", ["d.yaml"]), "d.yaml": deployment()})

# ---------------------------------------------------------------- 6. images
IMGS = """
apiVersion: v1
kind: Pod
metadata:
  name: images
spec:
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: a
    image: nginx
  - name: b
    image: nginx:1.25
  - name: c
    image: nginx@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
  - name: d
    image: nginx:1.25@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
  - name: e
    image: registry.example.com:5000/team/nginx:2.0
  - name: f
    image: docker.io/library/nginx:latest
  - name: g
    image: nginx-unrelated:1
  ephemeralContainers:
  - name: debug
    image: nginx
"""
image_entries = {
    "newtag": "- name: nginx\n  newTag: '1.27'\n",
    "newname": "- name: nginx\n  newName: my.registry/nginx\n",
    "newname-newtag": "- name: nginx\n  newName: my.registry:443/nginx\n  newTag: v2\n",
    "digest": "- name: nginx\n  digest: sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n",
    "tag-and-digest": "- name: nginx\n  newTag: v3\n  digest: sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n",
    "tag-at-digest": "- name: nginx\n  newTag: v4@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n",
    "registry-port": "- name: registry.example.com:5000/team/nginx\n  newTag: '3.0'\n",
    "busybox-init": "- name: busybox\n  newName: alpine\n  newTag: '3.19'\n",
    "docker-io": "- name: docker.io/library/nginx\n  newTag: stable\n",
    "numeric-tag": "- name: nginx\n  newTag: \"1\"\n",
    "several": "- name: nginx\n  newTag: a\n- name: busybox\n  newTag: b\n- name: postgres\n  newName: pg\n",
}
for key, entry in image_entries.items():
    case(f"images-{key}", {"kustomization.yaml": kust("images:\n" + entry, ["pod.yaml", "job.yaml", "cronjob.yaml", "ds.yaml"]),
                           "pod.yaml": IMGS, "job.yaml": JOB, "cronjob.yaml": CRONJOB, "ds.yaml": DAEMONSET})
case("images-tools", {"kustomization.yaml": kust("images:\n- name: example.com:5000/tools/migrate\n  newTag: v2\n- name: registry.example.com/agent\n  newTag: v9\n", ["job.yaml", "ds.yaml"]),
                      "job.yaml": JOB, "ds.yaml": DAEMONSET})

# ---------------------------------------------------------------- 7. replicas
for key, entry in {"deployment": "- name: web\n  count: 5\n", "statefulset": "- name: db\n  count: 0\n",
                   "both": "- name: web\n  count: 3\n- name: db\n  count: 2\n"}.items():
    case(f"replicas-{key}", {"kustomization.yaml": kust("replicas:\n" + entry, ["d.yaml", "s.yaml"]), "d.yaml": deployment(), "s.yaml": STATEFULSET})
case("replicas-after-prefix", {"kustomization.yaml": kust("namePrefix: p-\nreplicas:\n- name: web\n  count: 4\n", ["d.yaml"]), "d.yaml": deployment()})
case("replicas-overlay", {"kustomization.yaml": kust("replicas:\n- name: web\n  count: 9\n", ["base"]), "base/kustomization.yaml": kust("namePrefix: b-\n", ["d.yaml"]), "base/d.yaml": deployment()})

# ---------------------------------------------------------------- 8. generators
gen_variants = {
    "literals": "configMapGenerator:\n- name: cfg\n  literals:\n  - a=1\n  - b=two\n  - c=\"quoted\"\n  - d='single'\n  - e=x=y\n  - f=\n",
    "files": "configMapGenerator:\n- name: cfg\n  files:\n  - app.properties\n  - renamed.txt=data.txt\n",
    "envs": "configMapGenerator:\n- name: cfg\n  envs:\n  - app.env\n",
    "mixed": "configMapGenerator:\n- name: cfg\n  literals:\n  - z=last\n  files:\n  - data.txt\n  envs:\n  - app.env\n",
    "options": "configMapGenerator:\n- name: cfg\n  literals:\n  - a=1\n  options:\n    labels:\n      gen: yes\n    annotations:\n      note: generated\n",
    "no-hash": "configMapGenerator:\n- name: cfg\n  literals:\n  - a=1\n  options:\n    disableNameSuffixHash: true\n",
    "immutable": "configMapGenerator:\n- name: cfg\n  literals:\n  - a=1\n  options:\n    immutable: true\n",
    "global-options": "generatorOptions:\n  disableNameSuffixHash: true\n  labels:\n    global: 'true'\nconfigMapGenerator:\n- name: cfg\n  literals:\n  - a=1\n  options:\n    labels:\n      global: local\n      own: x\n",
    "namespace": "configMapGenerator:\n- name: cfg\n  namespace: special\n  literals:\n  - a=1\n",
    "empty": "configMapGenerator:\n- name: cfg\n",
    "multiline-file": "configMapGenerator:\n- name: cfg\n  files:\n  - script.sh\n",
    "special-chars": "configMapGenerator:\n- name: cfg\n  literals:\n  - html=<a href=\"x\">&amp;</a>\n  - unicode=héllo\n  - tab=a\tb\n  - backslash=a\\b\n",
    "secret-literals": "secretGenerator:\n- name: creds\n  literals:\n  - user=admin\n  - password=s3cr3t\n",
    "secret-type": "secretGenerator:\n- name: tls\n  type: kubernetes.io/tls\n  files:\n  - tls.crt=data.txt\n  - tls.key=app.properties\n",
    "secret-envs": "secretGenerator:\n- name: creds\n  envs:\n  - app.env\n",
    "secret-options": "secretGenerator:\n- name: creds\n  literals:\n  - a=b\n  options:\n    annotations:\n      kept: 'yes'\n    disableNameSuffixHash: true\n",
    "both": "configMapGenerator:\n- name: cfg\n  literals:\n  - a=1\nsecretGenerator:\n- name: creds\n  literals:\n  - a=1\n",
    "two-maps": "configMapGenerator:\n- name: one\n  literals:\n  - a=1\n- name: two\n  literals:\n  - a=2\n",
    "env-legacy": "configMapGenerator:\n- name: cfg\n  env: app.env\n",
    "with-prefix-namespace": "namePrefix: p-\nnameSuffix: -s\nnamespace: ns1\nconfigMapGenerator:\n- name: cfg\n  literals:\n  - a=1\n",
}
GEN_FILES = {"app.properties": "color=blue\nsize=large\n", "data.txt": "plain data\n", "app.env": "# comment\nKEY=value\n  SPACED=yes\nEMPTY=\nQUOTED=\"q\"\n\nEQ=a=b\n",
             "script.sh": "#!/bin/sh\necho hello\n\necho  done\n"}
for key, body in gen_variants.items():
    case(f"generator-{key}", {"kustomization.yaml": kust(body, ["d.yaml"]), "d.yaml": deployment().replace("app-config", "cfg").replace("app-secret", "creds"), **GEN_FILES},
         culprit=["labels"] if key == "options" else None)
for behavior in ["merge", "replace"]:
    case(f"generator-overlay-{behavior}", {
        "overlay/kustomization.yaml": kust(f"namePrefix: o-\nconfigMapGenerator:\n- name: cfg\n  behavior: {behavior}\n  literals:\n  - b=overlay\n  - c=new\nsecretGenerator:\n- name: creds\n  behavior: {behavior}\n  literals:\n  - token=t2\n", ["../base"]),
        "base/kustomization.yaml": kust("configMapGenerator:\n- name: cfg\n  literals:\n  - a=base\n  - b=base\n  options:\n    labels:\n      from: base\nsecretGenerator:\n- name: creds\n  literals:\n  - token=t1\n", ["d.yaml"]),
        "base/d.yaml": deployment().replace("app-config", "cfg").replace("app-secret", "creds")}, build="overlay")
case("generator-overlay-create-duplicate", {
    "overlay/kustomization.yaml": kust("configMapGenerator:\n- name: cfg\n  literals:\n  - b=overlay\n", ["../base"]),
    "base/kustomization.yaml": kust("configMapGenerator:\n- name: cfg\n  literals:\n  - a=base\n")}, build="overlay", culprit=["cfg"])
case("generator-overlay-merge-missing", {
    "overlay/kustomization.yaml": kust("configMapGenerator:\n- name: other\n  behavior: merge\n  literals:\n  - b=overlay\n", ["../base"]),
    "base/kustomization.yaml": kust("configMapGenerator:\n- name: cfg\n  literals:\n  - a=base\n")}, build="overlay", culprit=["other"])
case("generator-merge-into-plain-configmap", {
    "kustomization.yaml": kust("configMapGenerator:\n- name: app-config\n  behavior: merge\n  literals:\n  - extra=1\n", ["cm.yaml", "d.yaml"]),
    "cm.yaml": CONFIGMAP, "d.yaml": deployment()})
for i, lit in enumerate(["k=v", "k=v v", "k=ünïcode", "k=<>&", "a=1", "b=\\n", "k=" + "x" * 200, "key.with.dots=1", "KEY_UP=1", "k-dash=1"]):
    case(f"generator-hash-{i:02d}", {"kustomization.yaml": kust(f"configMapGenerator:\n- name: h{i}\n  literals:\n  - '{lit}'\nsecretGenerator:\n- name: s{i}\n  literals:\n  - '{lit}'\n")})

# ---------------------------------------------------------------- 9. patches
SMP_PATCHES = {
    "container-image": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:2.0\n",
    "add-container": "spec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: envoy:1\n",
    "env-merge": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        env:\n        - name: MODE\n          value: staging\n        - name: NEW\n          value: x\n",
    "delete-container": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        $patch: delete\n",
    "null-field": "spec:\n  replicas: null\n  template:\n    spec:\n      serviceAccountName: null\n",
    "replace-map": "spec:\n  template:\n    metadata:\n      $patch: replace\n      labels:\n        only: this\n",
    "volumes": "spec:\n  template:\n    spec:\n      volumes:\n      - name: cfg\n        configMap:\n          name: other-config\n      - name: extra\n        emptyDir: {}\n",
    "ports-merge": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        ports:\n        - containerPort: 443\n          name: https\n",
    "resources": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        resources:\n          limits:\n            cpu: 500m\n            memory: 1Gi\n",
    "tolerations-replace": "spec:\n  template:\n    spec:\n      tolerations:\n      - key: a\n        operator: Exists\n",
    "args-replace": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        args: [--flag, --other]\n",
    "strategy-retain": "spec:\n  strategy:\n    type: Recreate\n",
    "labels-add": "metadata:\n  labels:\n    patched: 'true'\n  annotations:\n    note: patched\n",
    "delete-object": "$patch: delete\n",
    "volume-mounts": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        volumeMounts:\n        - name: data\n          mountPath: /data\n",
    "init-containers": "spec:\n  template:\n    spec:\n      initContainers:\n      - name: init\n        image: busybox\n",
    "finalizers": "metadata:\n  finalizers:\n  - example.com/a\n",
}
for key, body in SMP_PATCHES.items():
    header = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
    patch = header + (body[len("metadata:\n"):] if body.startswith("metadata:\n") else body)
    case(f"patch-smp-{key}", {"kustomization.yaml": kust("patches:\n- path: patch.yaml\n", ["d.yaml", "cm.yaml"]),
                              "d.yaml": deployment(), "cm.yaml": CONFIGMAP, "patch.yaml": patch})
    case(f"patch-psm-{key}", {"kustomization.yaml": kust("patchesStrategicMerge:\n- patch.yaml\n", ["d.yaml"]),
                              "d.yaml": deployment(), "patch.yaml": patch})
case("patch-smp-inline", {"kustomization.yaml": kust("patches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      replicas: 7\n", ["d.yaml"]), "d.yaml": deployment()})
case("patch-psm-inline", {"kustomization.yaml": kust("patchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    replicas: 8\n", ["d.yaml"]), "d.yaml": deployment()})
case("patch-smp-crd-name-merge", {"kustomization.yaml": kust("patches:\n- path: p.yaml\n", ["w.yaml"]), "w.yaml": WIDGET,
    "p.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gizmo\nspec:\n  size: 4\n  items:\n  - name: b\n    value: \"20\"\n  - name: c\n    value: \"3\"\n"})
case("patch-smp-target-kind", {"kustomization.yaml": kust("patches:\n- target:\n    kind: Deployment\n  patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: any\n    spec:\n      template:\n        spec:\n          nodeSelector:\n            disk: ssd\n", ["a.yaml", "b.yaml"]),
    "a.yaml": deployment("one"), "b.yaml": deployment("two")})
case("patch-smp-target-labelselector", {"kustomization.yaml": kust("patches:\n- target:\n    labelSelector: app=one\n  patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: any\n      labels:\n        selected: 'yes'\n", ["a.yaml", "b.yaml"]),
    "a.yaml": deployment("one"), "b.yaml": deployment("two")})
case("patch-smp-allow-name-change", {"kustomization.yaml": kust("patches:\n- target:\n    kind: Deployment\n    name: web\n  options:\n    allowNameChange: true\n  patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: renamed\n", ["d.yaml"]), "d.yaml": deployment()})
case("patch-smp-name-change-ignored", {"kustomization.yaml": kust("patches:\n- target:\n    kind: Deployment\n    name: web\n  patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: renamed\n", ["d.yaml"]), "d.yaml": deployment()})
case("patch-smp-allow-kind-change", {"kustomization.yaml": kust("patches:\n- target:\n    kind: Deployment\n  options:\n    allowKindChange: true\n  patch: |-\n    apiVersion: apps/v1\n    kind: StatefulSet\n    metadata:\n      name: web\n", ["d.yaml"]), "d.yaml": deployment()})
JSON_OPS = {
    "replace": "- op: replace\n  path: /spec/replicas\n  value: 9\n",
    "add-map": "- op: add\n  path: /metadata/annotations\n  value:\n    added: 'yes'\n",
    "add-list-end": "- op: add\n  path: /spec/template/spec/containers/-\n  value:\n    name: extra\n    image: extra:1\n",
    "add-list-index": "- op: add\n  path: /spec/template/spec/containers/0\n  value:\n    name: first\n    image: first:1\n",
    "remove": "- op: remove\n  path: /spec/template/spec/volumes/1\n",
    "move": "- op: move\n  from: /metadata/labels\n  path: /metadata/annotations\n",
    "copy": "- op: copy\n  from: /metadata/labels\n  path: /spec/template/metadata/annotations\n",
    "test-ok": "- op: test\n  path: /spec/replicas\n  value: 2\n- op: replace\n  path: /spec/replicas\n  value: 3\n",
    "escaped-path": "- op: add\n  path: /metadata/annotations\n  value: {}\n- op: add\n  path: /metadata/annotations/example.com~1key\n  value: v\n",
    "json-format": '[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "nginx:json"}]\n',
    "string-number": "- op: add\n  path: /metadata/labels/version\n  value: \"2\"\n",
}
for key, ops in JSON_OPS.items():
    case(f"patch-json-{key}", {"kustomization.yaml": kust("patches:\n- path: ops.yaml\n  target:\n    group: apps\n    version: v1\n    kind: Deployment\n    name: web\n", ["d.yaml"]),
                               "d.yaml": deployment(), "ops.yaml": ops})
    case(f"patch-json6902-{key}", {"kustomization.yaml": kust("patchesJson6902:\n- path: ops.yaml\n  target:\n    group: apps\n    version: v1\n    kind: Deployment\n    name: web\n", ["d.yaml"]),
                                   "d.yaml": deployment(), "ops.yaml": ops})
case("patch-json-regex-target", {"kustomization.yaml": kust("patches:\n- target:\n    kind: Deploy.*\n    name: \"(one|two)\"\n  patch: |-\n    - op: add\n      path: /metadata/labels/matched\n      value: 'yes'\n", ["a.yaml", "b.yaml", "c.yaml"]),
    "a.yaml": deployment("one"), "b.yaml": deployment("two"), "c.yaml": deployment("three")})
case("patch-json-annotation-selector", {"kustomization.yaml": kust("patches:\n- target:\n    annotationSelector: team in (a,b)\n  patch: |-\n    - op: add\n      path: /metadata/labels/hit\n      value: 'yes'\n", ["objs.yaml"]),
    "objs.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {}\n  annotations:\n    team: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  annotations:\n    team: c\n  labels: {}\n"})
case("patch-order-psm-then-patches-then-json6902", {"kustomization.yaml": kust("""
patchesJson6902:
- target: {kind: Deployment, name: web}
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 30
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 20
patchesStrategicMerge:
- |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 10
namePrefix: p-
""", ["d.yaml"]), "d.yaml": deployment()})

# ---------------------------------------------------------------- 10. overlays and components
def layered(levels, extra_top=""):
    files = {"base/kustomization.yaml": kust("configMapGenerator:\n- name: app-config\n  literals:\n  - mode=base\nsecretGenerator:\n- name: app-secret\n  literals:\n  - password=base\n", ["d.yaml", "svc.yaml", "sa.yaml", "pvc.yaml"]),
             "base/d.yaml": deployment(), "base/svc.yaml": SERVICE, "base/sa.yaml": SA, "base/pvc.yaml": PVC}
    prev = "base"
    for i in range(levels):
        d = f"l{i}"
        body = f"namePrefix: l{i}-\ncommonLabels:\n  level: '{i}'\nconfigMapGenerator:\n- name: app-config\n  behavior: merge\n  literals:\n  - level{i}=yes\n"
        if i == levels - 1:
            body += extra_top
        files[f"{d}/kustomization.yaml"] = kust(body, [f"../{prev}"])
        prev = d
    return files, prev
for levels in [1, 2, 3]:
    f, top = layered(levels)
    case(f"overlay-levels-{levels}", f, build=top)
f, top = layered(2, "namespace: prod\nimages:\n- name: nginx\n  newTag: stable\nreplicas:\n- name: web\n  count: 6\n")
case("overlay-levels-2-with-transformers", f, build=top)
case("overlay-infra-apps-clusters", {
    "infrastructure/controllers/kustomization.yaml": kust("namespace: infra\n", ["ns.yaml", "repo.yaml", "release.yaml"]),
    "infrastructure/controllers/ns.yaml": NAMESPACE.replace("apps", "infra"),
    "infrastructure/controllers/repo.yaml": FLUX_GIT,
    "infrastructure/controllers/release.yaml": FLUX_HR,
    "apps/base/kustomization.yaml": kust("configMapGenerator:\n- name: app-config\n  literals:\n  - mode=base\n", ["d.yaml", "svc.yaml", "ingress.yaml"]),
    "apps/base/d.yaml": deployment(), "apps/base/svc.yaml": SERVICE, "apps/base/ingress.yaml": INGRESS,
    "apps/production/kustomization.yaml": kust("namespace: production\nnameSuffix: -prod\npatches:\n- path: replicas.yaml\n", ["../base"]),
    "apps/production/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n",
    "clusters/production/kustomization.yaml": kust("commonAnnotations:\n  cluster: production\n", ["../../infrastructure/controllers", "../../apps/production", "flux.yaml"]),
    "clusters/production/flux.yaml": FLUX_KS}, build="clusters/production")
COMPONENT = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
case("component-basic", {
    "kustomization.yaml": kust("components:\n- comp\n", ["d.yaml", "cm.yaml"]), "d.yaml": deployment(), "cm.yaml": CONFIGMAP,
    "comp/kustomization.yaml": COMPONENT + "resources:\n- extra.yaml\ncommonLabels:\n  comp: 'on'\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      replicas: 11\n",
    "comp/extra.yaml": SERVICE})
case("component-generator-merge", {
    "overlay/kustomization.yaml": kust("components:\n- ../comp\nnamePrefix: o-\n", ["../base"]),
    "base/kustomization.yaml": kust("configMapGenerator:\n- name: app-config\n  literals:\n  - a=1\n", ["d.yaml"]), "base/d.yaml": deployment(),
    "comp/kustomization.yaml": COMPONENT + "configMapGenerator:\n- name: app-config\n  behavior: merge\n  literals:\n  - fromComponent=yes\nreplacements:\n- source:\n    kind: ConfigMap\n    name: app-config\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - metadata.annotations.config-name\n    options:\n      create: true\n"},
    build="overlay")
case("component-two-ordered", {
    "kustomization.yaml": kust("components:\n- c1\n- c2\n", ["d.yaml"]), "d.yaml": deployment(),
    "c1/kustomization.yaml": COMPONENT + "patches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 1\n",
    "c2/kustomization.yaml": COMPONENT + "patches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 2\nnamePrefix: c2-\n"})

# ---------------------------------------------------------------- 11. replacements
REPL = {
    "simple": "- source:\n    kind: ConfigMap\n    name: app-config\n    fieldPath: data.mode\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.[name=app].env.[name=MODE].value\n",
    "name": "- source:\n    kind: Service\n    name: web\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.metadata.annotations.svc\n    options:\n      create: true\n",
    "delimiter": "- source:\n    kind: Deployment\n    name: web\n    fieldPath: spec.template.spec.containers.0.image\n    options:\n      delimiter: ':'\n      index: 1\n  targets:\n  - select:\n      kind: ConfigMap\n    fieldPaths:\n    - data.tag\n    options:\n      create: true\n",
    "target-delimiter": "- source:\n    kind: ConfigMap\n    name: app-config\n    fieldPath: data.mode\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.0.image\n    options:\n      delimiter: ':'\n      index: 1\n",
    "reject": "- source:\n    kind: ConfigMap\n    name: app-config\n    fieldPath: data.mode\n  targets:\n  - select:\n      kind: ConfigMap\n    reject:\n    - name: app-config\n    fieldPaths:\n    - data.copied\n    options:\n      create: true\n",
    "int-value": "- source:\n    kind: Deployment\n    name: web\n    fieldPath: spec.replicas\n  targets:\n  - select:\n      kind: ConfigMap\n      name: app-config\n    fieldPaths:\n    - data.replicas\n    options:\n      create: true\n",
    "wildcard": "- source:\n    kind: ConfigMap\n    name: app-config\n    fieldPath: data.mode\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.*.env.[name=MODE].value\n",
    "missing-target": "- source:\n    kind: ConfigMap\n    name: app-config\n    fieldPath: data.mode\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.nothere.value\n",
}
for key, body in REPL.items():
    case(f"replacements-{key}", {"kustomization.yaml": kust("replacements:\n" + body, ["d.yaml", "cm.yaml", "svc.yaml", "other.yaml"]),
        "d.yaml": deployment(), "cm.yaml": CONFIGMAP, "svc.yaml": SERVICE,
        "other.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  x: y\n"},
        culprit=["spec.nothere.value"] if key == "missing-target" else None)
case("replacements-from-file", {"kustomization.yaml": kust("replacements:\n- path: repl.yaml\n", ["d.yaml", "cm.yaml"]),
    "d.yaml": deployment(), "cm.yaml": CONFIGMAP, "repl.yaml": REPL["simple"][2:].replace("\n  ", "\n")})

# ---------------------------------------------------------------- 12. configurations, buildMetadata
case("configurations-custom", {"kustomization.yaml": kust("configurations:\n- config.yaml\nnamePrefix: p-\ncommonLabels:\n  team: x\n", ["w.yaml", "cm.yaml"]),
    "w.yaml": WIDGET.replace("spec:\n", "spec:\n  configRef: app-config\n"), "cm.yaml": CONFIGMAP,
    "config.yaml": "nameReference:\n- kind: ConfigMap\n  version: v1\n  fieldSpecs:\n  - path: spec/configRef\n    kind: Widget\ncommonLabels:\n- path: spec/selector\n  kind: Widget\n  create: true\n"})
case("buildmetadata-managedby", {"kustomization.yaml": kust("buildMetadata: [managedByLabel]\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP})

# ---------------------------------------------------------------- 13. errors
case("error-missing-resource-file", {"kustomization.yaml": kust("", ["missing.yaml"])}, culprit=["missing.yaml", "kustomization.yaml", "resources"])
case("error-missing-patch-file", {"kustomization.yaml": kust("patches:\n- path: nope.yaml\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP}, culprit=["nope.yaml", "patches"])
case("error-no-kustomization", {"readme.txt": "nothing\n"}, culprit=["kustomization.yaml"])
case("error-cycle", {"a/kustomization.yaml": kust("", ["../b"]), "b/kustomization.yaml": kust("", ["../a"])}, build="a", culprit=["cycle"])
case("error-outside-root", {"app/kustomization.yaml": kust("", ["../outside.yaml"]), "outside.yaml": CONFIGMAP}, build="app", culprit=["outside.yaml", "resources"])
case("error-symlink-outside-root", {"app/kustomization.yaml": kust("", ["link.yaml"]), "app/link.yaml": ("symlink", "../outside.yaml"), "outside.yaml": CONFIGMAP}, build="app", culprit=["link.yaml"])
case("error-malformed-yaml", {"kustomization.yaml": kust("", ["bad.yaml"]), "bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"}, culprit=["bad.yaml"])
case("error-malformed-kustomization", {"kustomization.yaml": "resources:\n- a.yaml\n  - b: [\n"}, culprit=["kustomization.yaml"])
case("error-duplicate-ids", {"kustomization.yaml": kust("", ["a.yaml", "b.yaml"]), "a.yaml": CONFIGMAP, "b.yaml": CONFIGMAP}, culprit=["ConfigMap/app-config"])
case("error-patch-target-not-found", {"kustomization.yaml": kust("patches:\n- path: p.yaml\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP,
    "p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ghost\nspec:\n  replicas: 1\n"}, culprit=["p.yaml", "Deployment/ghost", "patches"])
case("error-psm-target-not-found", {"kustomization.yaml": kust("patchesStrategicMerge:\n- p.yaml\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP,
    "p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ghost\n"}, culprit=["p.yaml", "Deployment/ghost"])
case("error-json-patch-bad-path", {"kustomization.yaml": kust("patches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: replace\n      path: /spec/nothing/here\n      value: 1\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP}, culprit=["/spec/nothing/here", "ConfigMap/app-config", "kustomization.yaml"])
case("error-json-patch-remove-missing", {"kustomization.yaml": kust("patches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: remove\n      path: /data/absent\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP}, culprit=["/data/absent"])
case("error-json-patch-no-target", {"kustomization.yaml": kust("patches:\n- patch: |-\n    - op: remove\n      path: /data\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP}, culprit=["target"])
case("error-remote-resource", {"kustomization.yaml": kust("", ["https://github.com/example/repo//deploy?ref=v1"])}, culprit=["https://github.com/example/repo", "resources"])
case("error-remote-github", {"kustomization.yaml": kust("", ["github.com/example/repo/deploy"])}, culprit=["github.com/example/repo/deploy"])
case("error-helm-charts", {"kustomization.yaml": "helmCharts:\n- name: podinfo\n  repo: https://stefanprodan.github.io/podinfo\n  version: 6.5.0\n"}, culprit=["helmCharts"])
case("error-unknown-field", {"kustomization.yaml": "resourcez:\n- a.yaml\n"}, culprit=["resourcez"])
case("error-missing-name", {"kustomization.yaml": kust("", ["cm.yaml"]), "cm.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n"}, culprit=["cm.yaml", "metadata.name"])
case("error-generator-missing-file", {"kustomization.yaml": "configMapGenerator:\n- name: cfg\n  files:\n  - absent.txt\n"}, culprit=["absent.txt", "configMapGenerator"])
case("error-generator-duplicate-key", {"kustomization.yaml": "configMapGenerator:\n- name: cfg\n  literals:\n  - a=1\n  - a=2\n"}, culprit=["cfg", "a"])
case("error-generator-file-outside-root", {"app/kustomization.yaml": "configMapGenerator:\n- name: cfg\n  files:\n  - ../secret.txt\n", "secret.txt": "x\n"}, build="app", culprit=["secret.txt"])
case("error-component-as-resource", {"kustomization.yaml": kust("", ["comp"]), "comp/kustomization.yaml": COMPONENT}, culprit=["comp"])
case("error-kustomization-as-component", {"kustomization.yaml": "components:\n- notcomp\n", "notcomp/kustomization.yaml": kust("", [])}, culprit=["notcomp"])
case("error-replicas-no-match", {"kustomization.yaml": kust("replicas:\n- name: ghost\n  count: 2\n", ["d.yaml"]), "d.yaml": deployment()}, culprit=["ghost", "replicas"])


# ---------------------------------------------------------------- 14. vars, origin annotations, more interactions
VARS_K = """
vars:
- name: SVC_NAME
  objref:
    kind: Service
    name: web
    apiVersion: v1
- name: CFG_MODE
  objref:
    kind: ConfigMap
    name: app-config
    apiVersion: v1
  fieldref:
    fieldpath: data.mode
- name: REPLICAS
  objref:
    kind: Deployment
    name: web
    apiVersion: apps/v1
  fieldref:
    fieldpath: spec.replicas
"""
VARS_DEPLOY = deployment().replace("value: prod", "value: $(SVC_NAME).$(CFG_MODE).svc").replace("mountPath: /etc/cfg", "mountPath: /etc/$(SVC_NAME)") \
    .replace("        env:\n", "        args: [\"--svc=$(SVC_NAME)\", \"--replicas\", \"$(REPLICAS)\", \"$$(ESCAPED)\", \"$(UNKNOWN)\"]\n        env:\n")
case("vars-basic", {"kustomization.yaml": kust(VARS_K, ["d.yaml", "svc.yaml", "cm.yaml"]), "d.yaml": VARS_DEPLOY, "svc.yaml": SERVICE, "cm.yaml": CONFIGMAP})
case("vars-with-prefix", {"kustomization.yaml": kust("namePrefix: p-\n" + VARS_K, ["d.yaml", "svc.yaml", "cm.yaml"]), "d.yaml": VARS_DEPLOY, "svc.yaml": SERVICE, "cm.yaml": CONFIGMAP})
case("vars-from-base", {"overlay/kustomization.yaml": kust("nameSuffix: -o\n", ["../base"]),
    "base/kustomization.yaml": kust(VARS_K, ["d.yaml", "svc.yaml", "cm.yaml"]), "base/d.yaml": VARS_DEPLOY, "base/svc.yaml": SERVICE, "base/cm.yaml": CONFIGMAP}, build="overlay")
case("vars-generated-configmap", {"kustomization.yaml": kust("configMapGenerator:\n- name: app-config\n  literals:\n  - mode=gen\n" + VARS_K, ["d.yaml", "svc.yaml"]), "d.yaml": VARS_DEPLOY, "svc.yaml": SERVICE})
case("buildmetadata-origin", {"overlay/kustomization.yaml": kust("buildMetadata: [originAnnotations]\nnamePrefix: o-\n", ["../base", "svc.yaml"]), "overlay/svc.yaml": SERVICE,
    "base/kustomization.yaml": kust("configMapGenerator:\n- name: gen\n  literals:\n  - a=1\n", ["d.yaml"]), "base/d.yaml": deployment()}, build="overlay")
case("buildmetadata-origin-managedby", {"kustomization.yaml": kust("buildMetadata: [originAnnotations, managedByLabel]\nsecretGenerator:\n- name: s\n  literals:\n  - a=1\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP})
for i, (prefix, suffix, ns) in enumerate(itertools.product(["", "p-"], ["", "-s"], ["", "team"])):
    body = (f"namePrefix: {prefix}\n" if prefix else "") + (f"nameSuffix: {suffix}\n" if suffix else "") + (f"namespace: {ns}\n" if ns else "")
    case(f"matrix-names-generators-{i}", {"overlay/kustomization.yaml": kust(body + "configMapGenerator:\n- name: app-config\n  behavior: merge\n  literals:\n  - overlay=yes\n", ["../base"]),
        "base/kustomization.yaml": kust("configMapGenerator:\n- name: app-config\n  literals:\n  - mode=base\nsecretGenerator:\n- name: app-secret\n  literals:\n  - password=x\n", sorted(ALL.keys() - {"configmap.yaml", "secret.yaml"})),
        **{f"base/{k}": v for k, v in ALL.items() if k not in ("configmap.yaml", "secret.yaml")}}, build="overlay")
for i, kinds in enumerate([["deployment.yaml", "statefulset.yaml"], ["cronjob.yaml", "hpa.yaml"], ["ingress.yaml", "service.yaml"], ["rolebinding.yaml", "role.yaml", "sa.yaml"]]):
    files = {k: ALL[k] for k in kinds}
    case(f"matrix-everything-{i}", {"kustomization.yaml": kust("""
namespace: prod
namePrefix: x-
nameSuffix: -y
labels:
- pairs:
    team: t
  includeSelectors: true
commonAnnotations:
  a: b
images:
- name: nginx
  newName: mirror/nginx
  newTag: "2"
- name: postgres
  digest: sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd
configMapGenerator:
- name: app-config
  literals:
  - mode=matrix
secretGenerator:
- name: app-secret
  literals:
  - password=m
""" + ("replicas:\n- name: web\n  count: 4\n" if "deployment.yaml" in files else ""), sorted(files)), **files})
case("flux-layout-clusters", {
    "clusters/staging/kustomization.yaml": kust("", ["flux-system", "../../infrastructure", "apps.yaml"]),
    "clusters/staging/flux-system/kustomization.yaml": kust("", ["gotk-sync.yaml"]),
    "clusters/staging/flux-system/gotk-sync.yaml": FLUX_GIT.replace("podinfo", "flux-system") + "---\n" + FLUX_KS.replace("name: apps", "name: flux-system"),
    "clusters/staging/apps.yaml": FLUX_KS.replace("production", "staging"),
    "infrastructure/kustomization.yaml": kust("namespace: infra\n", ["sources.yaml", "release.yaml"]),
    "infrastructure/sources.yaml": FLUX_GIT, "infrastructure/release.yaml": FLUX_HR}, build="clusters/staging")
case("component-with-generators-and-images", {
    "overlay/kustomization.yaml": kust("namespace: dev\ncomponents:\n- ../components/monitoring\n- ../components/debug\n", ["../base"]),
    "base/kustomization.yaml": kust("configMapGenerator:\n- name: app-config\n  literals:\n  - mode=base\n", ["d.yaml", "svc.yaml"]), "base/d.yaml": deployment(), "base/svc.yaml": SERVICE,
    "components/monitoring/kustomization.yaml": COMPONENT + "resources:\n- monitor.yaml\nlabels:\n- pairs:\n    monitored: 'true'\n",
    "components/monitoring/monitor.yaml": "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n",
    "components/debug/kustomization.yaml": COMPONENT + "images:\n- name: nginx\n  newTag: debug\nconfigMapGenerator:\n- name: app-config\n  behavior: merge\n  literals:\n  - debug=on\n"}, build="overlay")

# ---------------------------------------------------------------- 15. directives, overlay targeting, edge cases
DIRECTIVES = {
    "list-replace": "spec:\n  template:\n    spec:\n      containers:\n      - $patch: replace\n      - name: only\n        image: only:1\n",
    "set-element-order": "spec:\n  template:\n    spec:\n      $setElementOrder/containers:\n      - name: app\n      containers:\n      - name: app\n        image: x:1\n",
    "retain-keys": "spec:\n  strategy:\n    $retainKeys:\n    - type\n    type: Recreate\n",
    "delete-env": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        env:\n        - name: MODE\n          $patch: delete\n",
    "null-in-list-element": "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        ports: null\n",
    "empty-map": "spec:\n  template:\n    metadata:\n      annotations: {}\n",
    "scalar-to-map": "spec:\n  replicas:\n    nested: true\n",
    "new-list": "spec:\n  template:\n    spec:\n      tolerations:\n      - key: k\n        operator: Exists\n      imagePullSecrets:\n      - name: regcred\n",
    "multi-doc": None,
}
for key, body in DIRECTIVES.items():
    header = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
    if body is None:
        patch = header + "spec:\n  replicas: 3\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n"
    else:
        patch = header + body
    case(f"patch-directive-{key}", {"kustomization.yaml": kust("patchesStrategicMerge:\n- patch.yaml\n", ["d.yaml", "svc.yaml"]),
                                    "d.yaml": deployment(), "svc.yaml": SERVICE, "patch.yaml": patch},
         culprit=["patch.yaml", "Deployment/web", "replicas"] if key == "scalar-to-map" else None)
case("overlay-patch-by-base-name", {"overlay/kustomization.yaml": kust("namePrefix: o-\npatches:\n- path: p.yaml\n- target:\n    kind: Deployment\n    name: web\n  patch: |-\n    - op: add\n      path: /metadata/annotations\n      value:\n        by-target: 'yes'\n", ["../base"]),
    "overlay/p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 12\n",
    "base/kustomization.yaml": kust("namePrefix: b-\nnamespace: base-ns\n", ["d.yaml"]), "base/d.yaml": deployment()}, build="overlay")
case("overlay-patch-by-prefixed-name", {"overlay/kustomization.yaml": kust("patches:\n- path: p.yaml\n", ["../base"]),
    "overlay/p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b-web\nspec:\n  replicas: 13\n",
    "base/kustomization.yaml": kust("namePrefix: b-\n", ["d.yaml"]), "base/d.yaml": deployment()}, build="overlay")
case("overlay-namespace-patch-target-namespace", {"overlay/kustomization.yaml": kust("namespace: two\npatches:\n- target:\n    namespace: one\n  patch: |-\n    - op: add\n      path: /metadata/labels/from-one\n      value: 'yes'\n", ["../base"]),
    "base/kustomization.yaml": kust("", ["objs.yaml"]), "base/objs.yaml": CONFIGMAP.replace("name: app-config", "name: a\n  namespace: one\n  labels: {}") + "---\n" + CONFIGMAP.replace("name: app-config", "name: b\n  labels: {}")}, build="overlay")
case("error-duplicate-from-two-bases", {"kustomization.yaml": kust("", ["a", "b"]), "a/kustomization.yaml": kust("", ["cm.yaml"]), "a/cm.yaml": CONFIGMAP,
    "b/kustomization.yaml": kust("", ["cm.yaml"]), "b/cm.yaml": CONFIGMAP}, culprit=["ConfigMap/app-config"])
case("generator-invalid-key", {"kustomization.yaml": "configMapGenerator:\n- name: cfg\n  literals:\n  - 'bad key=1'\n"})
case("generator-binary-file", {"kustomization.yaml": "configMapGenerator:\n- name: cfg\n  files:\n  - blob.bin\n", "blob.bin": raw("\x00\x01\x02\xff\xfe")})
case("generator-secret-merge-plain", {"kustomization.yaml": kust("secretGenerator:\n- name: app-secret\n  behavior: merge\n  literals:\n  - extra=1\n", ["secret.yaml"]), "secret.yaml": SECRET})
case("generator-replace-plain", {"kustomization.yaml": kust("configMapGenerator:\n- name: app-config\n  behavior: replace\n  literals:\n  - only=1\n", ["cm.yaml"]), "cm.yaml": CONFIGMAP.replace("name: app-config", "name: app-config\n  labels:\n    keep: me")})
case("images-custom-fieldspec", {"kustomization.yaml": kust("configurations:\n- images.yaml\nimages:\n- name: nginx\n  newTag: custom\n", ["w.yaml"]),
    "images.yaml": "images:\n- path: spec/runner/image\n  kind: Widget\n", "w.yaml": WIDGET.replace("spec:\n", "spec:\n  runner:\n    image: nginx:1\n")})
case("namespace-cluster-scoped-keeps-namespace", {"kustomization.yaml": kust("namespace: prod\n", ["objs.yaml"]),
    "objs.yaml": CLUSTERROLE.replace("name: viewer", "name: viewer\n  namespace: wrong") + "---\n" + NAMESPACE})
case("namespace-rolebinding-other-ns-subjects", {"kustomization.yaml": kust("namespace: prod\nnamePrefix: p-\n", ["sa.yaml", "rb.yaml"]), "sa.yaml": SA,
    "rb.yaml": ROLEBINDING.replace("- kind: User\n  name: jane", "- kind: ServiceAccount\n  name: runner\n  namespace: elsewhere\n- kind: ServiceAccount\n  name: default\n  namespace: kube-system")})
case("replacements-after-prefix-select", {"kustomization.yaml": kust("namePrefix: p-\nreplacements:\n- source:\n    kind: Service\n    name: web\n  targets:\n  - select:\n      kind: Deployment\n      name: web\n    fieldPaths:\n    - spec.template.spec.containers.[name=app].env.[name=MODE].value\n", ["d.yaml", "svc.yaml"]),
    "d.yaml": deployment(), "svc.yaml": SERVICE})
case("labels-on-empty-and-null-metadata", {"kustomization.yaml": kust("commonLabels:\n  a: b\ncommonAnnotations:\n  c: d\n", ["objs.yaml"]),
    "objs.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  labels:\n  annotations: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n  labels: {}\n"})
case("annotations-empty-removed", {"kustomization.yaml": kust("", ["objs.yaml"]),
    "objs.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  annotations: {}\n  labels: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n  annotations:\n"})
case("sort-options-in-base-ignored", {"overlay/kustomization.yaml": kust("", ["../base"]), "base/kustomization.yaml": kust("sortOptions:\n  order: fifo\n", sorted(ALL)), **{f"base/{k}": v for k, v in ALL.items()}}, build="overlay")
case("psm-multiple-patches-same-target", {"kustomization.yaml": kust("patchesStrategicMerge:\n- a.yaml\n- b.yaml\n", ["d.yaml"]), "d.yaml": deployment(),
    "a.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    metadata:\n      labels:\n        a: a\n",
    "b.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        b: b\n"})

# ---------------------------------------------------------------- 16. Flux objects patched and generated
case("flux-helmrelease-values-patch", {"kustomization.yaml": kust("namespace: podinfo\npatches:\n- target:\n    kind: HelmRelease\n  patch: |-\n    apiVersion: helm.toolkit.fluxcd.io/v2\n    kind: HelmRelease\n    metadata:\n      name: any\n    spec:\n      values:\n        replicaCount: 3\n        ingress:\n          hosts:\n          - host: podinfo.example.com\n", ["hr.yaml"]), "hr.yaml": FLUX_HR})
case("flux-helmrelease-valuesfrom-generated", {"kustomization.yaml": kust("namespace: podinfo\nconfigMapGenerator:\n- name: podinfo-values\n  files:\n  - values.yaml\nconfigurations:\n- hr-config.yaml\n", ["hr.yaml"]),
    "hr.yaml": FLUX_HR.replace("  values:\n", "  valuesFrom:\n  - kind: ConfigMap\n    name: podinfo-values\n  values:\n"),
    "values.yaml": "replicaCount: 2\nresources:\n  limits:\n    memory: 256Mi\n",
    "hr-config.yaml": "nameReference:\n- kind: ConfigMap\n  version: v1\n  fieldSpecs:\n  - path: spec/valuesFrom/name\n    kind: HelmRelease\n"})
case("flux-kustomization-json-patch", {"kustomization.yaml": kust("patches:\n- target:\n    group: kustomize.toolkit.fluxcd.io\n    kind: Kustomization\n  patch: |-\n    - op: add\n      path: /spec/postBuild/substitute/cluster_region\n      value: eu-west-1\n    - op: replace\n      path: /spec/interval\n      value: 5m\n", ["ks.yaml"]), "ks.yaml": FLUX_KS})
case("flux-multi-tenant", {
    "tenants/base/kustomization.yaml": kust("", ["rbac.yaml", "sync.yaml"]),
    "tenants/base/rbac.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tenant\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: tenant\n  namespace: tenant\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: tenant-reconciler\n  namespace: tenant\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n- kind: ServiceAccount\n  name: tenant\n  namespace: tenant\n",
    "tenants/base/sync.yaml": FLUX_GIT.replace("podinfo", "tenant").replace("flux-system", "tenant") + "---\n" + FLUX_KS.replace("name: apps", "name: tenant").replace("flux-system", "tenant"),
    "tenants/team-a/kustomization.yaml": kust("namespace: team-a\nnamePrefix: team-a-\npatches:\n- target:\n    kind: Kustomization\n  patch: |-\n    - op: add\n      path: /spec/serviceAccountName\n      value: team-a-tenant\n", ["../base"])}, build="tenants/team-a")

# remove stale generated cases
for d in os.listdir(ROOT):
    if os.path.isfile(os.path.join(ROOT, d, MARK)) and d not in written:
        shutil.rmtree(os.path.join(ROOT, d))
print(f"{len(written)} generated cases; changed (regenerate these): {' '.join(changed)}")
