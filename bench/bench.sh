#!/usr/bin/env bash
# The benchmark: the finished app against PostgreSQL's own limit, measured side by side in one run, one table.
#
#   bench/bench.sh                   # build, then measure; about 10 minutes on 2 slow cores
#   bench/bench.sh --no-build        # use the jars already in final/target and steps/01-in-memory-counter/target
#   BENCH_VARIANTS=file bench/bench.sh --no-build   # compare several builds or settings of the app (see README.md)
#
# It starts its own PostgreSQL 16 (the embedded server the tests use: no Docker), sends traffic only to 127.0.0.1,
# bounds every run in time, and removes everything it started when it ends. Not part of `./mvnw verify`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
WORK="$BENCH/target"
DURATION=${BENCH_SECONDS:-10}      # seconds per measured load run
WARMUP=${BENCH_WARMUP:-15}          # seconds of load before each app's measured runs (JIT, pool, caches)
STARTS=${BENCH_STARTS:-5}          # starts per start-up row (the median is reported)
CONNECTIONS=${BENCH_CONNECTIONS:-"8 32"}
CLIENTS=${BENCH_CLIENTS:-"1 8 32"}
INSTANCES=${BENCH_INSTANCES:-"1 2"}
DEPLOYMENT="$ROOT/final/src/main/jkube/visit-counter-deployment.yml"
FINAL_JAR=${BENCH_FINAL_JAR:-"$ROOT/final/target/visit-counter-1.0.0.jar"}
STEP01_JAR="$ROOT/steps/01-in-memory-counter/target/step-01-in-memory-counter-1.0.0-exec.jar"
DOCKERFILE="$ROOT/final/src/main/docker/Dockerfile"
TICKS=$(getconf CLK_TCK)
BUILD=true
[[ "${1:-}" == "--no-build" ]] && BUILD=false

die() { echo "bench: $*" >&2; exit 2; }
log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------------
require() { # require <command> <Debian package> <what it is for>
    command -v "$1" >/dev/null 2>&1 && return
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "installing $2 ($3)"
        apt-get install -y -qq "$2" >/dev/null || die "could not install $2"
    else
        die "$1 is missing ($3): install it, e.g. 'sudo apt-get install $2' (macOS: 'brew install ${4:-$2}')"
    fi
}
require wrk wrk "the HTTP load generator"
require pgbench postgresql "PostgreSQL's own benchmark, for the database's limit" "postgresql@16"
require psql postgresql-client "reads the counter" "libpq"
require curl curl "polls readiness"
command -v java >/dev/null || die "java is missing: install a JDK 17"
JAVA=$(command -v java)   # the JDK 17 on PATH: runs the jars and the bench's Java helpers
PARTS=${BENCH_PARTS:-"load pgbench startup"}   # which of the three parts to run (all by default)

# --- build -------------------------------------------------------------------------------------------------------
mkdir -p "$WORK"
if $BUILD; then
    log "building the apps (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -ntp -q -pl final,steps/01-in-memory-counter,test-support -am package -DskipTests)
