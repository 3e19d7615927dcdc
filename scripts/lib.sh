# shellcheck shell=bash
# shellcheck disable=SC2034 # the constants below are used by the scripts that source this file
# Shared by run.sh, stop.sh and verify.sh (sourced, never run on its own).
# Bash 3.2 compatible (macOS): no associative arrays, no ${var,,}, no mapfile.

# ---- names and labels: the same as in final/target/classes/META-INF/jkube/kubernetes.yml, which JKube generates from
# final/src/main/jkube/ (ScriptManifestCrossCheckTest fails when a name or selector here is not in that file) ----
# The finished system lives in a namespace of its own, apart from the labs (steps 01-04 run in "default" and have a
# claim postgres-data too; minikube's hostPath provisioner keeps a claim's data at
# /tmp/hostpath-provisioner/<namespace>/<claim>). Every kubectl call names it.
NAMESPACE="visit-counter"
APP_NAME="visit-counter"
DB_NAME="postgres"
# PostgreSQL is a StatefulSet of one replica: a deleted pod is replaced only after it is gone, so two PostgreSQL
# servers never share the data directory.
DB_WORKLOAD="statefulset/postgres"
PVC_NAME="postgres-data"
APP_SELECTOR="app.kubernetes.io/name=visit-counter"
DB_SELECTOR="app.kubernetes.io/name=postgres"
# What run.sh applies first: the Namespace, Postgres and what it needs (ConfigMap, Secret, PVC, Service,
# NetworkPolicy).
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

# A usage error: the message, where to read the options, exit code 2 (before anything changed).
usage_error() {
  printf '%s\n' "$*" >&2
  echo "Run ./$(basename "$0") --help for the options. Nothing was changed." >&2
  exit 2
}

# WAIT_TIMEOUT as a learner writes it: a number of seconds (300) or a duration as kubectl writes one (300s, 5m,
# 5m30s, 1h). Sets WAIT_SECONDS for the scripts' own loops and KUBECTL_TIMEOUT ("330s") for kubectl's --timeout,
# which rejects a number without a unit ("time: missing unit in duration", Go's time.ParseDuration).
parse_wait_timeout() {
  local rest="$WAIT_TIMEOUT" total=0 number unit
  case "$rest" in
    "" | *[!0-9hms]* | [!0-9]*) usage_error "Not a duration: '$WAIT_TIMEOUT' (use a number of seconds, or e.g. 300s, 5m, 5m30s, 1h)" ;;
  esac
  case "$rest" in
    *[hms]) ;;
    *) rest="${rest}s" ;;
  esac
  while [ -n "$rest" ]; do
    number="${rest%%[hms]*}"
    unit="${rest:${#number}:1}"
    rest="${rest:$((${#number} + 1))}"
    case "$number" in
      "" | *[!0-9]*) usage_error "Not a duration: '$WAIT_TIMEOUT' (use a number of seconds, or e.g. 300s, 5m, 5m30s, 1h)" ;;
    esac
    number=$((10#$number))
    case "$unit" in
      h) total=$((total + number * 3600)) ;;
      m) total=$((total + number * 60)) ;;
      s) total=$((total + number)) ;;
    esac
  done
  [ "$total" -ge 1 ] || usage_error "The timeout must be at least 1s, not '$WAIT_TIMEOUT'"
  WAIT_SECONDS="$total"
  KUBECTL_TIMEOUT="${total}s"
}

# LOCAL_PORT: a TCP port a learner may bind (1024-65535).
check_local_port() {
  case "$LOCAL_PORT" in
    "" | *[!0-9]*) usage_error "Not a port: '$LOCAL_PORT' (use e.g. --port 18080)" ;;
  esac
  if [ "$LOCAL_PORT" -lt 1024 ] || [ "$LOCAL_PORT" -gt 65535 ]; then
    usage_error "The local port must be between 1024 and 65535, not $LOCAL_PORT"
  fi
}

