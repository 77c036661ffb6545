{{/*
What the gateway routes to each service: the same table as deploy/gateway/nginx.conf.template (deploy-checks'
RoutesMatchGatewayTest compares the three). type: PathPrefix, Exact or RegularExpression; live: a WebSocket, SSE or
long-poll path, which gets httpRoute.liveTimeouts; upload: a path that streams a large upload (a lead
import), which gets httpRoute.uploadTimeouts as the gateway gives it proxy_read_timeout 300s.

Precedence: Gateway API and Ingress prefer Exact to PathPrefix and the longest prefix, as nginx does, so
/RequestCallbackService/Service.svc/rest/UpdateEWTRecord (campaign) wins over /RequestCallbackService (callback).
The EWT path of the modern API is a regular expression; its precedence over the /api/v1/service-queues prefix is
implementation-specific in Gateway API (docs/kubernetes.md, "Routes").
*/}}
{{- define "switchboard.routes" -}}
callback:
  - {type: PathPrefix, path: /api/v1/service-queues}
  - {type: PathPrefix, path: /api/v1/callbacks}
  - {type: PathPrefix, path: /api/v1/dialler}
  - {type: PathPrefix, path: /RequestCallbackService}
  - {type: PathPrefix, path: /BuzzMeInfo}
  - {type: PathPrefix, path: /ameyorestapi}
campaign:
  - {type: RegularExpression, path: "/api/v1/service-queues/[^/]+/ewt(/.*)?"}
  - {type: PathPrefix, path: /api/v1/campaigns}
  - {type: PathPrefix, path: /api/v1/users}
  - {type: PathPrefix, path: /api/v1/queue-events}
  - {type: Exact, path: /RequestCallbackService/Service.svc/rest/UpdateEWTRecord}
  - {type: Exact, path: /RequestCallbackService/Service.svc/rest/GetEWTByServiceID}
  - {type: PathPrefix, path: /platform-api/v3.0/campaigns}
  - {type: PathPrefix, path: /platform-api/v3.0/users}
  - {type: PathPrefix, path: /platform-api/v3.0/availability}
lead:
  - {type: PathPrefix, path: /api/v1/campaign-contacts}
  - {type: PathPrefix, path: /api/v1/leads}
  - {type: PathPrefix, path: /api/v1/lists, upload: true}
  - {type: PathPrefix, path: /api/v1/do-not-call}
  - {type: PathPrefix, path: /api/v1/dialler/campaigns}
  - {type: PathPrefix, path: /api/v1/dialler/attempts}
  - {type: PathPrefix, path: /platform-api/v3.0/leads, upload: true}
  - {type: PathPrefix, path: /platform-api/v3.0/lists}
  - {type: PathPrefix, path: /platform-api/v3.0/dialler}
crm:
  - {type: PathPrefix, path: /api/v1/crm}
  - {type: PathPrefix, path: /api/v1/api-keys}
  - {type: PathPrefix, path: /api/v1/erasures}
  - {type: PathPrefix, path: /api/v1/dialler/media}
  - {type: PathPrefix, path: /calls}
  - {type: PathPrefix, path: /platform-api/v3.0/activities}
  - {type: PathPrefix, path: /platform-api/v3.0/media}
  - {type: PathPrefix, path: /platform-api/v3.0/customer}
notification:
  - {type: PathPrefix, path: /api/v1/webhooks}
  - {type: PathPrefix, path: /api/v1/notifications, live: true}
  - {type: PathPrefix, path: /signalr, live: true}
{{- end }}
