#!/usr/bin/env bash
# A savepoint-resumed backfill with the fragment-index job (walkthrough: README.md beside this
# script). It starts the KVS emulator as its own process, backfills [START, FIRST_END) and stops
# the job with a savepoint while it runs, resumes it from the savepoint with another parallelism
# and a later end (FINAL_END: the resumed job extends the range), then checks that the index holds
# every fragment of [START, FINAL_END) exactly once against the emulator's ground truth.
#
# Local Flink MiniCluster (default):  examples/backfill/savepoint-backfill.sh
# Standalone cluster:                 FLINK_HOME=/opt/flink examples/backfill/savepoint-backfill.sh \
#                                         --cluster http://127.0.0.1:8081
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: savepoint-backfill.sh [--jar PATH] [--work-dir DIR] [--cluster http://HOST:PORT]
  --jar         the fragment-index jar (default: examples/target/fragment-index.jar)
  --work-dir    where the index, savepoints and logs go (default: ./savepoint-backfill)
  --cluster     a standalone Flink cluster's REST address: the runs go through $FLINK_HOME/bin/flink
                (flink run -d, flink stop --savepointPath, flink run -s); its TaskManagers must
                reach 127.0.0.1 of this machine and have AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
                set to the emulator's key pair (the AWS_* variables below)
Environment: JAVA_HOME (else java on the PATH), FLINK_HOME (with --cluster),
  AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (the emulator's key pair; demo values by default).
USAGE
}

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=flink-cli.sh
. "$here/flink-cli.sh"
jar="$here/../target/fragment-index.jar"
work=./savepoint-backfill
cluster=""
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar=$2; shift 2 ;;
        --work-dir) work=$2; shift 2 ;;
        --cluster) cluster=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "savepoint-backfill: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

fail() {
    echo "savepoint-backfill: $*" >&2
    exit 1
}

