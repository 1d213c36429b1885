#!/usr/bin/env bash
# The system programs the project needs, checked (and installed where possible) before anything else.
#   scripts/system_deps.sh run    what `make run` needs: python3.10 (with venv) and curl
#   scripts/system_deps.sh test   and what `make test` needs: the PostgreSQL server binaries
#                                 (initdb, pg_ctl), redis-server and chromium
# The tests start throwaway PostgreSQL and Redis servers of their own from these binaries
# (tests/services.py); a server already running on the machine is never used.
# Missing programs are installed with apt-get when it is there and we are root or have sudo;
# whatever is still missing is listed in one message, and the script exits 1.
set -uo pipefail
mode="${1:-test}"
case "$mode" in run|test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

have_python() { command -v python3.10 >/dev/null 2>&1 && python3.10 -c 'import venv, ensurepip' >/dev/null 2>&1; }
have_postgres() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then return 0; fi
  local dir
  for dir in /usr/lib/postgresql/*/bin /opt/homebrew/opt/postgresql@*/bin /usr/local/opt/postgresql@*/bin; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && return 0
  done
  return 1
}
have_chromium() { [[ -n "${CHROMIUM:-}" && -x "${CHROMIUM:-}" ]] || command -v chromium >/dev/null 2>&1; }

# name | check | Debian/Ubuntu packages | how else to get it
programs=(
  "python3.10 (with venv; Rasa 3.6 does not support 3.11+)|have_python|python3.10 python3.10-venv|macOS: brew install python@3.10; or pyenv install 3.10.13 (the project's .python-version selects it)"
  "curl|command -v curl|curl|macOS: brew install curl"
)
if [[ "$mode" == test ]]; then  # TEST_DATABASE_URL / TEST_REDIS_URL name servers: no throwaway one needed
  [[ -n "${TEST_DATABASE_URL:-}" ]] || programs+=(
    "PostgreSQL server binaries (initdb, pg_ctl), for the tests' throwaway database|have_postgres|postgresql|macOS: brew install postgresql@15")
  [[ -n "${TEST_REDIS_URL:-}" ]] || programs+=(
    "redis-server, for the tests' throwaway Redis|command -v redis-server|redis-server|macOS: brew install redis")
  programs+=(
    "chromium, for the browser tests (tests/web)|have_chromium|chromium|macOS: brew install --cask chromium, then export CHROMIUM=/Applications/Chromium.app/Contents/MacOS/Chromium")
fi

missing() {  # prints the entries of `programs` whose check fails
  local entry check
  for entry in "${programs[@]}"; do
    IFS='|' read -r _ check _ _ <<<"$entry"
    $check >/dev/null 2>&1 || printf '%s\n' "$entry"
  done
}

mapfile -t absent < <(missing)
why_not=""
if ((${#absent[@]})); then
  sudo=()
  if ! command -v apt-get >/dev/null 2>&1; then
    why_not="apt-get is not available"
  elif [[ $EUID -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else why_not="not root and no sudo"; fi
  fi
  if [[ -z "$why_not" ]]; then
    packages=()
    for entry in "${absent[@]}"; do IFS='|' read -r _ _ debs _ <<<"$entry"; packages+=($debs); done
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-cache show "${packages[@]}" >/dev/null 2>&1; then "${sudo[@]}" apt-get update -qq; fi
    known=()
    for package in "${packages[@]}"; do apt-cache show "$package" >/dev/null 2>&1 && known+=("$package"); done
    if ((${#known[@]})); then
      echo "system_deps.sh: installing with apt-get: ${known[*]}"
      "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${known[@]}" || why_not="apt-get install failed"
    fi
    mapfile -t absent < <(missing)
    [[ -n "$why_not" ]] || why_not="apt-get has no package for them"
  fi
fi

if [[ "$mode" == test && -z "${TEST_DATABASE_URL:-}" && $EUID -eq 0 ]] && have_postgres \
   && ! getent passwd postgres >/dev/null 2>&1; then
  absent+=("a 'postgres' user: PostgreSQL refuses to run as root, and the tests run their throwaway server as this user|false|-|run the tests as an ordinary user, or: useradd --system --home-dir /var/lib/postgresql postgres")
fi

if ((${#absent[@]})); then
  {
    echo "error: missing system programs${why_not:+ (not installed automatically: $why_not)}:"
    for entry in "${absent[@]}"; do
      IFS='|' read -r name _ debs other <<<"$entry"
      if [[ "$debs" == - ]]; then echo "  - $name; $other"
      else echo "  - $name; Debian/Ubuntu: apt-get install $debs; $other"; fi
    done
    echo "Install them, then run the make command again."
    [[ "$mode" == run ]] || echo "(make run and make test-fast need only python3.10 and curl.)"
  } >&2
  exit 1
fi
