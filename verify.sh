#!/usr/bin/env bash
# The visit counter's verification plan (README.adoc, "The finished system"), run against the deployed system.
# Prints ✓/✗ per check.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./verify.sh [options] [URL]

Checks the system that ./run.sh deployed:
  1. GET / answers {"visits": N}
  2. a second GET / answers N+1
  3. the PersistentVolumeClaim postgres-data is Bound
  4. deleting the PostgreSQL pod works
  5. Kubernetes starts a replacement that becomes Ready
  6. GET / then answers N+2: the count survived the restart
  7. both app replicas are Ready, answer (two X-Served-By values) and count on from one number
Every answer must come from one of the app's pods (its X-Served-By header names the pod): an answer from
anything else fails the check. Prints ✓ or ✗ per check; exits 1 if any check fails. It really deletes the
PostgreSQL pod (the data stays).

URL defaults to what ./run.sh printed: http://<minikube ip>:<nodePort> where that is reachable,
else a kubectl port-forward (reused if run.sh's is still running).

Options:
  -p, --profile NAME     minikube profile (default: $MINIKUBE_PROFILE, else "minikube")
  -t, --timeout DURATION how long to wait for the PostgreSQL pod and the app: seconds (180) or e.g. 180s, 3m,
                         2m30s (default: $WAIT_TIMEOUT, else 300s)
      --port PORT        local port (1024-65535) for the kubectl port-forward fallback (default: $LOCAL_PORT,
                         else 8080)
  -h, --help             show this help

Exit codes: 0 every check passed, 1 a check failed, 2 a tool is missing or the arguments are wrong.
EOF
}

URL=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -p | --profile) [ $# -ge 2 ] || { usage >&2; exit 2; }; export MINIKUBE_PROFILE="$2"; shift 2 ;;
    -t | --timeout) [ $# -ge 2 ] || { usage >&2; exit 2; }; export WAIT_TIMEOUT="$2"; shift 2 ;;
    --port) [ $# -ge 2 ] || { usage >&2; exit 2; }; export LOCAL_PORT="$2"; shift 2 ;;
    http://* | https://*) URL="${1%/}"; shift ;;
    *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
parse_wait_timeout
check_local_port

if [ -n "$URL" ]; then
  require_tools kubectl curl
  case "$URL" in
    http://127.0.0.1:* | http://localhost:*) URL_VIA="port-forward" ;;
    *) URL_VIA="given" ;;
  esac
else
  require_tools minikube kubectl curl
  read_minikube_state
  [ "$MINIKUBE_STATE" = running ] || fail "$(minikube_state_advice). Then deploy the system with ./run.sh and run ./verify.sh again."
  find_url reuse
fi

WORK="$(mktemp -d "$STATE_DIR/visit-counter-verify.XXXXXX")"
OWN_FORWARDS=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local pid
  for pid in $OWN_FORWARDS; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

CHECKS=0
FAILED=0
pass() { CHECKS=$((CHECKS + 1)); printf '✓ %s\n' "$*"; }
flunk() { CHECKS=$((CHECKS + 1)); FAILED=$((FAILED + 1)); printf '✗ %s\n' "$*"; }
finish() {
  echo
  if [ "$FAILED" -eq 0 ]; then
    echo "All $CHECKS checks passed."
    exit 0
  fi
  echo "$FAILED of $CHECKS checks failed."
  exit 1
}

# The app's pods that are not being deleted (refreshed before check 7): only they may answer.
APP_PODS=""
read_app_pods() {
  APP_PODS="$(app_pods 2>/dev/null | awk '$3 == "" { print $1 }' | tr '\n' ' ' | sed 's/ $//')" || APP_PODS=""
}

# GET <base>/ ; sets STATUS (000 = no answer), VISITS (empty if the body has none or the answer is not the visit
# counter's), SERVED_BY, BODY and FOREIGN (1 when the X-Served-By header names none of the app's pods).
http_get() {
  rm -f "$WORK/body" "$WORK/headers"
  STATUS="$(curl -sS -o "$WORK/body" -D "$WORK/headers" --connect-timeout 3 --max-time 10 \
    -w '%{http_code}' "$1/" 2>"$WORK/curl-error")" || STATUS="000"
  BODY="$(cat "$WORK/body" 2>/dev/null || true)"
  VISITS="$(printf '%s' "$BODY" | sed -n 's/.*"visits"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p' | head -n 1)"
  SERVED_BY="$( (tr -d '\r' <"$WORK/headers" 2>/dev/null || true) | grep -i '^x-served-by:' | tail -n 1 |
    sed 's/^[^:]*:[[:space:]]*//' || true)"
  FOREIGN=0
  if [ "$STATUS" != "000" ]; then
    case " $APP_PODS " in
      *" $SERVED_BY "*) [ -n "$SERVED_BY" ] || FOREIGN=1 ;;
      *) FOREIGN=1 ;;
    esac
  fi
  if [ "$FOREIGN" = 1 ]; then VISITS=""; fi
}

