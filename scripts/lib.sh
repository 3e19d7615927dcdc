# shellcheck shell=bash
# shellcheck disable=SC2034 # the constants below are used by the scripts that source this file
# Shared by run.sh, stop.sh and verify.sh (sourced, never run on its own).
# Bash 3.2 compatible (macOS): no associative arrays, no ${var,,}, no mapfile.

# ---- names and labels: the same as in final/target/classes/META-INF/jkube/kubernetes.yml (CONTRACT.md) ----
APP_NAME="visit-counter"
DB_NAME="postgres"
PVC_NAME="postgres-data"
APP_SELECTOR="app.kubernetes.io/name=visit-counter"
DB_SELECTOR="app.kubernetes.io/name=postgres"
# What run.sh applies first: Postgres and what it needs (ConfigMap, Secret, PVC, Service, NetworkPolicy).
DB_APPLY_SELECTOR="app.kubernetes.io/component in (config,database)"
APP_APPLY_SELECTOR="app.kubernetes.io/component=web"
MANIFEST_RELATIVE="final/target/classes/META-INF/jkube/kubernetes.yml"
APP_PORT="8080"

# ---- settings a learner may change through the environment ----
PROFILE="${MINIKUBE_PROFILE:-minikube}"
WAIT_TIMEOUT="${WAIT_TIMEOUT:-300s}"
LOCAL_PORT="${LOCAL_PORT:-8080}"
STATE_DIR="${TMPDIR:-/tmp}"
STATE_DIR="${STATE_DIR%/}"
PORT_FORWARD_PID_FILE="$STATE_DIR/visit-counter-$PROFILE-port-forward.pid"
PORT_FORWARD_LOG="$STATE_DIR/visit-counter-$PROFILE-port-forward.log"

# ---- output ----
STAGE_TOTAL=0
STAGE_NUMBER=0

stage() {
  STAGE_NUMBER=$((STAGE_NUMBER + 1))
  printf '\n[%d/%d] %s\n' "$STAGE_NUMBER" "$STAGE_TOTAL" "$*"
}

info() { printf '      %s\n' "$*"; }

fail() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

# Accepts 90, 90s, 5m or 1h; prints seconds. Used for our own loops (kubectl takes the original value).
timeout_seconds() {
  local value="$1"
  case "$value" in
    *[!0-9smh]* | "" ) fail "not a duration: '$value' (use e.g. 300s, 5m or 300)" ;;
    *h) echo $(( ${value%h} * 3600 )) ;;
    *m) echo $(( ${value%m} * 60 )) ;;
    *s) echo "${value%s}" ;;
    *) echo "$value" ;;
  esac
}

# ---- preflight: every missing tool reported at once, exit 2, before anything changes ----
install_hint() {
  case "$1" in
    minikube) echo "minikube: https://minikube.sigs.k8s.io/docs/start/" ;;
    kubectl) echo "kubectl: https://kubernetes.io/docs/tasks/tools/ (or 'minikube kubectl' in an interactive shell)" ;;
    docker) echo "the docker CLI: https://docs.docker.com/get-docker/ (Docker Desktop or Docker Engine; also minikube's default driver)" ;;
    java | javac) echo "a JDK 17 or newer (java and javac), e.g. https://adoptium.net/ - or set JAVA_HOME to one" ;;
    curl) echo "curl: your system's package manager (apt install curl, brew install curl, ...)" ;;
    *) echo "$1" ;;
  esac
}

java_command() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/$1"; else echo "$1"; fi
}

has_tool() {
  case "$1" in
    java | javac) [ -x "$(java_command "$1")" ] || command -v "$(java_command "$1")" >/dev/null 2>&1 ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

