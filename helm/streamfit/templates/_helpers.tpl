{{/*
The chart name, or nameOverride; 63 characters at most (a DNS label).
*/}}
{{- define "streamfit.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name of the release's resources: fullnameOverride, else <release>-<name> (just <release>
when it already holds the name), truncated to 63 characters: some names become DNS labels.
*/}}
{{- define "streamfit.fullname" -}}
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

{{/*
Chart name and version, for the helm.sh/chart label ("+" is not allowed in label values).
*/}}
{{- define "streamfit.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource.
*/}}
{{- define "streamfit.labels" -}}
helm.sh/chart: {{ include "streamfit.chart" . }}
{{ include "streamfit.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: streamfit
{{- end }}

{{/*
Selector labels: name and instance only, so that they never change across upgrades (a
Deployment's selector is immutable).
*/}}
{{- define "streamfit.selectorLabels" -}}
app.kubernetes.io/name: {{ include "streamfit.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the pod runs as.
*/}}
{{- define "streamfit.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "streamfit.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image, its tag defaulting to the chart's appVersion.
*/}}
{{- define "streamfit.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
The Secret the credentials come from: existingSecret, else the chart's own.
*/}}
{{- define "streamfit.secretName" -}}
{{- .Values.existingSecret | default (printf "%s-credentials" (include "streamfit.fullname" .)) }}
{{- end }}

{{/* Where the ConfigMap's application.yaml is mounted. */}}
{{- define "streamfit.configDir" -}}/etc/streamfit{{- end }}

{{/*
StreamFit's configuration with every {secretKey: k} replaced by the expression ${ENV}, where ENV is
an environment variable the Deployment fills from key k of the Secret. StreamFit (SmallRye Config)
expands the expression when it reads the key, so the ConfigMap holds no credential.

Call with (dict "root" $ "config" <a deep copy of .Values.config> "env" <an empty dict>): it
rewrites "config" in place and fills "env" with secret key -> variable name.
*/}}
{{- define "streamfit.resolveSecrets" -}}
{{- $config := .config }}
{{- $env := .env }}
{{- range $name, $target := ($config.redis | default dict) }}
  {{- $where := printf "config.redis.%s" $name }}
  {{- $url := $target.url }}
  {{- if kindIs "map" $url }}
    {{- if or (hasKey $target "password") (hasKey $target "username") }}
      {{- fail (printf "%s: the url comes from the Secret (%s), so it holds the user and password; drop username and password" $where $url.secretKey) }}
    {{- end }}
    {{- $_ := set $target "url" (include "streamfit.secretExpression" (dict "ref" $url "env" $env "where" (printf "%s.url" $where))) }}
  {{- else if hasKey $target "password" }}
    {{- $password := include "streamfit.secretExpression" (dict "ref" $target.password "env" $env "where" (printf "%s.password" $where)) }}
    {{- $parts := regexSplit "://" $url 2 }}
    {{- $_ := set $target "url" (printf "%s://%s:%s@%s" (index $parts 0) ($target.username | default "") $password (index $parts 1)) }}
  {{- end }}
  {{- $_ := unset $target "username" }}
  {{- $_ := unset $target "password" }}
{{- end }}
{{- range $name, $target := ($config.kafka | default dict) }}
  {{- $properties := $target.properties | default dict }}
  {{- range $property, $value := $properties }}
    {{- if kindIs "map" $value }}
      {{- $_ := set $properties $property (include "streamfit.secretExpression" (dict "ref" $value "env" $env "where" (printf "config.kafka.%s.properties.%s" $name $property))) }}
    {{- end }}
  {{- end }}
{{- end }}
{{- $alerts := $config.alerts | default dict }}
{{- range $name, $webhook := ($alerts.webhooks | default dict) }}
  {{- $where := printf "config.alerts.webhooks.%s" $name }}
  {{- range $key := list "url" "secret" }}
    {{- if kindIs "map" (get $webhook $key) }}
      {{- $_ := set $webhook $key (include "streamfit.secretExpression" (dict "ref" (get $webhook $key) "env" $env "where" (printf "%s.%s" $where $key))) }}
    {{- end }}
  {{- end }}
  {{- $headers := $webhook.headers | default dict }}
  {{- range $header, $value := $headers }}
    {{- if kindIs "map" $value }}
      {{- $_ := set $headers $header (include "streamfit.secretExpression" (dict "ref" $value "env" $env "where" (printf "%s.headers.%s" $where $header))) }}
    {{- end }}
  {{- end }}
  {{- include "streamfit.resolveAuth" (dict "auth" $webhook.auth "env" $env "where" (printf "%s.auth" $where)) }}
{{- end }}
{{- if $alerts.alertmanager }}
  {{- include "streamfit.resolveAuth" (dict "auth" $alerts.alertmanager.auth "env" $env "where" "config.alerts.alertmanager.auth") }}
{{- end }}
{{- $api := $config.api | default dict }}
{{- if kindIs "map" (get $api "admin-token") }}
  {{- $_ := set $api "admin-token" (include "streamfit.secretExpression" (dict "ref" (get $api "admin-token") "env" $env "where" "config.api.admin-token")) }}
{{- end }}
{{- end }}

{{/* bearer-token and password of an auth block, both from the Secret. */}}
{{- define "streamfit.resolveAuth" -}}
{{- $auth := .auth | default dict }}
{{- range $key := list "bearer-token" "password" }}
  {{- if kindIs "map" (get $auth $key) }}
    {{- $_ := set $auth $key (include "streamfit.secretExpression" (dict "ref" (get $auth $key) "env" $.env "where" (printf "%s.%s" $.where $key))) }}
  {{- end }}
{{- end }}
{{- end }}

{{/*
${ENV} for a {secretKey: k}, recording k -> ENV in "env". ENV is STREAMFIT_SECRET_ and the key in
upper case, every other character an underscore: one variable per key, however often it is used.
*/}}
{{- define "streamfit.secretExpression" -}}
{{- $key := .ref.secretKey }}
{{- $variable := printf "STREAMFIT_SECRET_%s" (regexReplaceAll "[^A-Z0-9]" (upper $key) "_") }}
{{- range $other, $taken := .env }}
  {{- if and (eq $taken $variable) (ne $other $key) }}
    {{- fail (printf "%s: secret keys %q and %q would share the environment variable %s; rename one" $.where $other $key $variable) }}
  {{- end }}
{{- end }}
{{- $_ := set .env $key $variable }}
{{- printf "${%s}" $variable }}
{{- end }}

{{/*
The resolved configuration and the secret variables, as JSON {"config": ..., "env": ...}, for the
templates that need one or the other.
*/}}
{{- define "streamfit.resolvedConfig" -}}
{{- $config := deepCopy (.Values.config | default dict) }}
{{- $env := dict }}
{{- include "streamfit.resolveSecrets" (dict "config" $config "env" $env) }}
{{- /* Sections left empty ({} in values.yaml) keep StreamFit's defaults: not worth a line. */}}
{{- range $section, $value := deepCopy $config }}
  {{- if and (kindIs "map" $value) (empty $value) }}
    {{- $_ := unset $config $section }}
  {{- end }}
{{- end }}
{{- dict "config" $config "env" $env | toJson }}
{{- end }}
