#!/usr/bin/env bash
# `make eval`: play the vignettes against the real bot and score the NLU.
#   EVAL_URL     use a bot that is already running (default: start one on EVAL_RASA_PORT 5205 /
#                EVAL_ACTION_PORT 5255 and stop it afterwards)
#   EVAL_NLU     extra options for eval/nlu_scores.py (default: --crossval --default)
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore RASA_TELEMETRY_ENABLED=false
mkdir -p eval/results
started=""
if [ -z "${EVAL_URL:-}" ]; then
  port="${EVAL_RASA_PORT:-5205}"
  EVAL_URL="http://127.0.0.1:$port"
  RASA_PORT="$port" ACTION_PORT="${EVAL_ACTION_PORT:-5255}" WEB_PORT="${EVAL_WEB_PORT:-5280}" RASA_API_TOKEN="eval-$RANDOM$RANDOM" \
    setsid scripts/run.sh > eval/results/servers.log 2>&1 < /dev/null &
  started=$!
  trap '[ -n "$started" ] && kill -TERM "$started" 2>/dev/null; wait "$started" 2>/dev/null' EXIT
  for _ in $(seq 1 180); do
    curl -fsS "$EVAL_URL/webhooks/rest/" >/dev/null 2>&1 && curl -fsS "http://127.0.0.1:${EVAL_ACTION_PORT:-5255}/health" >/dev/null 2>&1 && break
    kill -0 "$started" 2>/dev/null || { echo "the bot did not start; see eval/results/servers.log" >&2; exit 1; }
    sleep 1
  done
fi
# every vignette set: eval/vignettes.yml, vignettes_dev.yml and the blind sets in the order of their numbers
sets="vignettes vignettes_dev $(cd eval && ls vignettes_blind*.yml | sort -V | sed 's/\.yml$//' | tr '\n' ' ')"
for set in $sets; do
  echo "== simulated patient: eval/$set.yml"
  .venv/bin/python eval/simulate.py --url "$EVAL_URL" --vignettes "eval/$set.yml" --out "eval/results/$set" || exit $?
done
echo "== every set (the README's table: eval/table.py)"
.venv/bin/python eval/table.py eval/results
echo "== NLU scores"
# shellcheck disable=SC2086
.venv/bin/python eval/nlu_scores.py --out eval/results ${EVAL_NLU:---crossval --default} 2> eval/results/nlu_scores.log