# "openjdk version "17.0.15" 2025-04-15" -> 17; "java version "1.8.0_381"" -> 1
java_major_version() {
  "$(java_command java)" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

require_tools() {
  local missing="" tool
  for tool in "$@"; do
    has_tool "$tool" || missing="$missing $tool"
  done
  if [ -n "$missing" ]; then
    echo "Missing tools:$missing" >&2
    for tool in $missing; do
      echo "  - install $(install_hint "$tool")" >&2
    done
    echo "Nothing was changed. Install the tools above and run $(basename "$0") again." >&2
    exit 2
  fi
}

require_jdk17() {
  local major
  major="$(java_major_version)"
  if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    echo "Java 17 or newer is needed; '$(java_command java) -version' says: $("$(java_command java)" -version 2>&1 | head -n 1)" >&2
    echo "  - install $(install_hint java)" >&2
    echo "Nothing was changed." >&2
    exit 2
  fi
}

# ---- cluster access: always the profile's own context, never whatever kubectl points at ----
kube() { kubectl --context "$PROFILE" "$@"; }

minikube_running() { minikube -p "$PROFILE" status >/dev/null 2>&1; }

# On a failed wait: why, not just "timed out".
explain_pods() {
  local selector="$1"
  echo "---- kubectl describe pods -l $selector (the Events at the end usually say why) ----" >&2
  kube describe pods -l "$selector" >&2 || true
  echo "---- recent events ----" >&2
  kube get events --sort-by=.lastTimestamp 2>&1 | tail -n 15 >&2 || true
  echo "---- last log lines ----" >&2
  kube logs -l "$selector" --all-containers=true --prefix=true --tail=20 >&2 || true
}

wait_for_rollout() {
  local deployment="$1" selector="$2"
  if ! kube rollout status "deployment/$deployment" --timeout="$WAIT_TIMEOUT" 2>&1 | sed 's/^/      /'; then
    explain_pods "$selector"
    fail "deployment/$deployment did not become ready within $WAIT_TIMEOUT (see above). Fix it and run ./run.sh again."
  fi
}

# ---- the URL: node IP + nodePort where reachable, else kubectl port-forward ----

# Prints the HTTP status code, or 000 when nothing answered.
http_status() {
  curl -s -o /dev/null --connect-timeout 3 --max-time 5 -w '%{http_code}' "$1" 2>/dev/null || true
}

answers() {
  local code
  code="$(http_status "$1")"
  [ -n "$code" ] && [ "$code" != "000" ]
}

node_port_url() {
  local ip port
  ip="$(minikube -p "$PROFILE" ip 2>/dev/null)" || return 1
  port="$(kube get service "$APP_NAME" -o jsonpath='{.spec.ports[0].nodePort}' 2>/dev/null)" || return 1
  [ -n "$ip" ] && [ -n "$port" ] || return 1
  echo "http://$ip:$port"
}

port_forward_pid() {
  local pid
  [ -f "$PORT_FORWARD_PID_FILE" ] || return 1
  pid="$(cat "$PORT_FORWARD_PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

stop_port_forward() {
  local pid
  if pid="$(port_forward_pid)"; then
    kill "$pid" 2>/dev/null || true
    echo "stopped kubectl port-forward (PID $pid)"
  fi
  rm -f "$PORT_FORWARD_PID_FILE"
}

# Starts `kubectl port-forward service/visit-counter LOCAL_PORT:8080` in the background, survives this script.
start_port_forward() {
  local pid waited=0
  stop_port_forward >/dev/null
  nohup kubectl --context "$PROFILE" port-forward "service/$APP_NAME" "$LOCAL_PORT:$APP_PORT" >"$PORT_FORWARD_LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PORT_FORWARD_PID_FILE"
  while [ "$waited" -lt 20 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PORT_FORWARD_PID_FILE"
      cat "$PORT_FORWARD_LOG" >&2 || true
      fail "kubectl port-forward stopped (is port $LOCAL_PORT taken? try LOCAL_PORT=18080 $(basename "$0"))"
    fi
    answers "http://127.0.0.1:$LOCAL_PORT/health" && return 0
    sleep 1
    waited=$((waited + 1))
  done
  fail "kubectl port-forward (PID $pid) did not answer on 127.0.0.1:$LOCAL_PORT within 20 s; see $PORT_FORWARD_LOG"
}

# Sets URL and URL_VIA ("node-port" or "port-forward"). With "reuse", a port-forward that run.sh left running
# and that still answers is kept; run.sh passes "restart" because a rollout ends the old forward's pod.
find_url() {
  local mode="$1" node_url
  if node_url="$(node_port_url)" && answers "$node_url/health"; then
    URL="$node_url"
    URL_VIA="node-port"
    return 0
  fi
  URL="http://127.0.0.1:$LOCAL_PORT"
  URL_VIA="port-forward"
  if [ "$mode" = "reuse" ] && port_forward_pid >/dev/null && answers "$URL/health"; then
    return 0
  fi
  start_port_forward
}
