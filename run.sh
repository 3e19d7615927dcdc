#!/usr/bin/env bash
# Deploys the finished visit counter (final/) and PostgreSQL to minikube and prints the URL.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./run.sh [options]

Starts minikube if needed (with the Docker container runtime), builds the app image with Eclipse JKube
where minikube can run it, applies PostgreSQL, waits for it, applies the app (2 replicas), waits for it and
prints the URL. Safe to run again: every run builds a new image tag and rolls the app out to it; the count
is kept.

The image reaches minikube one of two ways, and run.sh says which:
  - minikube runs Docker: JKube builds straight into minikube's Docker daemon (minikube docker-env);
  - minikube runs containerd (the default of new clusters since minikube 1.39, unless started by run.sh) or
    docker-env fails: JKube builds with this machine's Docker, then 'minikube image load' copies the image in.
A Deployment left from the steps (same name, other selector, which cannot change) is deleted and
applied anew; the PersistentVolumeClaim, and so the count, stays.

Options:
  -p, --profile NAME     minikube profile (default: $MINIKUBE_PROFILE, else "minikube")
  -t, --timeout DURATION how long to wait for each rollout: seconds (300) or e.g. 300s, 5m, 5m30s
                         (default: $WAIT_TIMEOUT, else 300s)
      --port PORT        local port (1024-65535) for the kubectl port-forward fallback (default: $LOCAL_PORT,
                         else 8080)
  -h, --help             show this help

Environment:
  MINIKUBE_PROFILE, WAIT_TIMEOUT, LOCAL_PORT   as the options above
  MINIKUBE_START_ARGS    extra arguments for 'minikube start' when run.sh starts minikube, e.g. "--cni=calico"
                         (enforces the NetworkPolicy) or "--driver=docker". A new cluster gets
                         --container-runtime=docker first (the learner's arguments may override it); an existing
                         one keeps its runtime (--container-runtime would switch it and lose its images)

Needs: minikube, kubectl, docker (CLI), a JDK 17+, curl. Exit codes: 0 done, 1 a stage failed, 2 a tool is missing or an option is wrong (nothing changed).
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
parse_wait_timeout
check_local_port

# A new tag per run: the Deployment's pod template changes, so Kubernetes rolls out the image just built
# (a reused tag with imagePullPolicy IfNotPresent would keep running the old image).
# JKube 1.19 finds Docker through DOCKER_HOST or /var/run/docker.sock only, not through Docker CLI contexts
# (JKube DockerConnectionDetector: "No <dockerHost> given, no DOCKER_HOST environment variable, no read/writable
# '/var/run/docker.sock'"). Colima, Docker Desktop for Linux, Rancher Desktop and rootless Docker serve the docker
# CLI through a context whose socket lies elsewhere: with DOCKER_HOST unset, the current context's endpoint is
# exported, so that JKube builds where 'docker image inspect' and 'minikube image load' then look.
use_the_docker_context_for_jkube() {
  local endpoint
  [ -z "${DOCKER_HOST:-}" ] || return 0
  endpoint="$(docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null)" || endpoint=""
  case "$endpoint" in
    "" | unix:///var/run/docker.sock) ;;
    unix://* | tcp://*)
      export DOCKER_HOST="$endpoint"
      info "DOCKER_HOST is not set and JKube does not read Docker contexts: using the current Docker context's endpoint, DOCKER_HOST=$DOCKER_HOST" ;;
    *) info "the current Docker context's endpoint is $endpoint, which JKube cannot use (it speaks unix:// and tcp://): set DOCKER_HOST if the build fails" ;;
  esac
}

IMAGE_TAG="dev-$(date -u +%Y%m%d%H%M%S)-$$"
IMAGE="$APP_NAME:$IMAGE_TAG"
BUILD_LOG="$STATE_DIR/visit-counter-$PROFILE-build.log"
STAGE_TOTAL=8

stage "Checking the tools"
require_tools minikube kubectl docker java javac curl
require_jdk17
info "minikube, kubectl, docker, JDK $(java_major_version), curl: found"

stage "minikube (profile '$PROFILE')"
read_minikube_state
start_args=()
case "$MINIKUBE_STATE" in
  running) info "already running" ;;
  absent)
    info "no cluster yet: creating it (the first start downloads Kubernetes, a few minutes)"
    # The Docker container runtime, so that JKube can build straight into minikube (minikube docker-env); since
    # minikube 1.39 a new cluster gets containerd unless told otherwise. Only for a new cluster: on an existing
    # one, --container-runtime switches that cluster's runtime (minikube cmd/minikube/cmd/start_flags.go,
    # updateExistingConfigFromFlags), which loses the images the old runtime held.
    start_args=(--container-runtime=docker) ;;
  stopped) info "stopped ($MINIKUBE_STATUS): starting it, with the container runtime it was created with" ;;
  unhealthy) info "the host runs but Kubernetes does not ($MINIKUBE_STATUS): 'minikube start' restarts it" ;;
  *) fail "$(minikube_state_advice), then run ./run.sh again." ;;
