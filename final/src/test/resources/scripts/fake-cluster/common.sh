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
