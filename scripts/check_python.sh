#!/usr/bin/env bash
# Rasa 3.6 needs Python 3.10 (it does not support 3.11+). Say so clearly when it is missing.
if ! command -v python3.10 >/dev/null 2>&1 || ! python3.10 -c 'import venv' >/dev/null 2>&1; then
  cat >&2 <<'MSG'
error: python3.10 was not found. Rasa 3.6 needs Python 3.10 (3.11 and newer are not supported).
  - with pyenv:   pyenv install 3.10.13   (the project's .python-version selects it)
  - on Debian/Ubuntu: sudo apt-get install python3.10 python3.10-venv
  - on macOS:     brew install python@3.10
Then run the make command again.
MSG
  exit 1
fi