[ -f "$jar" ] || fail "no jar at $jar: build it first (mvn -B -ntp -q package -DskipTests)"
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ -n "$cluster" ]; then
    [ -n "${FLINK_HOME:-}" ] || fail "--cluster needs FLINK_HOME (for \$FLINK_HOME/bin/flink)"
    flink=$FLINK_HOME/bin/flink
    [ -x "$flink" ] || fail "$flink is not executable"
    # The cluster's REST endpoint as Flink options: they win over $FLINK_HOME/conf.
    address=${cluster#*://}
    address=${address%%/*}
    port=8081
    case "$address" in *:*) port=${address##*:}; address=${address%:*} ;; esac
    target=(-t remote -D "rest.address=$address" -D "rest.port=$port")
fi

# The range: the first run is asked for [START, FIRST_END), the resumed run for [START, FINAL_END).
START=2026-01-01T00:00:00Z
FIRST_END=2026-01-01T12:00:00Z
FINAL_END=2026-01-01T18:00:00Z
# Two synthetic cameras, a day each: the emulator serves them, the verifier recomputes them.
STREAMS=(
    "synthetic:front-door:seed=21,interval=5s,fragments=17280,outages=2,outage-length=20m"
    "synthetic:lobby:seed=22,interval=10s,fragments=8640,outages=1,outage-length=20m"
)
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-AKIABACKFILLDEMO0000}
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-backfill-demo-secret}
export AWS_EC2_METADATA_DISABLED=true

mkdir -p "$work"
work=$(cd "$work" && pwd)
index=$work/index
savepoints=$work/savepoints
rm -rf "$index" "$savepoints" "$work"/*.log
mkdir -p "$savepoints"

# wait_for SECONDS DESCRIPTION COMMAND...: runs COMMAND five times a second until it succeeds.
wait_for() {
    local seconds=$1 what=$2
    shift 2
    for _ in $(seq $((seconds * 5))); do
        if "$@"; then return 0; fi
        sleep 0.2
    done
    fail "timed out after ${seconds}s waiting for $what"
}

# Finished part files of the index (FileSink hides in-progress files behind a leading dot).
finished_files() { find "$index" -type f -name 'fragments-*' 2>/dev/null; }
indexed() { finished_files | xargs -r cat | grep -c . || true; }
has_finished_files() { [ -n "$(finished_files)" ]; }

echo "== 1. The KVS emulator, in its own process, serving two cameras"
stream_args=()
for s in "${STREAMS[@]}"; do stream_args+=(--stream "$s"); done
"$java" -Xmx256m -cp "$jar" dev.kvsflink.connector.kinesisvideo.emulator.EmulatorMain \
    --port 0 --data-port 0 \
    --access-key "$AWS_ACCESS_KEY_ID" --secret-key "$AWS_SECRET_ACCESS_KEY" \
    "${stream_args[@]}" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
job_pid=""
trap 'kill "$emulator_pid" $job_pid 2>/dev/null || true' EXIT
emulator_up() {
    kill -0 "$emulator_pid" 2>/dev/null || fail "the emulator exited: $(cat "$work/emulator.log")"
    grep -q 'control plane:' "$work/emulator.log"
}
wait_for 60 "the emulator" emulator_up
endpoint=$(sed -n 's/^ *control plane: *//p' "$work/emulator.log")
echo "emulator at $endpoint (pid $emulator_pid)"

job_args=(--region us-east-1 --endpoint "$endpoint" --stream front-door --stream lobby
    --start "$START" --output "$index")

echo
echo "== 2. Backfill [$START, $FIRST_END) at parallelism 2, stopped with a savepoint while it runs"
# A slow request budget (a call every 2 s per stream) keeps the first run going long enough to stop it.
first_run=(--end "$FIRST_END" --parallelism 2 --budget-tps 0.5 --window PT10M)
if [ -z "$cluster" ]; then
    # A local run stops with a savepoint on Ctrl-C, or on SIGTERM as here (both run the job's
    # shutdown hook): once the first part files are committed, so that some of the range is in.
    "$java" -jar "$jar" "${job_args[@]}" "${first_run[@]}" --savepoint-dir "$savepoints" \
        > >(tee "$work/run-1.log") 2>&1 &
    job_pid=$!
    first_files() {
        kill -0 "$job_pid" 2>/dev/null || fail "the first run ended before it was stopped"
        has_finished_files
    }
    wait_for 180 "the first committed part files" first_files
    kill -TERM "$job_pid"
    wait "$job_pid" || true # 143: ended by SIGTERM, once the savepoint is complete
    job_pid=""
    stopped() { grep -q '^fragment-index: stopped with savepoint' "$work/run-1.log"; }
    wait_for 10 "the savepoint's path in $work/run-1.log" stopped # tee may still be writing
    savepoint=$(sed -n 's/^fragment-index: stopped with savepoint \(.*\) (resume with.*$/\1/p' \
        "$work/run-1.log")
else
    "$flink" run "${target[@]}" -d "$jar" "${job_args[@]}" "${first_run[@]}" 2>&1 \
        | tee "$work/run-1.log"
    job_id=$(submitted_job_id "$work/run-1.log")
    [ -n "$job_id" ] || fail "flink run printed no 'Job has been submitted with JobID' line"
    wait_for 180 "the first committed part files" has_finished_files
    "$flink" stop "${target[@]}" --savepointPath "file://$savepoints" "$job_id" 2>&1 \
        | tee "$work/run-1-stop.log"
    savepoint=$(sed -n 's/^Savepoint completed\. Path: *//p' "$work/run-1-stop.log")
fi
[ -n "$savepoint" ] || fail "the first run was not stopped with a savepoint (see $work/run-1.log)"
echo "savepoint: $savepoint"
echo "indexed before the savepoint: $(indexed) fragments in $(finished_files | wc -l) files"

echo
echo "== 3. Resume from the savepoint at parallelism 3, with the range extended to $FINAL_END"
second_run=(--end "$FINAL_END" --parallelism 3)
if [ -z "$cluster" ]; then
    "$java" -jar "$jar" "${job_args[@]}" "${second_run[@]}" --from-savepoint "$savepoint" 2>&1 \
        | tee "$work/run-2.log"
else
    "$flink" run "${target[@]}" -s "$savepoint" "$jar" "${job_args[@]}" "${second_run[@]}" 2>&1 \
        | tee "$work/run-2.log"
fi
echo "indexed after the resumed run: $(indexed) fragments in $(finished_files | wc -l) files"

echo
echo "== 4. Every fragment of [$START, $FINAL_END) exactly once? Against the emulator's ground truth"
"$java" -cp "$jar" dev.kvsflink.examples.backfill.BackfillVerifier "${stream_args[@]}" \
    --start "$START" --end "$FINAL_END" --output "$index" 2>&1 | tee "$work/verify.log"