describe_answer() {
  if [ "$STATUS" = "000" ]; then
    echo "no answer ($(head -n 1 "$WORK/curl-error" 2>/dev/null || true))"
  elif [ "$FOREIGN" = 1 ]; then
    echo "an answer that is not the visit counter's: X-Served-By ${SERVED_BY:-<none>} is none of the app's pods (${APP_PODS:-none found}); HTTP $STATUS, body: ${BODY:-<empty>}"
  else
    echo "HTTP $STATUS, body: ${BODY:-<empty>}"
  fi
}

read_app_pods
echo "Verifying the visit counter at $URL/ (profile '$PROFILE', namespace $NAMESPACE, via $URL_VIA)"
echo

# ---- 1, 2: the count goes up by one per request ----
http_get "$URL"
if [ "$STATUS" != "200" ] || [ -z "$VISITS" ]; then
  flunk "GET / answers {\"visits\": N}: got $(describe_answer)"
  if [ "$FOREIGN" = 1 ]; then
    echo "  Another program answers at $URL/: stop it, or give ./verify.sh the URL that ./run.sh printed."
  else
    echo "  Is the system running? ./run.sh deploys it; $KUBECTL_HINT get pods shows its pods."
  fi
  finish
fi
FIRST="$VISITS"
pass "GET / answers {\"visits\": $FIRST}"
http_get "$URL"
if [ "$STATUS" = "200" ] && [ "$VISITS" = "$((FIRST + 1))" ]; then
  pass "a second GET / answers $VISITS: the count goes up by one"
else
  flunk "a second GET / should answer $((FIRST + 1)): got $(describe_answer)"
fi
LAST="${VISITS:-$FIRST}"

# ---- 3: the volume ----
PHASE="$(kube get persistentvolumeclaim "$PVC_NAME" -o jsonpath='{.status.phase}' 2>&1)" || true
if [ "$PHASE" = "Bound" ]; then
  pass "PersistentVolumeClaim $PVC_NAME is Bound"
else
  flunk "PersistentVolumeClaim $PVC_NAME should be Bound, is: ${PHASE:-<no phase>} ($KUBECTL_HINT describe pvc $PVC_NAME tells why)"
fi

# ---- 4, 5: delete the PostgreSQL pod, wait for the replacement ----
# The StatefulSet's replacement has the same name (postgres-0) and another UID: the UID tells them apart.
db_pods() {
  kube get pods -l "$DB_SELECTOR" -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.metadata.uid}{"\n"}{end}' 2>/dev/null
}
OLD_PODS="$(db_pods)" || OLD_PODS=""
if [ -z "$OLD_PODS" ]; then
  flunk "delete the PostgreSQL pod: no pod has the label $DB_SELECTOR"
  finish
fi
OLD_NAMES="$(echo "$OLD_PODS" | cut -d ' ' -f 1 | tr '\n' ' ' | sed 's/ $//')"
OLD_UIDS=" $(echo "$OLD_PODS" | cut -d ' ' -f 2 | tr '\n' ' ')"
# kubectl delete waits until the pod is gone (--wait defaults to true); the StatefulSet starts the replacement only
# then, so two PostgreSQL servers never run on the same data directory.
if kube delete pod -l "$DB_SELECTOR" --timeout="$KUBECTL_TIMEOUT" >"$WORK/delete" 2>&1; then
  pass "deleted the PostgreSQL pod ($OLD_NAMES)"
else
  flunk "delete the PostgreSQL pod: $(cat "$WORK/delete")"
  finish
fi

NEW_POD=""
waited=0
while [ "$waited" -lt "$WAIT_SECONDS" ]; do
  while read -r name uid; do
    [ -n "$uid" ] || continue
    case "$OLD_UIDS " in
      *" $uid "*) ;;
      *) NEW_POD="pod/$name" ;;
    esac
  done <<<"$(db_pods || true)"
  [ -z "$NEW_POD" ] || break
  sleep 1
  waited=$((waited + 1))
done
if [ -n "$NEW_POD" ] && kube wait --for=condition=Ready "$NEW_POD" --timeout="$KUBECTL_TIMEOUT" >/dev/null 2>&1; then
  pass "Kubernetes replaced it: a new $NEW_POD is Ready"
else
  explain_pods "$DB_SELECTOR"
  flunk "a replacement PostgreSQL pod should be Ready within $WAIT_TIMEOUT: ${NEW_POD:-none was created} (details above)"
  finish
fi

# ---- 6: the count survived ----
# The app's readiness includes the database, so it may answer 503 for a moment after the restart.
waited=0
http_get "$URL"
while [ "$STATUS" != "200" ] && [ "$FOREIGN" = 0 ] && [ "$waited" -lt "$WAIT_SECONDS" ]; do
  sleep 2
  waited=$((waited + 2))
  http_get "$URL"
