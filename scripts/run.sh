#!/usr/bin/env bash
# Start the action server and the Rasa server (REST + socket.io channels, HTTP API behind a
# token) and stop both cleanly on Ctrl-C / SIGTERM. Works without a terminal (stdin closed).
#   RASA_HOST (127.0.0.1; 0.0.0.0 to serve other machines, see deploy/README.md), RASA_PORT (5005), ACTION_PORT (5055), RASA_API_TOKEN (default: generated into .secrets/api-token),
#   RASA_MODEL (models/symptom-checker.tar.gz), WEB_HOST (127.0.0.1), WEB_PORT (8080) for the web chat page,
#   CORS_ORIGINS (http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT; never "*")
set -uo pipefail
cd "$(dirname "$0")/.."
export RASA_PORT="${RASA_PORT:-5005}" ACTION_PORT="${ACTION_PORT:-5055}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONWARNINGS=ignore TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
MODEL="${RASA_MODEL:-models/symptom-checker.tar.gz}"
export WEB_PORT="${WEB_PORT:-8080}"
CORS_ORIGINS="${CORS_ORIGINS:-http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT}"

if [ -z "${RASA_API_TOKEN:-}" ]; then
  mkdir -p .secrets && chmod 700 .secrets
  if [ ! -s .secrets/api-token ]; then
    .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))' > .secrets/api-token
    chmod 600 .secrets/api-token
  fi
  RASA_API_TOKEN="$(cat .secrets/api-token)"
  token_note="the HTTP API token is in .secrets/api-token"
else
  token_note="the HTTP API token is the one in RASA_API_TOKEN"
fi

pids=()
stop() {
  trap - INT TERM
  echo "stopping servers..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  wait
  exit "${1:-0}"
}
trap 'stop 0' INT TERM

# credentials.yml plus each messaging channel whose variables are set (README: Messaging channels)
.venv/bin/python scripts/credentials.py --out .secrets/credentials.yml || exit 1
# the action server answers the Rasa server only: bound to localhost unless ACTION_HOST says otherwise
# keep-alive longer than the Rasa server's HTTP client keeps idle connections (aiohttp: 15 s), or
# under load Rasa reuses a connection the action server is closing and the turn fails.
# It holds no state: when it stops, scripts/supervise.py starts it again (after 1 s, 2 s, 4 s ...)
# while the Rasa server answers "temporarily unavailable"; it gives up (and everything stops)
# only when the action server stops more than 5 times in a minute.
# (scripts/rasa_quiet.py and scripts/rasa_server.py leave out the libraries' deprecation warnings)
echo "Starting the action server and the Rasa server (loading the model takes about 30 s)..."
SANIC_HOST="${ACTION_HOST:-127.0.0.1}" SANIC_KEEP_ALIVE_TIMEOUT=75 .venv/bin/python scripts/supervise.py --name "action server" -- \
  .venv/bin/python scripts/rasa_quiet.py run actions --port "$ACTION_PORT" --actions actions < /dev/null &
pids+=($!)
# shellcheck disable=SC2086
# logs carry no message text unless LOG_MESSAGES=1 (Rasa's debug level, which logs every text)
debug=()
if [ "${LOG_MESSAGES:-0}" = "1" ]; then
  echo "WARNING: LOG_MESSAGES=1: the logs will contain what people type about their health. Use it only to debug." >&2
  debug=(--debug)
fi
# `rasa run`, with the API token passed in the environment: never on the command line, where `ps` shows it
RASA_API_TOKEN="$RASA_API_TOKEN" .venv/bin/python scripts/rasa_server.py --model "$MODEL" --port "$RASA_PORT" \
  --endpoints endpoints.yml --credentials .secrets/credentials.yml --enable-api --interface "${RASA_HOST:-127.0.0.1}" \
  --cors $CORS_ORIGINS "${debug[@]}" < /dev/null &
pids+=($!)
# the web chat page (web/), bound to WEB_HOST (127.0.0.1) unless told otherwise
.venv/bin/python scripts/web_server.py < /dev/null &
pids+=($!)

# The Rasa server is up with its model: /status answers, given the API token. The token reaches
# curl as a config file on its standard input (printf is a shell builtin), never on a command
# line, where `ps` would show it to every local user.
rasa_ready() {
  printf 'url = "http://127.0.0.1:%s/status?token=%s"\n' "$RASA_PORT" "$RASA_API_TOKEN" | curl -fsS --config - >/dev/null 2>&1
}

for _ in $(seq 1 180); do
  if rasa_ready && curl -fsS "http://127.0.0.1:$ACTION_PORT/health" >/dev/null 2>&1; then
    cat <<MSG

The back-bump symptom checker is ready.
  Talk to it:   curl -s -X POST http://localhost:$RASA_PORT/webhooks/rest/webhook \\
                  -H 'Content-Type: application/json' -d '{"sender": "me", "message": "itchy red bumps on my back"}'
  Web chat:     http://localhost:$WEB_PORT/   (open it in a browser)
  Health:       http://localhost:$RASA_PORT/   (API: /status?token=..., $token_note)
  Stop:         Ctrl-C (or SIGTERM)
MSG
    break
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "a server exited during start-up; see the messages above" >&2; stop 1; }
  done
  sleep 1
done

wait -n "${pids[@]}"
echo "a server stopped unexpectedly; stopping the others" >&2
stop 1
