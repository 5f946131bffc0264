#!/usr/bin/env python3
"""Writes the CRD manifests Gyre installs, from the tables below (schemas written from flux-api.md, not copied).

Run from this directory: python3 generate-crds.py. Output is deterministic; commit the YAML.
"""
import json

S = {"type": "string"}
B = {"type": "boolean"}
I = {"type": "integer", "format": "int64"}
DUR = {"type": "string", "pattern": "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$"}
MAP = {"type": "object", "additionalProperties": {"type": "string"}}
ANY = {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
LOCAL = {"type": "object", "required": ["name"], "properties": {"name": S}}
NSREF = {"type": "object", "required": ["name"], "properties": {"name": S, "namespace": S}}
KINDREF = {"type": "object", "required": ["kind", "name"], "properties": {"apiVersion": S, "kind": S, "name": S, "namespace": S}}
SELECTOR = {"type": "object", "properties": {k: S for k in ["group", "version", "kind", "name", "namespace", "annotationSelector", "labelSelector"]}}
KUBECONFIG = {"type": "object", "properties": {"secretRef": {"type": "object", "required": ["name"], "properties": {"name": S, "key": S}}, "configMapRef": LOCAL}}


def arr(item):
    return {"type": "array", "items": item}


def obj(props, required=None, extra=None):
    o = {"type": "object", "properties": props}
    if required:
        o["required"] = required
    if extra:
        o.update(extra)
    return o


CONDITION = obj({
    "type": S, "status": {"type": "string", "enum": ["True", "False", "Unknown"]}, "observedGeneration": I,
    "lastTransitionTime": {"type": "string", "format": "date-time"}, "reason": S, "message": S,
}, ["type", "status", "lastTransitionTime", "reason", "message"])
ARTIFACT = obj({"path": S, "url": S, "revision": S, "digest": S, "lastUpdateTime": {"type": "string", "format": "date-time"},
                "size": I, "metadata": MAP}, ["path", "url", "revision", "lastUpdateTime"])
COMMON_STATUS = {"observedGeneration": I, "conditions": arr(CONDITION), "lastHandledReconcileAt": S}


def status(extra):
    props = dict(COMMON_STATUS)
    props.update(extra)
    return obj(props, extra={"x-kubernetes-preserve-unknown-fields": True})


SOURCE_STATUS = status({"artifact": ARTIFACT, "url": S})

GIT_SPEC = obj({
    "url": {"type": "string", "pattern": "^(http|https|ssh)://.*$"}, "secretRef": LOCAL,
    "provider": {"type": "string", "enum": ["generic", "aws", "azure", "github"]}, "serviceAccountName": S,
    "interval": DUR, "timeout": DUR,
    "ref": obj({"branch": S, "tag": S, "semver": S, "name": S, "commit": S}),
    "verify": obj({"mode": {"type": "string", "enum": ["head", "HEAD", "Tag", "TagAndHEAD"]}, "secretRef": LOCAL}, ["secretRef"]),
    "proxySecretRef": LOCAL, "ignore": S, "suspend": B, "recurseSubmodules": B,
    "include": arr(obj({"repository": LOCAL, "fromPath": S, "toPath": S}, ["repository"])),
    "sparseCheckout": arr(S),
}, ["url", "interval"])
GIT_STATUS = status({
    "artifact": ARTIFACT, "includedArtifacts": arr(ARTIFACT), "observedIgnore": S, "observedRecurseSubmodules": B,
    "observedInclude": arr(ANY), "observedSparseCheckout": arr(S), "sourceVerificationMode": S,
})

OCI_SPEC = obj({
    "url": {"type": "string", "pattern": "^oci://.*$"}, "ref": obj({"digest": S, "semver": S, "semverFilter": S, "tag": S}),
    "layerSelector": obj({"mediaType": S, "operation": {"type": "string", "enum": ["extract", "copy"]}}),
    "provider": S, "secretRef": LOCAL, "serviceAccountName": S, "certSecretRef": LOCAL, "proxySecretRef": LOCAL,
    "verify": ANY, "interval": DUR, "timeout": DUR, "ignore": S, "insecure": B, "suspend": B,
}, ["url", "interval"])

HELMREPO_SPEC = obj({
    "url": S, "secretRef": LOCAL, "certSecretRef": LOCAL, "passCredentials": B, "insecure": B, "interval": DUR,
    "timeout": DUR, "suspend": B, "accessFrom": ANY, "type": {"type": "string", "enum": ["default", "oci"]}, "provider": S,
}, ["url"])

HELMCHART_SPEC = obj({
    "chart": S, "version": S, "sourceRef": KINDREF, "interval": DUR, "reconcileStrategy": S, "valuesFiles": arr(S),
    "ignoreMissingValuesFiles": B, "suspend": B, "verify": ANY,
}, ["chart", "sourceRef", "interval"])

KS_SPEC = obj({
    "sourceRef": obj({"apiVersion": S, "kind": {"type": "string", "enum": ["OCIRepository", "GitRepository", "Bucket", "ExternalArtifact"]},
                      "name": S, "namespace": S}, ["kind", "name"]),
    "path": S, "interval": DUR, "retryInterval": DUR, "timeout": DUR, "prune": B,
    "deletionPolicy": {"type": "string", "enum": ["MirrorPrune", "Delete", "WaitForTermination", "Orphan"]},
    "dependsOn": arr(obj({"name": S, "namespace": S, "readyExpr": S}, ["name"])),
    "healthChecks": arr(KINDREF),
    "healthCheckExprs": arr(obj({"apiVersion": S, "kind": S, "current": S, "inProgress": S, "failed": S}, ["apiVersion", "kind", "current"])),
    "wait": B, "force": B,
    "targetNamespace": {"type": "string", "minLength": 1, "maxLength": 63},
    "namePrefix": {"type": "string", "minLength": 1, "maxLength": 200},
    "nameSuffix": {"type": "string", "minLength": 1, "maxLength": 200},
    "commonMetadata": obj({"labels": MAP, "annotations": MAP}),
    "patches": arr(obj({"patch": S, "target": SELECTOR}, ["patch"])),
    "images": arr(obj({"name": S, "newName": S, "newTag": S, "digest": S}, ["name"])),
    "components": arr(S), "ignoreMissingComponents": B,
    "buildMetadata": arr({"type": "string", "enum": ["originAnnotations", "transformerAnnotations"]}),
    "postBuild": obj({"substitute": MAP, "substituteFrom": arr(obj({"kind": {"type": "string", "enum": ["Secret", "ConfigMap"]},
                                                                     "name": S, "optional": B}, ["kind", "name"])),
                      "substituteStrategy": {"type": "string", "enum": ["WithVariables", "Always"]}}),
    "decryption": obj({"provider": {"type": "string", "enum": ["sops"]}, "secretRef": LOCAL, "serviceAccountName": S}, ["provider"]),
    "serviceAccountName": S, "kubeConfig": KUBECONFIG, "suspend": B,
    "ignore": arr(obj({"paths": arr(S), "target": SELECTOR}, ["paths"])),
}, ["sourceRef", "interval", "prune"])
KS_STATUS = status({
    "lastAppliedRevision": S, "lastAppliedOriginRevision": S, "lastAttemptedRevision": S,
    "inventory": obj({"entries": arr(obj({"id": S, "v": S}, ["id", "v"]))}, ["entries"]),
    "history": arr(ANY),
})

# install/upgrade/rollback: the failure-strategy and release knobs typed (with Flux's enum and CEL rule); other
# knobs stay open so they are kept as written.
KEEP = {"x-kubernetes-preserve-unknown-fields": True}
HR_STRATEGY = obj({"name": {"type": "string", "enum": ["RemediateOnFailure", "RetryOnFailure"]}, "retryInterval": DUR}, ["name"], {
    "x-kubernetes-validations": [{"rule": "!has(self.retryInterval) || self.name != 'RemediateOnFailure'",
                                  "message": ".retryInterval cannot be set when .name is 'RemediateOnFailure'"}]})
HR_SSA = {"type": "string", "enum": ["enabled", "disabled", "auto"]}
HR_INSTALL = obj({"strategy": HR_STRATEGY, "replace": B, "disableTakeOwnership": B, "serverSideApply": B}, extra=KEEP)
HR_UPGRADE = obj({"strategy": HR_STRATEGY, "preserveValues": B, "disableTakeOwnership": B, "serverSideApply": HR_SSA,
                  "chartNameChangeStrategy": {"type": "string", "enum": ["Reinstall", "InPlaceUpdate"]}}, extra=KEEP)
HR_ROLLBACK = obj({"timeout": DUR, "disableWait": B, "disableWaitForJobs": B, "disableHooks": B, "force": B,
                   "cleanupOnFail": B, "recreate": B, "serverSideApply": HR_SSA}, extra=KEEP)

HR_SPEC = obj({
    "chart": ANY, "chartRef": KINDREF, "interval": DUR, "kubeConfig": KUBECONFIG, "suspend": B, "releaseName": S,
    "targetNamespace": S, "storageNamespace": S, "dependsOn": arr(obj({"name": S, "namespace": S, "readyExpr": S}, ["name"])),
    "timeout": DUR, "maxHistory": {"type": "integer"}, "serviceAccountName": S, "persistentClient": B,
    "driftDetection": ANY, "install": HR_INSTALL, "upgrade": HR_UPGRADE, "test": ANY, "rollback": HR_ROLLBACK, "uninstall": ANY,
    "valuesFrom": arr(obj({"kind": {"type": "string", "enum": ["Secret", "ConfigMap"]}, "name": S, "valuesKey": S,
                           "targetPath": S, "optional": B}, ["kind", "name"])),
    "values": ANY, "postRenderers": arr(ANY), "commonMetadata": obj({"labels": MAP, "annotations": MAP}),
    "postRenderStrategy": {"type": "string", "enum": ["nohooks", "combined", "separate"]},
    "waitStrategy": obj({"name": {"type": "string", "enum": ["poller", "legacy"]}}, ["name"]),
    "healthCheckExprs": arr(obj({"apiVersion": S, "kind": S, "current": S, "inProgress": S, "failed": S}, ["apiVersion", "kind", "current"])),
}, ["interval"])
HR_STATUS = status({"lastAttemptedRevision": S, "lastAttemptedValuesChecksum": S, "lastAttemptedConfigDigest": S,
                    "lastAttemptedGeneration": I, "history": arr(ANY), "failures": I, "installFailures": I,
                    "upgradeFailures": I, "storageNamespace": S, "helmChart": S, "inventory": ANY,
                    "lastHandledForceAt": S, "lastHandledResetAt": S})

PROVIDER_SPEC = obj({"type": S, "interval": DUR, "channel": S, "username": S, "address": S, "timeout": DUR, "proxy": S,
                     "secretRef": LOCAL, "certSecretRef": LOCAL, "suspend": B, "commitStatusExpr": S, "serviceAccountName": S}, ["type"])
ALERT_SPEC = obj({"providerRef": LOCAL, "eventSeverity": {"type": "string", "enum": ["info", "error"]},
                  "eventSources": arr(obj({"apiVersion": S, "kind": S, "name": S, "namespace": S, "matchLabels": MAP}, ["kind", "name"])),
                  "eventMetadata": MAP, "inclusionList": arr(S), "exclusionList": arr(S), "summary": S, "suspend": B},
                 ["providerRef", "eventSources"])
RECEIVER_SPEC = obj({"type": S, "interval": DUR, "events": arr(S), "resources": arr(ANY), "resourceFilter": S,
                     "secretRef": LOCAL, "suspend": B}, ["type", "resources", "secretRef"])

def enum(*values, default=None):
    e = {"type": "string", "enum": list(values)}
    if default is not None:
        e["default"] = default
    return e


BUCKET_SPEC = obj({
    "provider": enum("generic", "aws", "gcp", "azure", default="generic"), "bucketName": S, "endpoint": S,
    "sts": obj({"provider": enum("aws", "ldap"), "endpoint": {"type": "string", "pattern": "^(http|https)://.*$"},
                "secretRef": LOCAL, "certSecretRef": LOCAL}, ["provider", "endpoint"]),
    "insecure": B, "region": S, "prefix": S, "secretRef": LOCAL, "serviceAccountName": S, "certSecretRef": LOCAL,
    "proxySecretRef": LOCAL, "interval": DUR, "timeout": {"type": "string", "pattern": "^([0-9]+(\\.[0-9]+)?(ms|s|m))+$", "default": "60s"},
    "ignore": S, "suspend": B,
}, ["bucketName", "endpoint", "interval"], {"x-kubernetes-validations": [
    # Flux's seven BucketSpec rules (source-controller api/v1 bucket_types.go), same rules and messages.
    {"rule": "self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)",
     "message": "STS configuration is only supported for the 'aws' and 'generic' Bucket providers"},
    {"rule": "self.provider != 'aws' || !has(self.sts) || self.sts.provider == 'aws'",
     "message": "'aws' is the only supported STS provider for the 'aws' Bucket provider"},
    {"rule": "self.provider != 'generic' || !has(self.sts) || self.sts.provider == 'ldap'",
     "message": "'ldap' is the only supported STS provider for the 'generic' Bucket provider"},
    {"rule": "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.secretRef)",
     "message": "spec.sts.secretRef is not required for the 'aws' STS provider"},
    {"rule": "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.certSecretRef)",
     "message": "spec.sts.certSecretRef is not required for the 'aws' STS provider"},
    {"rule": "self.provider != 'generic' || !has(self.serviceAccountName)",
     "message": "ServiceAccountName is not supported for the 'generic' Bucket provider"},
    {"rule": "!has(self.secretRef) || !has(self.serviceAccountName)",
     "message": "cannot set both .spec.secretRef and .spec.serviceAccountName"},
]})
BUCKET_STATUS = status({"artifact": ARTIFACT, "url": S, "observedIgnore": S})

IMAGE_REF = obj({"name": S, "tag": S, "digest": S}, ["name", "tag"])
IMAGEREPO_SPEC = obj({
    "image": S, "interval": DUR, "timeout": DUR, "secretRef": LOCAL, "proxySecretRef": LOCAL,
    "serviceAccountName": {"type": "string", "maxLength": 253}, "certSecretRef": LOCAL, "suspend": B,
    "accessFrom": obj({"namespaceSelectors": arr(obj({"matchLabels": MAP}))}, ["namespaceSelectors"]),
    "exclusionList": {"type": "array", "items": S, "maxItems": 25, "default": ["^.*\\.sig$"]},
    "provider": enum("generic", "aws", "azure", "gcp", default="generic"), "insecure": B,
}, ["image", "interval"])
IMAGEREPO_STATUS = status({
    "canonicalImageName": S, "observedExclusionList": arr(S),
    "lastScanResult": obj({"revision": S, "tagCount": I, "scanTime": {"type": "string", "format": "date-time"},
                           "latestTags": arr(S)}, ["tagCount"]),
})
IMAGEPOLICY_SPEC = obj({
    "imageRepositoryRef": NSREF,
    "policy": obj({"semver": obj({"range": S}, ["range"]), "alphabetical": obj({"order": enum("asc", "desc", default="asc")}),
                   "numerical": obj({"order": enum("asc", "desc", default="asc")})}),
    "filterTags": obj({"pattern": S, "extract": S}),
    "digestReflectionPolicy": enum("Always", "IfNotPresent", "Never", default="Never"), "interval": DUR, "suspend": B,
}, ["imageRepositoryRef", "policy"], {
    # Flux's rules on ImagePolicySpec: spec.interval belongs to digestReflectionPolicy Always, which needs it.
    "x-kubernetes-validations": [
        {"rule": "!has(self.interval) || (has(self.digestReflectionPolicy) && self.digestReflectionPolicy == 'Always')",
         "message": "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'"},
        {"rule": "has(self.interval) || !has(self.digestReflectionPolicy) || self.digestReflectionPolicy != 'Always'",
         "message": "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'"}]})
IMAGEPOLICY_STATUS = status({"latestRef": IMAGE_REF, "observedPreviousRef": IMAGE_REF})
LABEL_SELECTOR = obj({"matchLabels": MAP, "matchExpressions": arr(obj({"key": S, "operator": S, "values": arr(S)}, ["key", "operator"]))})
IUA_SPEC = obj({
    "sourceRef": obj({"apiVersion": S, "kind": enum("GitRepository", default="GitRepository"), "name": S, "namespace": S}, ["kind", "name"]),
    "git": obj({
        "checkout": obj({"ref": obj({"branch": S, "tag": S, "semver": S, "name": S, "commit": S})}, ["ref"]),
        "commit": obj({"author": obj({"name": S, "email": S}, ["email"]), "signingKey": obj({"secretRef": LOCAL}),
                       "messageTemplate": S, "messageTemplateValues": MAP}, ["author"]),
        "push": obj({"branch": S, "refspec": S, "options": MAP}),
    }, ["commit"]),
    "interval": DUR, "policySelector": LABEL_SELECTOR,
    "update": dict(obj({"strategy": enum("Setters", default="Setters"), "path": S}, ["strategy"]), default={"strategy": "Setters"}),
    "suspend": B,
}, ["sourceRef", "interval"])
IUA_STATUS = status({
    "lastAutomationRunTime": {"type": "string", "format": "date-time"}, "lastPushCommit": S,
    "lastPushTime": {"type": "string", "format": "date-time"}, "observedSourceRevision": S,
    "observedPolicies": {"type": "object", "additionalProperties": IMAGE_REF},
})

READY = [
    {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"},
    {"name": "Status", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].message"},
]
AGE = [{"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]

# (group, kind, plural, short names, [(version, deprecated)], spec, status, columns)
KINDS = [
    ("source.toolkit.fluxcd.io", "GitRepository", "gitrepositories", ["gitrepo"], ["v1", "v1beta2"], GIT_SPEC, GIT_STATUS,
     [{"name": "URL", "type": "string", "jsonPath": ".spec.url"}] + AGE + READY),
    ("source.toolkit.fluxcd.io", "OCIRepository", "ocirepositories", ["ocirepo"], ["v1", "v1beta2"], OCI_SPEC, SOURCE_STATUS,
     [{"name": "URL", "type": "string", "jsonPath": ".spec.url"}] + READY + AGE),
    ("source.toolkit.fluxcd.io", "HelmRepository", "helmrepositories", ["helmrepo"], ["v1", "v1beta2"], HELMREPO_SPEC, SOURCE_STATUS,
     [{"name": "URL", "type": "string", "jsonPath": ".spec.url"}] + AGE + READY),
    ("source.toolkit.fluxcd.io", "HelmChart", "helmcharts", ["hc"], ["v1", "v1beta2"], HELMCHART_SPEC, SOURCE_STATUS,
     [{"name": "Chart", "type": "string", "jsonPath": ".spec.chart"},
      {"name": "Version", "type": "string", "jsonPath": ".spec.version"},
      {"name": "Source Kind", "type": "string", "jsonPath": ".spec.sourceRef.kind"},
      {"name": "Source Name", "type": "string", "jsonPath": ".spec.sourceRef.name"}] + AGE + READY),
    ("kustomize.toolkit.fluxcd.io", "Kustomization", "kustomizations", ["ks"], ["v1", "v1beta2"], KS_SPEC, KS_STATUS, AGE + READY),
    ("helm.toolkit.fluxcd.io", "HelmRelease", "helmreleases", ["hr"], ["v2", "v2beta2", "v2beta1"], HR_SPEC, HR_STATUS, AGE + READY),
    ("notification.toolkit.fluxcd.io", "Provider", "providers", [], ["v1beta3", "v1beta2"], PROVIDER_SPEC, status({}), AGE + READY),
    ("notification.toolkit.fluxcd.io", "Alert", "alerts", [], ["v1beta3", "v1beta2"], ALERT_SPEC, status({}), AGE + READY),
    ("notification.toolkit.fluxcd.io", "Receiver", "receivers", [], ["v1", "v1beta2"], RECEIVER_SPEC, status({"webhookPath": S}), AGE + READY),
    ("source.toolkit.fluxcd.io", "Bucket", "buckets", [], ["v1", "v1beta2"], BUCKET_SPEC, BUCKET_STATUS,
     [{"name": "Endpoint", "type": "string", "jsonPath": ".spec.endpoint"}] + AGE + READY),
    ("image.toolkit.fluxcd.io", "ImageRepository", "imagerepositories", ["imgrepo", "imagerepo"], ["v1", "v1beta2"],
     IMAGEREPO_SPEC, IMAGEREPO_STATUS,
     [{"name": "Image", "type": "string", "jsonPath": ".spec.image"},
      {"name": "Tags", "type": "string", "jsonPath": ".status.lastScanResult.tagCount"},
      {"name": "Last scan", "type": "string", "jsonPath": ".status.lastScanResult.scanTime"}] + READY + AGE),
    ("image.toolkit.fluxcd.io", "ImagePolicy", "imagepolicies", ["imgpol", "imagepol"], ["v1", "v1beta2"],
     IMAGEPOLICY_SPEC, IMAGEPOLICY_STATUS,
     [{"name": "Image", "type": "string", "jsonPath": ".status.latestRef.name"},
      {"name": "Tag", "type": "string", "jsonPath": ".status.latestRef.tag"}] + READY + AGE),
    ("image.toolkit.fluxcd.io", "ImageUpdateAutomation", "imageupdateautomations", ["iua", "imgupd", "imgauto"], ["v1", "v1beta2"],
     IUA_SPEC, IUA_STATUS,
     [{"name": "Last run", "type": "string", "jsonPath": ".status.lastAutomationRunTime"}] + READY + AGE),
]


def crd(group, kind, plural, short, versions, spec, stat, columns):
    def schema(deprecated):
        # Older versions carry fields v1 dropped (e.g. v1beta2 patchesStrategicMerge): keep them rather than prune.
        s = dict(spec, **({"x-kubernetes-preserve-unknown-fields": True} if deprecated else {}))
        return {"openAPIV3Schema": obj({"apiVersion": S, "kind": S, "metadata": {"type": "object"}, "spec": s, "status": stat})}
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {
            "name": f"{plural}.{group}",
            "labels": {"app.kubernetes.io/part-of": "gyre", "kustomize.toolkit.fluxcd.io/substitute": "disabled"},
        },
        "spec": {
            "group": group,
            "names": {"kind": kind, "listKind": kind + "List", "plural": plural, "singular": kind.lower(),
                      **({"shortNames": short} if short else {})},
            "scope": "Namespaced",
            "versions": [{
                "name": v,
                "served": True,
                "storage": i == 0,
                **({"deprecated": True, "deprecationWarning": f"{group}/{v} {kind} is deprecated, upgrade to {versions[0]}"} if i > 0 else {}),
                "additionalPrinterColumns": columns,
                "schema": schema(i > 0),
                "subresources": {"status": {}},
            } for i, v in enumerate(versions)],
        },
    }


for k in KINDS:
    doc = crd(*k)
    # JSON is valid YAML; kubectl and Gyre's YAML reader both accept it, and it stays byte-stable.
    with open(f"{k[2]}.{k[0]}.yaml", "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=2, sort_keys=False) + "\n")
