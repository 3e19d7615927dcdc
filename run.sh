#!/usr/bin/env bash
# Deploys the finished visit counter (final/) and PostgreSQL to minikube and prints the URL.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./run.sh [options]

Starts minikube if needed, builds the app image inside minikube's Docker with Eclipse JKube,
applies PostgreSQL, waits for it, applies the app (2 replicas), waits for it and prints the URL.
Safe to run again: every run builds a new image tag and rolls the app out to it; the count is kept.

Options:
  -p, --profile NAME     minikube profile (default: $MINIKUBE_PROFILE, else "minikube")
  -t, --timeout DURATION how long to wait for each rollout, e.g. 300s or 5m (default: $WAIT_TIMEOUT, else 300s)
      --port PORT        local port for the kubectl port-forward fallback (default: $LOCAL_PORT, else 8080)
  -h, --help             show this help

Environment:
  MINIKUBE_PROFILE, WAIT_TIMEOUT, LOCAL_PORT   as the options above
  MINIKUBE_START_ARGS    extra arguments for 'minikube start' when run.sh starts it,
                         e.g. "--cni=calico" (enforces the NetworkPolicy) or "--driver=docker"

Needs: minikube, kubectl, docker (CLI), a JDK 17+, curl. Exit codes: 0 done, 1 a stage failed, 2 a tool is missing.
Remove everything with ./stop.sh; check the deployment with ./verify.sh.
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -p | --profile) [ $# -ge 2 ] || { usage >&2; exit 2; }; export MINIKUBE_PROFILE="$2"; shift 2 ;;
    -t | --timeout) [ $# -ge 2 ] || { usage >&2; exit 2; }; export WAIT_TIMEOUT="$2"; shift 2 ;;
    --port) [ $# -ge 2 ] || { usage >&2; exit 2; }; export LOCAL_PORT="$2"; shift 2 ;;
    *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
timeout_seconds "$WAIT_TIMEOUT" >/dev/null

# A new tag per run: the Deployment's pod template changes, so Kubernetes rolls out the image just built
# (a reused tag with imagePullPolicy IfNotPresent would keep running the old image).
IMAGE_TAG="dev-$(date -u +%Y%m%d%H%M%S)-$$"
IMAGE="$APP_NAME:$IMAGE_TAG"
BUILD_LOG="$STATE_DIR/visit-counter-$PROFILE-build.log"
STAGE_TOTAL=8

stage "Checking the tools"
require_tools minikube kubectl docker java javac curl
require_jdk17
info "minikube, kubectl, docker, JDK $(java_major_version), curl: found"

stage "minikube (profile '$PROFILE')"
if minikube_running; then
  info "already running"
else
  info "not running: starting it (the first start downloads Kubernetes, a few minutes)"
  start_args=()
  if [ -n "${MINIKUBE_START_ARGS:-}" ]; then
    read -r -a start_args <<<"$MINIKUBE_START_ARGS"
  fi
  minikube -p "$PROFILE" start ${start_args[@]+"${start_args[@]}"} ||
    fail "minikube start failed (see above). 'minikube -p $PROFILE logs' tells more."
fi

stage "Building the image $IMAGE in minikube's Docker (JKube)"
# The same shell must run the build: only this shell's DOCKER_HOST points at minikube's Docker daemon.
docker_env="$(minikube -p "$PROFILE" docker-env)" ||
  fail "'minikube -p $PROFILE docker-env' failed: the image can only be built into minikube's Docker (container runtime docker)."
eval "$docker_env"
info "DOCKER_HOST=${DOCKER_HOST:-}"
info "Maven output: $BUILD_LOG"
run_maven() {
  info "./mvnw $*"
  if ! ./mvnw -B "$@" >>"$BUILD_LOG" 2>&1; then
    tail -n 40 "$BUILD_LOG" >&2
    fail "the build failed: './mvnw $*' (last lines above, all of it in $BUILD_LOG)"
  fi
}
: >"$BUILD_LOG"
# install, not package: the second command builds final/ alone and finds its sibling modules in ~/.m2.
run_maven -pl final -am install -DskipTests "-Dimage.tag=$IMAGE_TAG"
run_maven -pl final k8s:build k8s:resource "-Dimage.tag=$IMAGE_TAG"
[ -f "$MANIFEST_RELATIVE" ] || fail "JKube wrote no $MANIFEST_RELATIVE"
grep -qF "$IMAGE" "$MANIFEST_RELATIVE" ||
  fail "$MANIFEST_RELATIVE does not use $IMAGE: is final/pom.xml's image name built from \${image.tag}?"
docker image inspect "$IMAGE" >/dev/null ||
  fail "minikube's Docker has no image $IMAGE after the build"
info "built $IMAGE"

# kubectl apply is declarative: a second run updates the same objects instead of adding new ones.
apply_selected() {
  local output
  if ! output="$(kube apply -f "$MANIFEST_RELATIVE" -l "$1" 2>&1)"; then
    printf '%s\n' "$output" >&2
    fail "kubectl apply -l '$1' failed (see above)"
  fi
  printf '%s\n' "$output" | sed 's/^/      /'
}

stage "Applying PostgreSQL (selector: $DB_APPLY_SELECTOR)"
apply_selected "$DB_APPLY_SELECTOR"

stage "Waiting for PostgreSQL (deployment/$DB_NAME, up to $WAIT_TIMEOUT)"
wait_for_rollout "$DB_NAME" "$DB_SELECTOR"

stage "Applying the app (selector: $APP_APPLY_SELECTOR)"
apply_selected "$APP_APPLY_SELECTOR"

stage "Waiting for the app's 2 replicas (deployment/$APP_NAME, up to $WAIT_TIMEOUT)"
wait_for_rollout "$APP_NAME" "$APP_SELECTOR"

stage "Finding the URL"
stop_port_forward >/dev/null
find_url restart
echo
echo "The visit counter is running (image $IMAGE):"
echo
echo "    $URL/"
echo
if [ "$URL_VIA" = "port-forward" ]; then
  echo "minikube's node IP is not reachable from this machine (the Docker driver on macOS and Windows),"
  echo "so run.sh started 'kubectl port-forward service/$APP_NAME $LOCAL_PORT:$APP_PORT' in the background"
  echo "(PID $(cat "$PORT_FORWARD_PID_FILE"), log $PORT_FORWARD_LOG). It talks to one of the two pods."
  echo "Stop it with: kill $(cat "$PORT_FORWARD_PID_FILE")   (./stop.sh stops it too)"
  echo
fi
echo "Try it:        curl $URL/    (run it twice: the count goes up)"
echo "Check it all:  ./verify.sh"
echo "Remove it:     ./stop.sh     (keeps the count; ./stop.sh --purge deletes it too)"
