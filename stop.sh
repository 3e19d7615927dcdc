#!/usr/bin/env bash
# Removes what run.sh deployed. Keeps the PostgreSQL volume (and so the count) unless --purge.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./stop.sh [options]

Deletes the app's and PostgreSQL's Deployments, Services, ConfigMap, Secret and NetworkPolicy, and stops the
kubectl port-forward that run.sh may have started. Keeps the PersistentVolumeClaim postgres-data, so the next
./run.sh continues the count. Safe to run when nothing is deployed.

Options:
      --purge            also delete the PersistentVolumeClaim postgres-data: the count is gone for good
      --all              also stop minikube afterwards ('minikube stop'; the cluster and its data stay on disk)
  -p, --profile NAME     minikube profile (default: $MINIKUBE_PROFILE, else "minikube")
  -h, --help             show this help

Exit codes: 0 done, 1 something could not be deleted, 2 a tool is missing.
EOF
}

PURGE=false
STOP_MINIKUBE=false
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --purge) PURGE=true; shift ;;
    --all) STOP_MINIKUBE=true; shift ;;
    -p | --profile) [ $# -ge 2 ] || { usage >&2; exit 2; }; export MINIKUBE_PROFILE="$2"; shift 2 ;;
    *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"

STAGE_TOTAL=3
if [ "$STOP_MINIKUBE" = true ]; then STAGE_TOTAL=4; fi

stage "Checking the tools"
require_tools minikube kubectl
info "minikube, kubectl: found"

stage "The kubectl port-forward started by run.sh"
stopped="$(stop_port_forward)"
info "${stopped:-none running}"

stage "Deleting from minikube (profile '$PROFILE')"
read_minikube_state
case "$MINIKUBE_STATE" in
  running) ;;
  absent | stopped)
    if [ "$MINIKUBE_STATE" = absent ]; then
      info "there is no minikube profile '$PROFILE': nothing is deployed."
    else
      info "minikube is stopped: nothing can be deleted now (what was deployed stays in the stopped cluster)."
    fi
    if [ "$STOP_MINIKUBE" = true ]; then info "minikube is not running: nothing to stop"; fi
    if [ "$PURGE" = true ] && [ "$MINIKUBE_STATE" = stopped ]; then
      fail "--purge needs the cluster: start it (minikube -p $PROFILE start) and run ./stop.sh --purge again."
    fi
    exit 0 ;;
  *) fail "$(minikube_state_advice), then run ./stop.sh again." ;;
esac

deleted=""
# Deletes what matches and prints one line per deleted object; nothing when nothing was there.
delete_objects() {
  local output
  if ! output="$(kube delete "$@" --ignore-not-found 2>&1)"; then
    printf '%s\n' "$output" >&2
    fail "kubectl delete $* failed (see above)"
  fi
  if [ -n "$output" ]; then
    printf '%s\n' "$output" | sed 's/^/      deleted: /'
    deleted="$deleted$output"
  fi
}
# The app first, so it is not left running against a database that is gone.
delete_objects deployment,service,configmap,secret -l "$APP_SELECTOR"
delete_objects deployment,service,networkpolicy -l "$DB_SELECTOR"
if [ "$PURGE" = true ]; then
  delete_objects persistentvolumeclaim "$PVC_NAME"
fi
[ -n "$deleted" ] || info "nothing was deployed: nothing deleted"

kept_pvc="$(kube get persistentvolumeclaim "$PVC_NAME" --ignore-not-found -o name)" ||
  fail "could not ask the cluster about persistentvolumeclaim/$PVC_NAME"
if [ -n "$kept_pvc" ]; then
  info "kept: $kept_pvc (the count survives; ./stop.sh --purge deletes it)"
elif [ "$PURGE" = true ]; then
  info "the count is gone: the next ./run.sh starts again at 1"
fi

if [ "$STOP_MINIKUBE" = true ]; then
  stage "Stopping minikube (profile '$PROFILE')"
  minikube -p "$PROFILE" stop || fail "minikube stop failed (see above)"
  info "stopped; 'minikube -p $PROFILE start' or ./run.sh brings it back"
fi