fi
[[ -f "$FINAL_JAR" && -f "$STEP01_JAR" ]] || die "no jars: run without --no-build first"
if [[ ! -s "$WORK/classpath.txt" || "$ROOT/test-support/pom.xml" -nt "$WORK/classpath.txt" ]]; then
    (cd "$ROOT" && ./mvnw -B -ntp -q -pl test-support dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt")
fi
[[ -d "$ROOT/test-support/target/classes" ]] || die "test-support is not built: run without --no-build first"
SUPPORT_CP="$ROOT/test-support/target/classes:$(cat "$WORK/classpath.txt")"

# --- what the pod gives the JVM: read from the Deployment, so the bench follows it -------------------------------
MEMORY_LIMIT=$(sed -n '/limits:/,/memory:/s/^ *memory: *"\{0,1\}\([0-9]*\)Mi"\{0,1\}.*/\1/p' "$DEPLOYMENT" | head -1)
CPU_LIMIT=$(sed -n '/limits:/,/cpu:/s/^ *cpu: *"\{0,1\}\([0-9]*\)"\{0,1\}.*/\1/p' "$DEPLOYMENT" | head -1)
POD_JAVA_OPTIONS=$(sed -n '/name: JDK_JAVA_OPTIONS/{n;s/^ *value: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p;}' "$DEPLOYMENT")
[[ -n "$MEMORY_LIMIT" && -n "$CPU_LIMIT" ]] || die "could not read the memory and cpu limits of $DEPLOYMENT"
# The container's limits as the JVM would see them through its cgroup.
CONTAINER_OPTIONS="-XX:MaxRAM=${MEMORY_LIMIT}m -XX:ActiveProcessorCount=$CPU_LIMIT"

# --- clean-up: everything this script starts is listed here ------------------------------------------------------
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- PostgreSQL ----------------------------------------------------------------------------------------------------
# The embedded server runs with fsync off, as in the tests: a commit does not wait for the disk. BENCH_FSYNC=on makes
# every commit wait for it, as the pod's PostgreSQL (the postgres image) does.
FSYNC=${BENCH_FSYNC:-off}
[[ "$FSYNC" == on || "$FSYNC" == off ]] || die "BENCH_FSYNC must be on or off, not $FSYNC"
log "starting PostgreSQL 16 (embedded, fsync $FSYNC)"
POSTGRES_TEST_SERVER=embedded POSTGRES_TEST_FSYNC=$FSYNC java -cp "$SUPPORT_CP" "$BENCH/src/BenchPostgres.java" >"$WORK/postgres.out" 2>&1 &
PG_LAUNCHER=$!
PIDS+=("$PG_LAUNCHER")
for _ in $(seq 600); do grep -q '^READY' "$WORK/postgres.out" && break; sleep 0.1; done
grep -q '^READY' "$WORK/postgres.out" || { cat "$WORK/postgres.out" >&2; die "PostgreSQL did not start"; }
read -r _ PGHOST PGPORT < <(grep '^READY' "$WORK/postgres.out")
export PGHOST PGPORT PGUSER=postgres PGPASSWORD=postgres PGDATABASE=visits
DB_ENV=(DB_HOST="$PGHOST" DB_PORT="$PGPORT" DB_NAME=visits DB_USER=postgres DB_PASSWORD=postgres)
# The postmaster: the oldest postgres process serving our port (its backends are its children).
POSTMASTER=$(pgrep -o -f -- "postgres.* -p $PGPORT( |$)" || true)
[[ -n "$POSTMASTER" ]] || die "cannot find the postmaster of port $PGPORT"

sql() { psql -qtAX -c "$1"; }

# CPU time (ticks) of a process; of PostgreSQL: the postmaster, its finished backends and its live ones.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
postgres_ticks() {
    local total
    total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$POSTMASTER/stat")
    for child in $(pgrep -P "$POSTMASTER"); do total=$((total + $(cpu_ticks "$child"))); done
    echo "$total"
}
ms_per() { awk -v t="$1" -v n="$2" -v hz="$TICKS" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "-" }'; }

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 20000))
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

now_ms() { date +%s%3N; }

