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
Everything goes into the namespace visit-counter (the labs use "default"); PostgreSQL runs as a StatefulSet
of one replica on the PersistentVolumeClaim postgres-data, which keeps the count.

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

# A new tag per run: the Deployment's pod template changes, so Kubernetes rolls out the image just built
# (a reused tag with imagePullPolicy IfNotPresent would keep running the old image).
IMAGE_TAG="dev-$(date -u +%Y%m%d%H%M%S)-$$"
IMAGE="$APP_NAME:$IMAGE_TAG"
BUILD_LOG="$STATE_DIR/visit-counter-$PROFILE-build.log"
STAGE_TOTAL=9

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
# that k8s:build puts into the image, and k8s:resource, bound to process-resources in final/pom.xml, writes the
# manifest with the same tag (once: naming k8s:resource too would run it twice). The root pom switches JKube off
# (jkube.skip) in every module but final/.
run_maven -pl final -am package k8s:build -DskipTests "-Dimage.tag=$IMAGE_TAG"
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

# kubectl apply is declarative: a second run updates the same objects instead of adding new ones.
apply_selected() {
  local selector="$1" output
  if ! output="$(kube apply -f "$MANIFEST_RELATIVE" -l "$selector" 2>&1)"; then
    printf '%s\n' "$output" >&2
    fail "kubectl apply -l '$selector' failed (see above)"
  fi
  printf '%s\n' "$output" | sed 's/^/      /'
}

stage "Applying the namespace $NAMESPACE and PostgreSQL (selector: $DB_APPLY_SELECTOR)"
apply_selected "$DB_APPLY_SELECTOR"

stage "Waiting for PostgreSQL ($DB_WORKLOAD, up to $WAIT_TIMEOUT)"
wait_for_rollout "$DB_WORKLOAD" "$DB_SELECTOR"

stage "Applying the app (selector: $APP_APPLY_SELECTOR)"
apply_selected "$APP_APPLY_SELECTOR"

stage "Waiting for the app's 2 replicas (deployment/$APP_NAME, up to $WAIT_TIMEOUT)"
wait_for_rollout "deployment/$APP_NAME" "$APP_SELECTOR"

# Every run builds a new tag, and the old ones stay: in the Docker that built them (minikube's, or this machine's on
# the image-load route), in minikube's container runtime, and, on the image-load route, as tarballs in minikube's
# image cache (minikube image load saves the image there first: pkg/minikube/machine/cache_images.go,
# CacheAndLoadImages; file <minikube home>/cache/images/<arch>/<name>_<tag>, localpath.SanitizeCacheDir). Once the
# app runs the new tag, the visit counter's other dev- tags are removed; an image still in use is kept.
human_size() { awk -v bytes="$1" 'BEGIN { if (bytes >= 1e9) printf "%.1f GB", bytes / 1e9; else printf "%.1f MB", bytes / 1e6 }'; }
minikube_home() {
  local home="${MINIKUBE_HOME:-$HOME}"
  case "$home" in */.minikube) echo "$home" ;; *) echo "$home/.minikube" ;; esac
}
remove_old_images() {
  local image size docker_bytes=0 docker_count=0 runtime_count=0 cache_bytes=0 cache_count=0 file where
  for image in $(docker image ls --filter "reference=$APP_NAME:dev-*" --format '{{.Repository}}:{{.Tag}}' 2>/dev/null); do
    [ "$image" != "$IMAGE" ] || continue
    size="$(docker image inspect --format '{{.Size}}' "$image" 2>/dev/null)" || size=0
    if docker image rm "$image" >/dev/null 2>&1; then
      docker_count=$((docker_count + 1))
      docker_bytes=$((docker_bytes + ${size:-0}))
    fi
  done
  if [ "$IMAGE_ROUTE" = image-load ]; then
    for image in $(minikube -p "$PROFILE" image ls 2>/dev/null | grep -E "^(docker\.io/library/)?$APP_NAME:dev-" || true); do
      [ "${image#docker.io/library/}" != "$IMAGE" ] || continue
      if minikube -p "$PROFILE" image rm "$image" >/dev/null 2>&1; then runtime_count=$((runtime_count + 1)); fi
    done
    for file in "$(minikube_home)"/cache/images/*/"${APP_NAME}"_dev-*; do
      [ -f "$file" ] || continue
      [ "$(basename "$file")" != "${APP_NAME}_$IMAGE_TAG" ] || continue
      size="$(wc -c <"$file" | tr -d ' ')" || size=0
      if rm -f "$file"; then
        cache_count=$((cache_count + 1))
        cache_bytes=$((cache_bytes + ${size:-0}))
      fi
    done
  fi
  if [ $((docker_count + runtime_count + cache_count)) -eq 0 ]; then
    info "no old images of $APP_NAME to remove"
    return 0
  fi
  if [ "$IMAGE_ROUTE" = docker-env ]; then where="minikube's Docker"; else where="this machine's Docker"; fi
  [ "$docker_count" -eq 0 ] ||
    info "removed $docker_count old $APP_NAME image(s) from $where: $(human_size "$docker_bytes") at most (layers that $IMAGE shares stay)"
  [ "$runtime_count" -eq 0 ] || info "removed $runtime_count old $APP_NAME image(s) from minikube's $RUNTIME"
  [ "$cache_count" -eq 0 ] ||
    info "removed $cache_count old $APP_NAME tarball(s) from minikube's image cache: $(human_size "$cache_bytes") freed"
}

stage "Removing the old images of $APP_NAME (keeping $IMAGE)"
remove_old_images

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
  echo "so run.sh started 'kubectl -n $NAMESPACE port-forward service/$APP_NAME $LOCAL_PORT:$APP_PORT' in the background"
  echo "(PID $(cat "$PORT_FORWARD_PID_FILE"), log $PORT_FORWARD_LOG). It talks to one of the two pods."
  echo "Stop it with: kill $(cat "$PORT_FORWARD_PID_FILE")   (./stop.sh stops it too)"
  echo
fi
echo "Try it:        curl $URL/    (run it twice: the count goes up)"
echo "Check it all:  ./verify.sh"
echo "Remove it:     ./stop.sh     (keeps the count; ./stop.sh --purge deletes it too)"
