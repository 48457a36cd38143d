{{- define "codinspect.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "codinspect.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "codinspect.selector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: control-plane
{{- end -}}

{{- define "codinspect.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "codinspect.fullname" .) .Values.serviceAccount.name }}{{- else -}}{{ default "default" .Values.serviceAccount.name }}{{- end -}}
{{- end -}}

{{/* The Secret holding database credentials */}}
{{- define "codinspect.databaseSecret" -}}
{{- if .Values.database.existingSecret -}}{{ .Values.database.existingSecret }}{{- else -}}{{ include "codinspect.fullname" . }}-database{{- end -}}
{{- end -}}

{{/* The Secret holding application secrets (keys, tokens) */}}
{{- define "codinspect.appSecret" -}}
{{- if .Values.secrets.existingSecret -}}{{ .Values.secrets.existingSecret }}{{- else -}}{{ include "codinspect.fullname" . }}-secrets{{- end -}}
{{- end -}}

{{/* The Secret holding the tokens made at install (bootstrapToken, scrapeToken), or the existing one */}}
{{- define "codinspect.tokenSecret" -}}
{{- if .Values.secrets.existingSecret -}}{{ .Values.secrets.existingSecret }}{{- else -}}{{ include "codinspect.fullname" . }}-bootstrap{{- end -}}
{{- end -}}

{{/* The control plane's Service as sandboxes reach it: bridge, model gateway and egress proxy */}}
{{- define "codinspect.serviceHost" -}}
{{ include "codinspect.fullname" . }}.{{ .Release.Namespace }}.svc
{{- end -}}

{{- define "codinspect.bridgeUrl" -}}
ws://{{ include "codinspect.serviceHost" . }}:{{ .Values.service.port }}/bridge
{{- end -}}

{{- define "codinspect.gatewayUrl" -}}
http://{{ include "codinspect.serviceHost" . }}:{{ .Values.service.port }}
{{- end -}}

{{- define "codinspect.egressProxyUrl" -}}
http://{{ include "codinspect.serviceHost" . }}:{{ .Values.sandboxes.network.egressProxy.port }}
{{- end -}}

{{/* slackBot.channelRepositories as the bot reads it: C123=acme/api,C456=acme/web */}}
{{- define "codinspect.channelRepositories" -}}
{{- $pairs := list -}}
{{- range $channel, $repository := . -}}{{- $pairs = append $pairs (printf "%s=%s" $channel $repository) -}}{{- end -}}
{{- join "," $pairs -}}
{{- end -}}