esac
if [ "$MINIKUBE_STATE" != running ]; then
  # The learner's arguments come last: for a new cluster, the last --container-runtime wins.
  if [ -n "${MINIKUBE_START_ARGS:-}" ]; then
    read -r -a extra_start_args <<<"$MINIKUBE_START_ARGS"
    start_args+=(${extra_start_args[@]+"${extra_start_args[@]}"})
  fi
  info "minikube -p $PROFILE start${start_args[*]+ ${start_args[*]}}"
  minikube -p "$PROFILE" start ${start_args[@]+"${start_args[@]}"} ||
    fail "minikube start failed (see above). 'minikube -p $PROFILE logs' tells more."
fi

stage "Building the image $IMAGE with JKube, where minikube can run it"
# The node's runtime as Kubernetes reports it, e.g. "docker://28.4.0" or "containerd://2.1.4".
runtime_version="$(kube get nodes -o jsonpath='{.items[0].status.nodeInfo.containerRuntimeVersion}' 2>&1)" ||
  fail "kubectl could not ask minikube's node for its container runtime: $runtime_version"
RUNTIME="${runtime_version%%://*}"
DOCKER_ENV_LOG="$STATE_DIR/visit-counter-$PROFILE-docker-env.log"
# Only with the Docker runtime: on containerd, minikube's docker-env offers an experimental ssh:// endpoint
# (nerdctld), which JKube's Docker client cannot use (it speaks tcp://, unix:// and npipe:// only).
if [ "$RUNTIME" = docker ] && docker_env="$(minikube -p "$PROFILE" docker-env --shell bash 2>"$DOCKER_ENV_LOG")"; then
  IMAGE_ROUTE="docker-env"
  # The same shell must run the build: only this shell's DOCKER_HOST points at minikube's Docker daemon.
  eval "$docker_env"
  info "minikube runs Docker: JKube builds straight into minikube's Docker daemon (minikube docker-env, DOCKER_HOST=${DOCKER_HOST:-})"
else
  IMAGE_ROUTE="image-load"
  if [ "$RUNTIME" = docker ]; then
    ROUTE_REASON="'minikube docker-env' failed: $(first_message_line "$DOCKER_ENV_LOG")"
    ROUTE_SHORT="'minikube docker-env' failed"
  else
    ROUTE_REASON="minikube runs the ${RUNTIME:-unknown} container runtime, with no Docker daemon for JKube to build into"
    ROUTE_SHORT="minikube runs ${RUNTIME:-an unknown runtime}, not Docker"
  fi
  info "$ROUTE_REASON"
  use_the_docker_context_for_jkube
  info "so JKube builds with this machine's Docker (DOCKER_HOST=${DOCKER_HOST:-<not set: /var/run/docker.sock>}), then 'minikube image load' copies the image into minikube"
fi
# JKube extracts the Spring Boot jar's layers by running a bare 'java' from PATH (JKube SpringBootLayeredJar,
# LayerToolsCommand): the JDK that JAVA_HOME names goes first, as for ./mvnw itself.
if [ -n "${JAVA_HOME:-}" ]; then
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
  info "JAVA_HOME=$JAVA_HOME: its bin/ goes first on PATH for the build (JKube runs 'java' from PATH)"
fi
info "Maven output: $BUILD_LOG"
run_maven() {
  info "./mvnw $*"
  if ! ./mvnw -B "$@" >>"$BUILD_LOG" 2>&1; then
    tail -n 40 "$BUILD_LOG" >&2
    if [ "$IMAGE_ROUTE" = image-load ]; then
      echo "JKube built with this machine's Docker because $ROUTE_REASON: is a Docker daemon running here ('docker info')?" >&2
      echo "A minikube started with --container-runtime=docker lets JKube build inside minikube instead." >&2
    fi
    fail "the build failed: './mvnw $*' (last lines above, all of it in $BUILD_LOG)"
  fi
}
: >"$BUILD_LOG"
# One reactor command: -am builds the modules final/ needs (nothing is installed into ~/.m2), package makes the jar
# that k8s:build puts into the image, k8s:resource writes the manifest with the same tag. The root pom switches
# JKube off (jkube.skip) in every module but final/.
run_maven -pl final -am package k8s:build k8s:resource -DskipTests "-Dimage.tag=$IMAGE_TAG"
[ -f "$MANIFEST_RELATIVE" ] || fail "JKube wrote no $MANIFEST_RELATIVE"
grep -qF "$IMAGE" "$MANIFEST_RELATIVE" ||
  fail "$MANIFEST_RELATIVE does not use $IMAGE: is final/pom.xml's image name built from \${image.tag}?"
