#!/usr/bin/env bash
# The seeded chaos loop at scale (docs/operations.md, "Chaos testing"): runs
# KinesisVideoFragmentSourceChaosITCase with fresh random seeds until at least CHAOS_POINTS
# failure points (default 100) were injected, CHAOS_POINTS_PER_RUN per seed (default 26, split
# between the backfill and the tail run), and prints one line per seed and a summary. A failing
# seed is printed with the command that replays it. Exit status: 0 when every seed passed.
# Logs: target/chaos-loop/seed<seed>.log. Takes about 2 to 3 minutes per seed on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

total_points=${CHAOS_POINTS:-100}
per_run=${CHAOS_POINTS_PER_RUN:-26}
logs=target/chaos-loop
mkdir -p "$logs"

start=$(date +%s)
points=0
seeds=0
failed=()
while [ "$points" -lt "$total_points" ]; do
  seed=$(od -An -N8 -td8 /dev/urandom | tr -d ' ')
  run_start=$(date +%s)
  log="$logs/seed$seed.log"
  if mvn -B -ntp -q -pl src -am test -Dtest=KinesisVideoFragmentSourceChaosITCase \
      -Dsurefire.failIfNoSpecifiedTests=false \
      -Dchaos.seed="$seed" -Dchaos.points="$per_run" >"$log" 2>&1; then
    outcome=passed
  else
    outcome=FAILED
    failed+=("$seed")
  fi
  # Points that were really injected, from the test's CHAOS lines (a failed run may have fewer).
  injected=$( (grep -o '^CHAOS .* injected=[0-9]*' "$log" || true) | sed 's/.*injected=//' \
    | awk '{s += $1} END {print s + 0}')
  # A failed run counts as a full one, so that a loop of failures still ends.
  if [ "$outcome" = passed ]; then
    [ "$injected" -gt 0 ] || { echo "seed $seed passed without CHAOS lines: see $log" >&2; exit 1; }
    points=$(( points + injected ))
  else
    points=$(( points + per_run ))
  fi
  seeds=$(( seeds + 1 ))
  echo "seed $seed: $outcome, $injected points injected, $(( $(date +%s) - run_start )) s"
  grep '^CHAOS ' "$log" | sed 's/^/    /' || true
done

echo "chaos loop: $seeds seeds, $points points, ${#failed[@]} seeds failed, $(( $(date +%s) - start )) s"
for seed in ${failed[@]+"${failed[@]}"}; do
  echo "  replay: mvn -B -ntp -pl src -am test -Dtest=KinesisVideoFragmentSourceChaosITCase" \
    "-Dsurefire.failIfNoSpecifiedTests=false -Dchaos.seed=$seed -Dchaos.points=$per_run" \
    "(log: $logs/$seed.log)"
done
[ "${#failed[@]}" -eq 0 ]
