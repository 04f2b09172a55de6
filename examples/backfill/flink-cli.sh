# What savepoint-backfill.sh reads from the output of the flink command line; sourced by it, and by
# the examples' tests (SavepointBackfillScriptTest) with sample outputs.

# submitted_job_id FILE: the job id from the line "Job has been submitted with JobID <id>" that
# `flink run -d` prints. Only that line: the first 32-hex run of the output can be something else,
# such as a 40-digit commit hash in the path of a CI workspace that flink run echoes.
submitted_job_id() {
    sed -n 's/^Job has been submitted with JobID \([0-9a-f]\{32\}\)[[:space:]]*$/\1/p' "$1" \
        | head -n 1
}