# The message of a failed minikube or kubectl call, from the file that holds its output: the line that says why
# ("Exiting due to ..."), else the first non-blank line, without minikube's prefixes. minikube writes emoji to a
# colour terminal ("❌  Exiting due to ...") and its low-fi prefixes everywhere else, also to a file or a pipe
# ("X " error, "! " warning, "* " bullet, "  - " indented bullet: minikube pkg/minikube/style/style.go, LowPrefix).
first_message_line() {
  local line
  line="$(grep -m 1 'Exiting due to' "$1" 2>/dev/null)" ||
    line="$(sed -n '/[^[:space:]]/{p;q;}' "$1" 2>/dev/null)" || true
  printf '%s\n' "$line" | sed -e 's/^[[:space:]]*//' -e 's/^[X!*-] //' -e 's/^[^[:alnum:]]*//'
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
kube() { kubectl --context "$PROFILE" --namespace "$NAMESPACE" "$@"; }

# How a learner asks the same, for messages.
KUBECTL_HINT="kubectl --context $PROFILE -n $NAMESPACE"

# Sets MINIKUBE_STATE from 'minikube status', whose exit code is a bitmask (minikube cmd/minikube/cmd/status.go,
# exitCode): 1 the host is not Running, 2 the apiserver or the kubelet is not Running (a paused cluster too), 4 the
# kubeconfig is not Configured; 85 (ExGuestNotFound) when the profile does not exist (pkg/minikube/mustload).
#   running      0: ready to use
#   absent       85: no such profile: 'minikube start' creates it
#   stopped      the host is not running (7): 'minikube start' starts it with its own settings
#   paused       'minikube pause' ran: the apiserver is Paused, 'minikube unpause' resumes it
#   no-context   only the kubeconfig is wrong (4): kubectl has no working context for the profile
#   unhealthy    the host runs, the apiserver or the kubelet does not (2): 'minikube start' restarts them
# MINIKUBE_STATUS holds the status lines ("host: Running, kubelet: Stopped, ...") for messages.
read_minikube_state() {
  local output code=0 apiserver
  output="$(minikube -p "$PROFILE" status 2>&1)" || code=$?
  MINIKUBE_STATUS="$(printf '%s\n' "$output" | grep -E '^(host|kubelet|apiserver|kubeconfig): ' | head -n 4 |
    tr '\n' ',' | sed -e 's/,$//' -e 's/,/, /g')" || true
  apiserver="$(printf '%s\n' "$output" | sed -n 's/^apiserver: //p' | head -n 1)"
  if [ "$code" -eq 0 ]; then
    MINIKUBE_STATE="running"
  elif [ "$code" -eq 85 ]; then
    MINIKUBE_STATE="absent"
  elif [ $((code & 1)) -ne 0 ]; then
    MINIKUBE_STATE="stopped"
  elif [ "$apiserver" = "Paused" ]; then
    MINIKUBE_STATE="paused"
  elif [ $((code & 2)) -ne 0 ]; then
    MINIKUBE_STATE="unhealthy"
  elif [ $((code & 4)) -ne 0 ]; then
    MINIKUBE_STATE="no-context"
  else
    MINIKUBE_STATE="unknown"
    MINIKUBE_STATUS="$(printf '%s\n' "$output" | first_message_line /dev/stdin) (exit code $code)"
  fi
}

# What to type when minikube is in a state in which nothing can be asked of the cluster.
minikube_state_advice() {
  case "$MINIKUBE_STATE" in
    absent) echo "there is no minikube profile '$PROFILE': ./run.sh creates and starts it" ;;
    stopped) echo "minikube (profile '$PROFILE') is stopped: 'minikube -p $PROFILE start' (or ./run.sh) starts it" ;;
    paused) echo "minikube (profile '$PROFILE') is paused ($MINIKUBE_STATUS): resume it with 'minikube -p $PROFILE unpause'" ;;
    no-context) echo "kubectl has no working context '$PROFILE' ($MINIKUBE_STATUS): 'minikube -p $PROFILE update-context' writes it again" ;;
    unhealthy) echo "minikube's host runs but Kubernetes does not ($MINIKUBE_STATUS): 'minikube -p $PROFILE start' restarts it" ;;
    *) echo "'minikube -p $PROFILE status' says: $MINIKUBE_STATUS" ;;
  esac
}