done
if [ "$STATUS" = "200" ] && [ "$VISITS" = "$((LAST + 1))" ]; then
  pass "after the restart GET / answers $VISITS: the count survived"
elif [ "$STATUS" = "200" ] && [ -n "$VISITS" ]; then
  flunk "after the restart GET / should answer $((LAST + 1)), answered $VISITS: the count did not survive the restart (is the volume mounted where PGDATA lives?)"
else
  flunk "after the restart GET / should answer $((LAST + 1)): got $(describe_answer)"
fi
LAST="${VISITS:-$LAST}"
LAST_BY="$SERVED_BY"

# ---- 7: two replicas, one count ----
# Records one answer; SEEN holds the distinct X-Served-By values, GAPS the places where the count jumped.
SEEN=""
GAPS=""
ANSWERS=0
record_answer() {
  if [ "$STATUS" != "200" ] || [ -z "$VISITS" ]; then
    GAPS="$GAPS; $1 gave $(describe_answer)"
    return
  fi
  ANSWERS=$((ANSWERS + 1))
  if [ "$VISITS" != "$((LAST + 1))" ]; then
    GAPS="$GAPS; ${SERVED_BY:-?} answered $VISITS right after ${LAST_BY:-?} answered $LAST"
  fi
  LAST="$VISITS"
  LAST_BY="$SERVED_BY"
  case " $SEEN " in
    *" ${SERVED_BY:-<none>} "*) ;;
    *) SEEN="${SEEN:+$SEEN }${SERVED_BY:-<none>}" ;;
  esac
}

distinct_count() { echo "$SEEN" | wc -w | tr -d ' '; }

# After the PostgreSQL restart a replica may still be unready (its readiness asks the database), and a pod of an
# earlier rollout may still be terminating (its phase stays Running until it is gone): wait until every replica
# of the Deployment is updated and available, then ask only the pods that are Ready and not being deleted.
if ! kube rollout status "deployment/$APP_NAME" --timeout="$KUBECTL_TIMEOUT" >"$WORK/rollout" 2>&1; then
  explain_pods "$APP_SELECTOR"
  flunk "both replicas should be Ready within $WAIT_TIMEOUT: $(tail -n 1 "$WORK/rollout") (details above)"
  finish
fi
read_app_pods
READY_PODS="$(app_pods 2>/dev/null | awk '$2 == "True" && $3 == "" { print $1 }')" || READY_PODS=""

# The Service spreads requests over the pods. A port-forward does not (it talks to one pod), so then each
# pod gets its own port-forward.
if [ "$URL_VIA" = "port-forward" ]; then
  HOW="one kubectl port-forward per pod"
  FIRST_POD_URL=""
  for name in $READY_PODS; do
    pod="pod/$name"
    log="$WORK/forward-${pod#pod/}.log"
    # The log exists before kubectl starts: the `>` of a background command is opened by the new process, which
    # may not have run yet when the loop below first reads the log.
    : >"$log"
    kubectl --context "$PROFILE" --namespace "$NAMESPACE" port-forward "$pod" ":$APP_PORT" >>"$log" 2>&1 &
    OWN_FORWARDS="$OWN_FORWARDS $!"
    port=""
    waited=0
    while [ -z "$port" ] && [ "$waited" -lt 30 ]; do
      port="$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9][0-9]*\) .*/\1/p' "$log" | head -n 1)" || port=""
      [ -n "$port" ] || { sleep 1; waited=$((waited + 1)); }
    done
    if [ -z "$port" ]; then
      GAPS="$GAPS; kubectl port-forward $pod did not start: $(head -n 3 "$log" | tr '\n' ' ')"
      continue
    fi
    http_get "http://127.0.0.1:$port"
    record_answer "$pod"
    [ -n "$FIRST_POD_URL" ] || FIRST_POD_URL="http://127.0.0.1:$port"
  done
  if [ -n "$FIRST_POD_URL" ]; then
    http_get "$FIRST_POD_URL"
    record_answer "the first pod again"
  fi
else
  HOW="through the Service"
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    http_get "$URL"
    record_answer "request $attempt"
    if [ "$attempt" -ge 4 ] && [ "$(distinct_count)" -ge 2 ]; then break; fi
  done
fi

if [ "$(distinct_count)" -lt 2 ]; then
  flunk "both replicas should answer ($HOW): $ANSWERS answers came from one X-Served-By value only: ${SEEN:-none}${GAPS:+ ($GAPS)}; Ready pods: $(echo "$READY_PODS" | tr '\n' ' ' | sed 's/ $//'); $KUBECTL_HINT get pods -l $APP_SELECTOR shows the replicas"
elif [ -n "$GAPS" ]; then
  flunk "the replicas ($SEEN) should share one count, but${GAPS#;}"
else
  pass "both replicas answered ($HOW; X-Served-By: $SEEN) and counted on from one shared count, up to $LAST"
fi

finish
