{{- define "podinfo.redis.config" -}}
maxmemory 64mb
maxmemory-policy allkeys-lru
save ""
appendonly no
{{- end -}}
