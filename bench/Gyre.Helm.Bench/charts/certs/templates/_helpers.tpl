{{- define "certs.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "certs.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "certs.namespace" -}}
{{- default .Release.Namespace .Values.namespace -}}
{{- end -}}

{{- define "certs.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "certs.labels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ include "certs.chart" . }}
{{- with .Values.global.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "certs.image" -}}
{{- $image := index . 0 -}}
{{- $root := index . 1 -}}
{{- $tag := default $root.Chart.AppVersion $image.tag -}}
{{- if $image.digest -}}
{{ printf "%s/%s@%s" $root.Values.imageRegistry $image.repository $image.digest }}
{{- else -}}
{{ printf "%s/%s:%s" $root.Values.imageRegistry $image.repository $tag }}
{{- end -}}
{{- end -}}

{{- define "controller.fullname" -}}
{{- printf "%s-controller" (include "certs.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "controller.selectorLabels" -}}
app.kubernetes.io/name: {{ include "certs.name" . }}-controller
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: "controller"
{{- end -}}

{{- define "controller.labels" -}}
{{ include "controller.selectorLabels" . }}
{{ include "certs.labels" . }}
{{- end -}}

{{- define "controller.serviceAccountName" -}}
{{- if (index .Values "controller").serviceAccount.create -}}
{{ default (include "controller.fullname" .) (index .Values "controller").serviceAccount.name }}
{{- else -}}
{{ default "default" (index .Values "controller").serviceAccount.name }}
{{- end -}}
{{- end -}}

{{- define "webhook.fullname" -}}
{{- printf "%s-webhook" (include "certs.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "webhook.selectorLabels" -}}
app.kubernetes.io/name: {{ include "certs.name" . }}-webhook
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: "webhook"
{{- end -}}

{{- define "webhook.labels" -}}
{{ include "webhook.selectorLabels" . }}
{{ include "certs.labels" . }}
{{- end -}}

{{- define "webhook.serviceAccountName" -}}
{{- if (index .Values "webhook").serviceAccount.create -}}
{{ default (include "webhook.fullname" .) (index .Values "webhook").serviceAccount.name }}
{{- else -}}
{{ default "default" (index .Values "webhook").serviceAccount.name }}
{{- end -}}
{{- end -}}

{{- define "cainjector.fullname" -}}
{{- printf "%s-cainjector" (include "certs.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cainjector.selectorLabels" -}}
app.kubernetes.io/name: {{ include "certs.name" . }}-cainjector
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: "cainjector"
{{- end -}}

{{- define "cainjector.labels" -}}
{{ include "cainjector.selectorLabels" . }}
{{ include "certs.labels" . }}
{{- end -}}

{{- define "cainjector.serviceAccountName" -}}
{{- if (index .Values "cainjector").serviceAccount.create -}}
{{ default (include "cainjector.fullname" .) (index .Values "cainjector").serviceAccount.name }}
{{- else -}}
{{ default "default" (index .Values "cainjector").serviceAccount.name }}
{{- end -}}
{{- end -}}

{{- define "startupapicheck.fullname" -}}
{{- printf "%s-startupapicheck" (include "certs.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "startupapicheck.selectorLabels" -}}
app.kubernetes.io/name: {{ include "certs.name" . }}-startupapicheck
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: "startupapicheck"
{{- end -}}

{{- define "startupapicheck.labels" -}}
{{ include "startupapicheck.selectorLabels" . }}
{{ include "certs.labels" . }}
{{- end -}}

{{- define "startupapicheck.serviceAccountName" -}}
{{- if (index .Values "startupapicheck").serviceAccount.create -}}
{{ default (include "startupapicheck.fullname" .) (index .Values "startupapicheck").serviceAccount.name }}
{{- else -}}
{{ default "default" (index .Values "startupapicheck").serviceAccount.name }}
{{- end -}}
{{- end -}}
