#!/bin/sh
# generate -> match_bench -> evaluate, for the person matcher (issue 3).
#   bench/persons/run_match_bench.sh [records] [queries] [seed] [profile]
# profile: standard (default, the tuning set) or independent (the test set that is never used
# while tuning, only for reporting: bench/persons/README.md; seed 7 is the one to report).
# Uses DATABASE_URL when set (PostgreSQL), else a throwaway SQLite file in the output dir.
set -eu
RECORDS=${1:-100000}
QUERIES=${2:-10000}
SEED=${3:-42}
PROFILE=${4:-standard}
case "$PROFILE" in
standard) OUT=bench/out/persons-${RECORDS}-${SEED} ;; # the name from before profiles: old runs stay valid
independent) OUT=bench/out/persons-${RECORDS}-${SEED}-${PROFILE} ;;
*)
    echo "unknown profile: $PROFILE (standard or independent)" >&2
    exit 2
    ;;
esac
PY=.venv/bin/python
mkdir -p "$OUT"
[ -f "$OUT/registry.csv" ] || $PY -m bench.persons.generate --records "$RECORDS" --queries "$QUERIES" \
    --absent-share 0.3 --seed "$SEED" --profile "$PROFILE" --out-dir "$OUT" --dedup-records 50000
# A bench database with made-up data: the development key is fine, DEBUG stays off.
export VANGNET_ALLOW_INSECURE_KEY=1
export VANGNET_ALLOW_CONSOLE_EMAIL=1  # a bench run sends no e-mail
# MATCH_ARGS=--hand-weights runs the untrained matcher on the same data (for comparison).
MATCH_ARGS=${MATCH_ARGS:-}
TAG=$( [ -n "$MATCH_ARGS" ] && echo "-hand" || true )
export DATABASE_URL="${DATABASE_URL:-sqlite:///$PWD/$OUT/bench.sqlite3}"
$PY manage.py migrate -v0
# shellcheck disable=SC2086
$PY manage.py match_bench --registry "$OUT/registry.csv" --queries "$OUT/queries.csv" --out "$OUT/results$TAG.jsonl" \
    --model-out "$OUT/model$TAG.json" $MATCH_ARGS
$PY -m bench.persons.evaluate --results "$OUT/results$TAG.jsonl" --truth "$OUT/truth.csv" --meta "$OUT/query_meta.csv" \
    --queries "$OUT/queries.csv"
# shellcheck disable=SC2086
$PY manage.py match_dedup --registry "$OUT/dedup_registry.csv" --out "$OUT/pairs$TAG.csv" $MATCH_ARGS
$PY -m bench.persons.evaluate_dedup --pairs "$OUT/pairs$TAG.csv" --truth "$OUT/dedup_truth.csv"