if [ "$IMAGE_ROUTE" = docker-env ]; then
  docker image inspect "$IMAGE" >/dev/null ||
    fail "minikube's Docker has no image $IMAGE after the build"
  info "$IMAGE reached minikube by being built in its Docker daemon (minikube docker-env)"
else
  docker image inspect "$IMAGE" >/dev/null ||
    fail "this machine's Docker has no image $IMAGE after the build"
  info "minikube -p $PROFILE image load $IMAGE"
  if ! load_output="$(minikube -p "$PROFILE" image load "$IMAGE" 2>&1)"; then
    printf '%s\n' "$load_output" >&2
    fail "'minikube -p $PROFILE image load $IMAGE' failed (see above)"
  fi
  # minikube image load can end without an error when nothing was loaded (kubernetes/minikube#21393): ask minikube.
  listed="$(minikube -p "$PROFILE" image ls 2>&1)" || true
  grep -qxF -e "$IMAGE" -e "docker.io/library/$IMAGE" <<<"$listed" ||
    fail "'minikube image load' reported no error, but 'minikube -p $PROFILE image ls' does not list $IMAGE; 'minikube -p $PROFILE image load $IMAGE --alsologtostderr' shows what happened"
  info "$IMAGE reached minikube through 'minikube image load' from this machine's Docker ($ROUTE_SHORT)"
fi

# A Deployment's selector cannot change. The steps' Deployments have the same names but select by
# app.kubernetes.io/name only, so applying JKube's Deployment over one left from a step fails with "field is
# immutable". A server-side dry run finds that without changing anything; such a Deployment is deleted with its
# pods (foreground: they are gone before the new ones start, so two PostgreSQL servers never share the data
# directory). The PersistentVolumeClaim is not touched: the count stays.
replace_deployment_left_from_a_step() {
  local selector="$1" name="$2" dry_run old_selector output
  dry_run="$(kube apply --dry-run=server -f "$MANIFEST_RELATIVE" -l "$selector" 2>&1)" && return 0
  case "$dry_run" in
    *"\"$name\" is invalid: spec.selector: "*"field is immutable"*) ;;
    *) return 0 ;; # another problem: the apply below reports it
  esac
  old_selector="$(kube get deployment "$name" -o jsonpath='{.spec.selector.matchLabels}' 2>/dev/null)" || old_selector="?"
  info "deployment/$name was left from a step (different selector): replacing it"
  info "(its selector $old_selector cannot change; persistentvolumeclaim/$PVC_NAME and the count stay)"
  if ! output="$(kube delete deployment "$name" --cascade=foreground --timeout="$KUBECTL_TIMEOUT" 2>&1)"; then
    printf '%s\n' "$output" >&2
    fail "could not delete deployment/$name (see above)"
  fi
  printf '%s\n' "$output" | sed 's/^/      /'
}

# kubectl apply is declarative: a second run updates the same objects instead of adding new ones.
apply_selected() {
  local selector="$1" deployment="$2" output
  replace_deployment_left_from_a_step "$selector" "$deployment"
  if ! output="$(kube apply -f "$MANIFEST_RELATIVE" -l "$selector" 2>&1)"; then
    printf '%s\n' "$output" >&2
    fail "kubectl apply -l '$selector' failed (see above)"
  fi
  printf '%s\n' "$output" | sed 's/^/      /'
}

# Step 04 leaves a claim of the same name whose database holds the steps' table and password: the finished app
# could never use it (Flyway refuses a schema it did not create). JKube labels its own claim provider=jkube.
refuse_volume_left_from_the_steps() {
  local provider
  [ -n "$(kube get persistentvolumeclaim "$PVC_NAME" --ignore-not-found -o name 2>/dev/null)" ] || return 0
  provider="$(kube get persistentvolumeclaim "$PVC_NAME" -o jsonpath='{.metadata.labels.provider}' 2>/dev/null)" || return 0
  [ "$provider" = "jkube" ] && return 0
  fail "persistentvolumeclaim/$PVC_NAME was left by step 04: its database holds the steps' table and password, which
      the finished app cannot use. Delete the step's resources, and with them the steps' count:
          kubectl --context $PROFILE delete -f steps/04-persistent-volume/k8s/
      then run ./run.sh again."
}

stage "Applying PostgreSQL (selector: $DB_APPLY_SELECTOR)"
refuse_volume_left_from_the_steps
apply_selected "$DB_APPLY_SELECTOR" "$DB_NAME"

stage "Waiting for PostgreSQL (deployment/$DB_NAME, up to $WAIT_TIMEOUT)"
wait_for_rollout "deployment/$DB_NAME" "$DB_SELECTOR"

stage "Applying the app (selector: $APP_APPLY_SELECTOR)"
apply_selected "$APP_APPLY_SELECTOR" "$APP_NAME"

stage "Waiting for the app's 2 replicas (deployment/$APP_NAME, up to $WAIT_TIMEOUT)"
wait_for_rollout "deployment/$APP_NAME" "$APP_SELECTOR"

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
