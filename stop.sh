#!/usr/bin/env bash
# Removes what run.sh deployed. Keeps the PostgreSQL volume (and so the count) unless --purge.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./stop.sh [options]

Deletes what ./run.sh deployed into the namespace visit-counter: the app's Deployment, PostgreSQL's
StatefulSet, their Services, the ConfigMap, the Secret and the NetworkPolicy; stops the kubectl port-forward
that run.sh may have started. Keeps the PersistentVolumeClaim postgres-data (and so the namespace), so the next
./run.sh continues the count. Safe to run when nothing is deployed.

Options:
      --purge            also delete the PersistentVolumeClaim postgres-data, its volume and the namespace
                         visit-counter: the count is gone for good. minikube's provisioner deletes the volume's
                         directory on the node (/tmp/hostpath-provisioner/visit-counter/postgres-data), except for
                         volumes it made before a minikube restart: then stop.sh deletes the volume and removes
                         the directory itself ('minikube ssh'), and says so
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
# minikube's hostPath provisioner deletes a Released volume and its directory on the node, but only the volumes it
# provisioned itself since minikube last started: it takes a new identity at each start and ignores the others
# ("ignored because identity annotation on PV does not match ours": kubernetes/minikube#16140, #4546). Such a
# volume stays Released and its data stays at /tmp/hostpath-provisioner/<namespace>/<claim>, where a new claim of
# the same name would find it again: stop.sh deletes the volume and removes the directory itself.
purge_volume() {
  local volume="" path=""
  volume="$(kube get persistentvolumeclaim "$PVC_NAME" --ignore-not-found -o jsonpath='{.spec.volumeName}' 2>/dev/null)" || volume=""
  if [ -n "$volume" ]; then
    path="$(kube get persistentvolume "$volume" -o jsonpath='{.spec.hostPath.path}' 2>/dev/null)" || path=""
  fi
  delete_objects persistentvolumeclaim "$PVC_NAME"
  [ -n "$volume" ] || return 0
  if kube wait --for=delete "persistentvolume/$volume" --timeout=30s >/dev/null 2>&1; then
    info "minikube's provisioner deleted persistentvolume/$volume and its data${path:+ ($path on the node)}"
    return 0
  fi
  info "persistentvolume/$volume outlived its claim (made before minikube's last restart: kubernetes/minikube#16140)"
  delete_objects persistentvolume "$volume"
  case "$path" in
    /tmp/hostpath-provisioner/"$NAMESPACE"/*)
      minikube -p "$PROFILE" ssh -- sudo rm -rf "$path" ||
        fail "could not remove $path on minikube's node: 'minikube -p $PROFILE ssh -- sudo rm -rf $path' removes it"
      info "removed $path on minikube's node: the count is gone" ;;
    "") info "persistentvolume/$volume had no hostPath: its storage's own reclaim rules apply" ;;
    *) info "kept on the node: $path (not made by minikube's hostPath provisioner for this namespace; remove it yourself if you want)" ;;
  esac
}

# The app first, so it is not left running against a database that is gone.
delete_objects deployment,service,configmap,secret -l "$APP_SELECTOR"
delete_objects statefulset,service,networkpolicy -l "$DB_SELECTOR"
if [ "$PURGE" = true ]; then
  purge_volume
  # The namespace last: deleting it would delete the claim too, before its volume could be looked at.
  delete_objects namespace "$NAMESPACE"
fi
[ -n "$deleted" ] || info "nothing was deployed: nothing deleted"

kept_pvc="$(kube get persistentvolumeclaim "$PVC_NAME" --ignore-not-found -o name)" ||
  fail "could not ask the cluster about persistentvolumeclaim/$PVC_NAME"
if [ -n "$kept_pvc" ]; then
  info "kept: $kept_pvc in the namespace $NAMESPACE (the count survives; ./stop.sh --purge deletes it)"
elif [ "$PURGE" = true ]; then
  info "the count is gone: the next ./run.sh starts again at 1"
fi

if [ "$STOP_MINIKUBE" = true ]; then
  stage "Stopping minikube (profile '$PROFILE')"
  minikube -p "$PROFILE" stop || fail "minikube stop failed (see above)"
  info "stopped; 'minikube -p $PROFILE start' or ./run.sh brings it back"
fi