# On a failed wait: why, not just "timed out".
explain_pods() {
  local selector="$1"
  echo "---- kubectl describe pods -l $selector (the Events at the end usually say why) ----" >&2
  kube describe pods -l "$selector" >&2 || true
  # 'kubectl events' sorts by when an event last happened, falling back to eventTime where lastTimestamp is empty
  # (kubectl pkg/cmd/events/events.go, eventTime). 'kubectl get events --sort-by=.lastTimestamp' sorts the
  # scheduler's events, whose lastTimestamp is empty (kubernetes/kubernetes#89689), first, so a tail cut them off:
  # FailedScheduling and an unbound claim, the ones that say why a pod does not start.
  echo "---- warnings in the namespace, oldest first ----" >&2
  kube events --types=Warning 2>&1 | tail -n 20 >&2 || true
  echo "---- last log lines ----" >&2
  kube logs -l "$selector" --all-containers=true --prefix=true --tail=20 >&2 || true
}

wait_for_rollout() {
  local workload="$1" selector="$2"
  if ! kube rollout status "$workload" --timeout="$KUBECTL_TIMEOUT" 2>&1 | sed 's/^/      /'; then
    explain_pods "$selector"
    fail "$workload did not become ready within $WAIT_TIMEOUT (see above). Fix it and run ./run.sh again."
  fi
}

# ---- the URL: node IP + nodePort where reachable, else kubectl port-forward ----

# The app's pods, one line each: "<name> <Ready condition> <deletionTimestamp, empty unless being deleted>".
app_pods() {
  kube get pods -l "$APP_SELECTOR" \
    -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.conditions[?(@.type=="Ready")].status}{" "}{.metadata.deletionTimestamp}{"\n"}{end}'
}

# Asks <url>/health. Sets ANSWER_STATUS (000 = no answer) and ANSWER_SERVED_BY (the X-Served-By header, which the
# visit counter sets to its pod's name, the HOSTNAME Kubernetes gives the container).
ask_health() {
  local headers
  headers="$(curl -s -o /dev/null -D - --connect-timeout 3 --max-time 5 "$1/health" 2>/dev/null)" || true
  ANSWER_STATUS="$(printf '%s\n' "$headers" | sed -n 's/^HTTP\/[0-9.]* \([0-9][0-9][0-9]\).*/\1/p' | tail -n 1)"
  ANSWER_STATUS="${ANSWER_STATUS:-000}"
  ANSWER_SERVED_BY="$(printf '%s\n' "$headers" | tr -d '\r' | grep -i '^x-served-by:' | tail -n 1 |
    sed 's/^[^:]*:[[:space:]]*//')" || ANSWER_SERVED_BY=""
}

# True when the name is one of the app's pods: an answer from anything else is not the visit counter's, however
# much it looks like it (another server on the same port, the app run locally with ./mvnw spring-boot:run).
is_app_pod() {
  [ -n "$1" ] && app_pods 2>/dev/null | cut -d ' ' -f 1 | grep -qxF -e "$1"
}

# True when <url> is answered by one of the app's pods.
answered_by_the_app() {
  ask_health "$1"
  [ "$ANSWER_STATUS" != "000" ] && is_app_pod "$ANSWER_SERVED_BY"
}

node_port_url() {
  local ip port
  ip="$(minikube -p "$PROFILE" ip 2>/dev/null)" || return 1
  port="$(kube get service "$APP_NAME" -o jsonpath='{.spec.ports[0].nodePort}' 2>/dev/null)" || return 1
  [ -n "$ip" ] && [ -n "$port" ] || return 1
  echo "http://$ip:$port"
}

