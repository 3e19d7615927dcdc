# Shared by the fake tools: state lives in $STUB_STATE, the scenario comes from FAKE_* variables.
#   FAKE_FAIL=<glob>           a call whose "tool args..." line matches fails (exit 1) with a clear message
#   FAKE_NODE_REACHABLE=0      minikube's node IP does not answer (Docker driver on macOS/Windows)
#   FAKE_PVC_PHASE=Pending     the claim's phase (default Bound)
#   FAKE_COUNT_STUCK=1         GET / always answers the same number
#   FAKE_SPLIT_COUNTS=1        each replica counts on its own (the in-memory step's behaviour)
#   FAKE_DATA_LOST=1           deleting the Postgres pod loses the count (no volume)
#   FAKE_ONE_REPLICA=1         only one app pod answers
#   FAKE_DB_DOWN_REQUESTS=n    after the Postgres pod was deleted, the first n GET / answer 503
#   FAKE_MANIFEST_IGNORES_TAG=1  the fake build ignores -Dimage.tag (a pom that does not wire it in)
#   FAKE_JAVA_VERSION=11.0.2   what java -version says (default 17.0.15)
#   FAKE_DRIVER=kvm2           minikube's driver (default docker); docker-env on containerd needs the docker driver
#   FAKE_DOCKER_ENV_ERROR=msg  minikube docker-env fails with this message (exit 14)
#   FAKE_LOCAL_DOCKER=0        this machine has no Docker daemon (JKube cannot build without DOCKER_HOST)
#   FAKE_IMAGE_LOAD_NOOP=1     minikube image load ends without error but loads nothing (kubernetes/minikube#21393)
#   FAKE_DOCKER_CONTEXT_HOST=unix:///...  the current Docker context's endpoint, where this machine's daemon listens
#                              (default unix:///var/run/docker.sock; Colima, rootless Docker ... listen elsewhere)
#   FAKE_OTHER_SERVER_ON_PORT=8080  another program (the step-01 app run locally) holds 127.0.0.1:8080
#   FAKE_APP_REPLICA_SLOW=1    after the Postgres pod was deleted, one app replica is unready until rollout status waited
#   FAKE_APP_REPLICA_NEVER_READY=1  ... and never becomes Ready (rollout status times out)
#   FAKE_TERMINATING_APP_POD=1 a pod of an earlier rollout is being deleted (phase still Running)
# State files: paused (minikube pause ran), kubeconfig-misconfigured (kubectl has no context for the profile),
# minikube-running, runtime (the profile exists, with this container runtime; a running cluster without the file
# was made before minikube 1.39, with docker),
# images (what minikube's container runtime holds), local-images (this machine's Docker daemon).
S="$STUB_STATE"

fail_if_asked() {
  local line="$*"
  if [ -n "${FAKE_FAIL:-}" ]; then
    # shellcheck disable=SC2254 # FAKE_FAIL is a glob on purpose
    case "$line" in
      $FAKE_FAIL) echo "fake failure of: $line" >&2; exit 1 ;;
    esac
  fi
}

read_number() { if [ -f "$S/$1" ]; then cat "$S/$1"; else echo "${2:-0}"; fi; }

cluster_runtime() { if [ -f "$S/runtime" ]; then cat "$S/runtime"; else echo docker; fi; }
