#!/usr/bin/env bash
# Chat in the terminal: start the action server in the background, then the Rasa shell.
set -uo pipefail
cd "$(dirname "$0")/.."
export ACTION_PORT="${ACTION_PORT:-5055}" RASA_PORT="${RASA_PORT:-5005}" PYTHONWARNINGS=ignore PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" TF_CPP_MIN_LOG_LEVEL=2 \
  SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
echo "Starting the action server, then the Rasa shell (loading the model takes about 30 s)..."
# (scripts/rasa_quiet.py: `rasa ...` without the libraries' deprecation warnings)
SANIC_HOST=127.0.0.1 .venv/bin/python scripts/rasa_quiet.py run actions --port "$ACTION_PORT" --actions actions \
  > .action-server.log 2>&1 < /dev/null &
actions_pid=$!
trap 'kill -TERM $actions_pid 2>/dev/null; wait $actions_pid 2>/dev/null' EXIT
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$ACTION_PORT/health" >/dev/null 2>&1 && break; sleep 1; done
# the shell talks to a Rasa server with the REST channel: bound to localhost (rasa shell's default
# is 0.0.0.0), so nobody else on the network can post into the session
.venv/bin/python scripts/rasa_quiet.py shell --model "${RASA_MODEL:-models/symptom-checker.tar.gz}" --endpoints endpoints.yml \
  --interface 127.0.0.1 --port "$RASA_PORT"