# The PID in the PID file, if that process is still the kubectl port-forward run.sh started: after a reboot or a
# long time the number may belong to another process, which must never be signalled.
port_forward_pid() {
  local pid command
  [ -f "$PORT_FORWARD_PID_FILE" ] || return 1
  pid="$(cat "$PORT_FORWARD_PID_FILE")"
  case "$pid" in "" | *[!0-9]*) return 1 ;; esac
  command="$(ps -p "$pid" -o args= 2>/dev/null)" || return 1
  case "$command" in
    *kubectl*" port-forward service/$APP_NAME "*) echo "$pid" ;;
    *) return 1 ;;
  esac
}

stop_port_forward() {
  local pid
  if pid="$(port_forward_pid)"; then
    kill "$pid" 2>/dev/null || true
    echo "stopped kubectl port-forward (PID $pid)"
  elif [ -f "$PORT_FORWARD_PID_FILE" ]; then
    echo "none running (the PID file named PID $(cat "$PORT_FORWARD_PID_FILE"), which is not run.sh's kubectl port-forward now: left alone)"
  fi
  rm -f "$PORT_FORWARD_PID_FILE"
}

# Starts `kubectl port-forward service/visit-counter LOCAL_PORT:8080` in the background, survives this script.
# kubectl listens on 127.0.0.1 and ::1 and keeps running when only one of them is free (client-go
# tools/portforward/portforward.go, listenOnPort; 'kubectl port-forward --help', --address), so an answer on
# 127.0.0.1:LOCAL_PORT may come from another server: only an answer from one of the app's pods counts.
start_port_forward() {
  local pid waited=0 retry
  retry="./$(basename "$0") --port 18080"
  stop_port_forward >/dev/null
  nohup kubectl --context "$PROFILE" --namespace "$NAMESPACE" port-forward "service/$APP_NAME" "$LOCAL_PORT:$APP_PORT" >"$PORT_FORWARD_LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PORT_FORWARD_PID_FILE"
  while [ "$waited" -lt 20 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PORT_FORWARD_PID_FILE"
      cat "$PORT_FORWARD_LOG" >&2 || true
      fail "kubectl port-forward stopped (is port $LOCAL_PORT taken? try: $retry)"
    fi
    if answered_by_the_app "http://127.0.0.1:$LOCAL_PORT"; then
      return 0
    fi
    if [ "$ANSWER_STATUS" != "000" ] && grep -q "^Forwarding from " "$PORT_FORWARD_LOG" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      rm -f "$PORT_FORWARD_PID_FILE"
      sed 's/^/      /' "$PORT_FORWARD_LOG" >&2 || true
      fail "something else answers on 127.0.0.1:$LOCAL_PORT (HTTP $ANSWER_STATUS, X-Served-By: ${ANSWER_SERVED_BY:-none}, which is none of the app's pods): another program holds that port, so kubectl port-forward could listen on [::1]:$LOCAL_PORT only. Stop that program or try: $retry"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  fail "kubectl port-forward (PID $pid) did not answer on 127.0.0.1:$LOCAL_PORT within 20 s; see $PORT_FORWARD_LOG"
}

# Sets URL and URL_VIA ("node-port" or "port-forward"). With "reuse", a port-forward that run.sh left running
# and that still answers is kept; run.sh passes "restart" because a rollout ends the old forward's pod.
find_url() {
  local mode="$1" node_url
  if node_url="$(node_port_url)" && answered_by_the_app "$node_url"; then
    URL="$node_url"
    URL_VIA="node-port"
    return 0
  fi
  URL="http://127.0.0.1:$LOCAL_PORT"
  URL_VIA="port-forward"
  if [ "$mode" = "reuse" ] && port_forward_pid >/dev/null && answered_by_the_app "$URL"; then
    return 0
  fi
  start_port_forward
}