# --- the app ---------------------------------------------------------------------------------------------------------
# An image, replayed at process level from a Dockerfile of final's (by default the one k8s:build builds): its working
# directory and ENTRYPOINT. JKube's Dockerfile mode sends final/ as the build context under maven/. The Dockerfile's
# RUN and ENTRYPOINT run on the JDK of the major version its base image names (eclipse-temurin:<major>...): the
# `java` on PATH if it is that version, else JAVA_HOME_<major>, else /usr/lib/jvm/*-<major>-*.
declare -A IMAGE_DIRS IMAGE_ENTRYPOINTS IMAGE_PATHS
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/{ split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]); exit }'; }
jdk_bin_for() { # jdk_bin_for <major>: the bin folder of a JDK of that major version
    local major=$1 candidate
    [[ $(java_major java) == "$major" ]] && { dirname "$(readlink -f "$(command -v java)")"; return; }
    local named="JAVA_HOME_$major"
    for candidate in "${!named:-}" /usr/lib/jvm/*-"$major"-* /usr/lib/jvm/*-"$major"; do
        [[ -n "$candidate" && -x "$candidate/bin/java" ]] && { echo "$candidate/bin"; return; }
    done
    die "the image runs Java $major, and no JDK $major is here: set JAVA_HOME_$major (e.g. a Temurin $major)"
}
replay_image() { # replay_image <Dockerfile> <jar>: the image's key in IMAGE_DIRS is "<Dockerfile>@<jar>"
    local dockerfile=$1 jar=$2 key="$1@$2"
    [[ -n "${IMAGE_DIRS[$key]:-}" ]] && return
    [[ -f "$dockerfile" ]] || die "no Dockerfile $dockerfile"
    local major dir
    major=$(sed -n 's/^FROM  *eclipse-temurin:\([0-9]*\).*/\1/p' "$dockerfile" | tail -1)
    [[ -n "$major" ]] || die "$dockerfile: its last FROM is not eclipse-temurin:<major>..."
    IMAGE_PATHS[$key]="$(jdk_bin_for "$major"):$PATH"
    dir="$WORK/image-$(echo "$key" | md5sum | cut -c1-8)"
    log "replaying $dockerfile with $jar on Java $major (layers, training run)"
    rm -rf "$dir" && mkdir -p "$dir/context/maven/target"
    # Under the name the build gives it, which the Dockerfile's COPY expects.
    cp "$jar" "$dir/context/maven/target/visit-counter-bench.jar"
    local lines
    mapfile -t lines < <(PATH="${IMAGE_PATHS[$key]}" "$JAVA" -cp "$SUPPORT_CP" "$BENCH/src/BenchImage.java" \
        "$dockerfile" "$dir/context" "$dir/root")
    ((${#lines[@]} > 1)) || die "could not replay $dockerfile"
    IMAGE_DIRS[$key]=${lines[0]}
    IMAGE_ENTRYPOINTS[$key]=$(printf '%s\n' "${lines[@]:1}")
}

# A path from a variants file: relative to the repository's root, wherever the bench was started from.
repo_path() { (cd "$ROOT" && readlink -f "$1"); }

# resolve <kind>: what starts an app of that kind, in RESOLVED_COMMAND (run in RESOLVED_DIR with RESOLVED_PATH).
# kind: image[:<Dockerfile>][@<jar>] (final's Dockerfile and final's jar unless given) or jar:<path> (java -jar).
# An image is replayed the first time it is asked for: call it before timing a start.
resolve() {
    local kind=$1
    RESOLVED_DIR=$WORK
    RESOLVED_PATH=$PATH
    case "$kind" in
        image | image:* | image@*)
            local dockerfile=$DOCKERFILE jar=$FINAL_JAR spec=${kind#image}
            [[ "$spec" == *@* ]] && { jar=$(repo_path "${spec#*@}"); spec=${spec%%@*}; }
            [[ "$spec" == :* ]] && dockerfile=$(repo_path "${spec#:}")
            replay_image "$dockerfile" "$jar"
            mapfile -t RESOLVED_COMMAND <<<"${IMAGE_ENTRYPOINTS[$dockerfile@$jar]}"
            RESOLVED_DIR=${IMAGE_DIRS[$dockerfile@$jar]}
            RESOLVED_PATH=${IMAGE_PATHS[$dockerfile@$jar]} ;;
        jar:*) RESOLVED_COMMAND=("$JAVA" -jar "$(repo_path "${kind#jar:}")") ;;
        *) die "unknown launch kind $kind" ;;
    esac
}

# launch <log> <port> <kind> <jvm options> <app arguments>: starts one app JVM; its pid is in LAUNCHED.
launch() {
    local logfile=$1 port=$2 kind=$3 jvm=$4 args=$5
    resolve "$kind"
    # The pod's JVM options arrive the way the Deployment sets them: JDK_JAVA_OPTIONS, read by the java launcher.
    # shellcheck disable=SC2086
    (cd "$RESOLVED_DIR" && exec env "${DB_ENV[@]}" PATH="$RESOLVED_PATH" JDK_JAVA_OPTIONS="$CONTAINER_OPTIONS $jvm" \
        "${RESOLVED_COMMAND[@]}" --server.port="$port" $args >"$logfile" 2>&1) &
    LAUNCHED=$!
    PIDS+=("$LAUNCHED")
}

await_ready() { # await_ready <pid> <port> <timeout s>: 0 when /health/readiness answered 200
    local deadline=$(($(date +%s) + $3))
    while (($(date +%s) < deadline)); do
        kill -0 "$1" 2>/dev/null || return 1
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$2/health/readiness") == 200 ]] \
            && return 0
        sleep 0.05
    done
    return 1
}

stop_app() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# --- results -----------------------------------------------------------------------------------------------------
TABLE="$WORK/results.md"
{
    echo "| row | conc. | req/s | p50 ms | p99 ms | app CPU ms/req | PG CPU ms/req | load gen. CPU ms/req | 2xx | counter +N | lost | peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$TABLE"
row() { local IFS='|'; echo "| $* |" >>"$TABLE"; }

# wrk prints latencies as 812.00us, 1.23ms or 1.02s: in ms.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; else if (v ~ /m$/) n *= 60000; printf "%.2f", n }'; }

percentile() { # percentile <p> < numbers (one a line)
    sort -n | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; printf "%.2f", v[i] / 1000 }'
}

# --- 1. the database's limit: pgbench running the app's statement -------------------------------------------------
STATEMENT="UPDATE visit_counter SET visits = visits + 1 WHERE id = 1 RETURNING visits;"
echo "$STATEMENT" >"$WORK/increment.sql"

pgbench_rows() {
    for clients in $CLIENTS; do
        sql "VACUUM visit_counter" >/dev/null
        rm -rf "$WORK/pgbench" && mkdir -p "$WORK/pgbench"
        local before_count before_pg threads=$((clients < 2 ? 1 : 2))
        before_count=$(sql "SELECT visits FROM visit_counter")
        before_pg=$(postgres_ticks)
        local output
        output=$(cd "$WORK/pgbench" && { time -p timeout $((DURATION + 30)) pgbench -n -M prepared \
            -f "$WORK/increment.sql" -c "$clients" -j "$threads" -T "$DURATION" -l --log-prefix=tx; } 2>&1)
        local pg_ticks=$(($(postgres_ticks) - before_pg))
        local count=$(($(sql "SELECT visits FROM visit_counter") - before_count))
        local tps tx user sys p50 p99
        tps=$(awk '/^tps = /{printf "%.0f", $3}' <<<"$output")
        tx=$(awk '/number of transactions actually processed/{print $NF}' <<<"$output" | cut -d/ -f1)
        user=$(awk '/^user /{print $2}' <<<"$output"); sys=$(awk '/^sys /{print $2}' <<<"$output")
        p50=$(cat "$WORK"/pgbench/tx.* | awk '{print $3}' | percentile 50)
        p99=$(cat "$WORK"/pgbench/tx.* | awk '{print $3}' | percentile 99)
        local gen_ticks
        gen_ticks=$(awk -v u="$user" -v s="$sys" -v hz="$TICKS" 'BEGIN { printf "%d", (u + s) * hz }')
        row " pgbench -M prepared " " $clients " " $tps " " $p50 " " $p99 " " - " " $(ms_per "$pg_ticks" "$tx") " \
            " $(ms_per "$gen_ticks" "$tx") " " $tx " " $count " " $((tx > count ? tx - count : 0)) " " - "
        log "pgbench $clients clients: $tps tps, p50 $p50 ms, p99 $p99 ms"
    done
}

# --- 2. the app under HTTP load: 1 and 2 instances on the one database --------------------------------------------
# load_rows <label> <kind> <jvm options> <app arguments>
load_rows() {
    local label=$1 kind=$2 jvm=$3 args=$4
    for instances in $INSTANCES; do
        local pids=() ports=()
        for i in $(seq "$instances"); do
            local port; port=$(free_port)
            launch "$WORK/app-$i.log" "$port" "$kind" "$jvm" "$args"
            pids+=("$LAUNCHED")
            ports+=("$port")
        done
        for i in "${!pids[@]}"; do
            await_ready "${pids[$i]}" "${ports[$i]}" 600 || { cat "$WORK/app-$((i + 1)).log" >&2; die "$label did not get ready"; }
        done
        export BENCH_PORTS="${ports[*]}"
        timeout $((WARMUP + 30)) wrk -t2 -c32 -d"${WARMUP}s" -s "$BENCH/src/replicas.lua" "http://127.0.0.1:${ports[0]}/" >/dev/null
        for connections in $CONNECTIONS; do
            sql "VACUUM visit_counter" >/dev/null
            local before_count before_pg before_app=0 app_ticks=0
            before_count=$(sql "SELECT visits FROM visit_counter")
            before_pg=$(postgres_ticks)
            for pid in "${pids[@]}"; do before_app=$((before_app + $(cpu_ticks "$pid"))); done
            local output
            output=$( { time -p timeout $((DURATION + 30)) wrk -t2 -c"$connections" -d"${DURATION}s" --latency \
                -s "$BENCH/src/replicas.lua" "http://127.0.0.1:${ports[0]}/"; } 2>&1)
            for pid in "${pids[@]}"; do app_ticks=$((app_ticks + $(cpu_ticks "$pid"))); done
            app_ticks=$((app_ticks - before_app))
            local pg_ticks=$(($(postgres_ticks) - before_pg))
            local count=$(($(sql "SELECT visits FROM visit_counter") - before_count))
            local requests non2xx rps p50 p99 user sys ok gen_ticks
            requests=$(awk '/requests in/{print $1}' <<<"$output")
            non2xx=$(awk '/Non-2xx or 3xx responses/{print $NF}' <<<"$output"); non2xx=${non2xx:-0}
            rps=$(awk '/^Requests\/sec/{printf "%.0f", $2}' <<<"$output")
            p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$output")")
            p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$output")")
            user=$(awk '/^user /{print $2}' <<<"$output"); sys=$(awk '/^sys /{print $2}' <<<"$output")
            gen_ticks=$(awk -v u="$user" -v s="$sys" -v hz="$TICKS" 'BEGIN { printf "%d", (u + s) * hz }')
            ok=$((requests - non2xx))
            local rss="" parts=""
            for pid in "${pids[@]}"; do
                rss+="$(awk '/VmHWM/{printf "%.0f", $2 / 1024}' "/proc/$pid/status") "
                # What the resident memory is made of now: anonymous (heap, metaspace, code, stacks, malloc) and
                # mapped files (the jars, the class data sharing archive), which the kernel can drop and read again.
                parts+="$(awk '/RssAnon/{a = $2} /RssFile/{f = $2} END {printf "anon %.0f + file %.0f", a / 1024, f / 1024}' "/proc/$pid/status"); "
            done
            row " $label, $instances inst. " " $connections " " $rps " " $p50 " " $p99 " " $(ms_per "$app_ticks" "$ok") " \
                " $(ms_per "$pg_ticks" "$ok") " " $(ms_per "$gen_ticks" "$ok") " " $ok " " $count " \
                " $((ok > count ? ok - count : 0)) " " ${rss% } "
            log "$label, $instances instance(s), $connections connections: $rps req/s, p50 $p50 ms, p99 $p99 ms, RSS ${rss% } MiB (now: ${parts%; } MiB)"
        done
        for pid in "${pids[@]}"; do stop_app "$pid"; done
    done
}

# --- 3. start to ready ------------------------------------------------------------------------------------------------
# startup_row <label> <kind> <jvm options> <app arguments>
startup_row() {
    local label=$1 kind=$2 jvm=$3 args=$4 times=() cpus=()
    resolve "$kind" # an image's replay (layers, training run) is its build, not its start: before the clock runs
    for _ in $(seq "$STARTS"); do
        local port start pid
        port=$(free_port)
        start=$(now_ms)
        launch "$WORK/start.log" "$port" "$kind" "$jvm" "$args"
        pid=$LAUNCHED
        await_ready "$pid" "$port" 600 || { cat "$WORK/start.log" >&2; die "$label did not get ready"; }
        times+=($(($(now_ms) - start)))
        # CPU time the JVM spent until ready: on a shared machine this varies far less than the wall-clock time.
        cpus+=($(($(cpu_ticks "$pid") * 1000 / TICKS)))
        stop_app "$pid"
    done
    local median cpu
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    echo "| $label | $median | $cpu | ${times[*]} |" >>"$WORK/startup.md"
    log "start to ready, $label: median $median ms, CPU $cpu ms (${times[*]})"
}

# --- the run -------------------------------------------------------------------------------------------------------
# Variants: one per line, "label;kind;jvm options;app arguments", kind = image or jar:<path>. "pod" as the JVM
# options stands for the Deployment's JDK_JAVA_OPTIONS. Default: the image as k8s:build makes it, as the pod runs it.
if [[ -n "${BENCH_VARIANTS:-}" ]]; then
    mapfile -t VARIANTS < <(grep -v '^#' "$BENCH_VARIANTS" | grep -v '^$')
elif [[ -f "$DOCKERFILE" ]]; then
    VARIANTS=("final (image);image;pod;")
else
    VARIANTS=("final (jar);jar:$FINAL_JAR;pod;")
fi
if [[ -n "${BENCH_STARTUP_VARIANTS:-}" ]]; then
    mapfile -t STARTUP_VARIANTS < <(grep -v '^#' "$BENCH_STARTUP_VARIANTS" | grep -v '^$')
else
    STARTUP_VARIANTS=("final, plain fat jar;jar:$FINAL_JAR;pod;")
    [[ -f "$DOCKERFILE" ]] && STARTUP_VARIANTS+=("final, the image (extracted layers + CDS archive);image;pod;")
    STARTUP_VARIANTS+=("step 01, plain fat jar (yardstick);jar:$STEP01_JAR;pod;")
fi
jvm_options() { [[ "$1" == pod ]] && echo "$POD_JAVA_OPTIONS" || echo "$1"; }

echo "| start-up row | start to ready, median ms | JVM CPU until ready, median ms | all starts ms |" >"$WORK/startup.md"
echo "|---|---:|---:|---|" >>"$WORK/startup.md"

if [[ " $PARTS " == *" load "* ]]; then
    for variant in "${VARIANTS[@]}"; do
        IFS=';' read -r label kind jvm args <<<"$variant"
        log "load: $label"
        load_rows "$label" "$kind" "$(jvm_options "$jvm")" "$args"
    done
fi
[[ " $PARTS " == *" pgbench "* ]] && pgbench_rows
if [[ " $PARTS " == *" startup "* ]]; then
    for variant in "${STARTUP_VARIANTS[@]}"; do
        IFS=';' read -r label kind jvm args <<<"$variant"
        startup_row "$label" "$kind" "$(jvm_options "$jvm")" "$args"
    done
fi

{
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "$(java -version 2>&1 | head -1); PostgreSQL $(sql 'SHOW server_version') (fsync $(sql 'SHOW fsync'), synchronous_commit $(sql 'SHOW synchronous_commit')); wrk -t2, ${DURATION} s per run after ${WARMUP} s warm-up; pgbench -M prepared -T ${DURATION}."
    echo "Pod limits read from the Deployment: memory ${MEMORY_LIMIT}Mi, cpu ${CPU_LIMIT} -> JVM options: $CONTAINER_OPTIONS; JDK_JAVA_OPTIONS: ${POD_JAVA_OPTIONS:-(none)}."
    echo "The load generator, PostgreSQL and the app share the same cores."
} >"$WORK/machine.md"

echo
cat "$TABLE"
echo
cat "$WORK/startup.md"
echo
cat "$WORK/machine.md"
