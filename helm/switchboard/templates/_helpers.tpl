{{/*
The five services: their values key, in a fixed order. The dialler-facing ones (callback, lead, notification) are the
only ones with an autoscaling block; values.schema.json refuses one on the others.
*/}}
{{- define "switchboard.services" -}}
callback campaign lead crm notification
{{- end }}

{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified release prefix, as `helm create` makes it: the release name, with the chart name unless it holds it.
*/}}
{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "switchboard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of one service's objects: RELEASE-switchboard-callback. Argument: dict root, svc. */}}
{{- define "switchboard.serviceName" -}}
{{- printf "%s-%s" (include "switchboard.fullname" .root) .svc | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "switchboard.labels" -}}
helm.sh/chart: {{ include "switchboard.chart" . }}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchboard
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels of one service: name, instance and component only. Never the version or the chart: a selector is
immutable, and one that changed with an upgrade would make the upgrade fail.
*/}}
{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .svc }}-service
{{- end }}

{{/* Labels of one service's objects. Argument: dict root, svc. */}}
{{- define "switchboard.serviceLabels" -}}
{{ include "switchboard.labels" .root }}
app.kubernetes.io/component: {{ .svc }}-service
{{- end }}

{{/* The image of one service: registry/repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "switchboard.image" -}}
{{- $values := index .root.Values .svc }}
{{- $tag := $values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- if .root.Values.image.registry }}
{{- printf "%s/%s:%s" .root.Values.image.registry $values.image.repository $tag }}
{{- else }}
{{- printf "%s:%s" $values.image.repository $tag }}
{{- end }}
{{- end }}

{{- define "switchboard.serviceAccountName" -}}
{{- $values := index .root.Values .svc }}
{{- if $values.serviceAccount.create }}
{{- default (include "switchboard.serviceName" .) $values.serviceAccount.name }}
{{- else }}
{{- default "default" $values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Whether one service runs under a HorizontalPodAutoscaler. */}}
{{- define "switchboard.autoscaled" -}}
{{- $values := index .root.Values .svc }}
{{- if and $values.autoscaling $values.autoscaling.enabled }}true{{ end }}
{{- end }}

{{/* Database connection of one service: its own block, falling back to `postgres`. */}}
{{- define "switchboard.dbHost" -}}
{{- (index .root.Values .svc).database.host | default .root.Values.postgres.host }}
{{- end }}
{{- define "switchboard.dbName" -}}
{{- (index .root.Values .svc).database.name | default .root.Values.postgres.database }}
{{- end }}
{{- define "switchboard.dbPoolSize" -}}
{{- (index .root.Values .svc).database.poolSize | default .root.Values.postgres.poolSize }}
{{- end }}
{{- define "switchboard.dbSecret" -}}
{{- (index .root.Values .svc).database.existingSecret | default .root.Values.postgres.existingSecret }}
{{- end }}

{{/* Mount points of the files the services read. */}}
{{- define "switchboard.jwtDir" -}}/etc/switchboard/jwt{{- end }}
{{- define "switchboard.kafkaCaDir" -}}/etc/switchboard/kafka-ca{{- end }}
{{- define "switchboard.kafkaClientDir" -}}/etc/switchboard/kafka-client{{- end }}
{{- define "switchboard.mediaDir" -}}/var/lib/switchboard/media{{- end }}

{{/* Checks of value combinations the schema cannot express; each fails the render with what to change. */}}
{{- define "switchboard.validate" -}}
{{- if and (not .Values.jwt.jwksUrl) (not .Values.jwt.publicKey.existingSecret) }}
{{- fail "jwt: set jwt.jwksUrl, or jwt.publicKey.existingSecret naming a Secret with the issuer's public key" }}
{{- end }}
{{- if and (hasPrefix "SASL_" .Values.kafka.securityProtocol) (or (not .Values.kafka.sasl.username) (not .Values.kafka.sasl.existingSecret)) }}
{{- fail "kafka: a SASL security protocol needs kafka.sasl.username and kafka.sasl.existingSecret" }}
{{- end }}
{{- if eq .Values.crm.media.storage "s3" }}
{{- if not .Values.crm.media.s3.bucket }}
{{- fail "crm.media: S3 storage needs crm.media.s3.bucket" }}
{{- end }}
{{- else if and (gt (int .Values.crm.replicaCount) 1) (not (has "ReadWriteMany" .Values.crm.media.filesystem.accessModes)) (not .Values.crm.media.filesystem.existingClaim) }}
{{- fail "crm.media: more than one crm-service replica needs crm.media.storage=s3 or a ReadWriteMany volume (crm.media.filesystem.accessModes)" }}
{{- end }}
{{- end }}
