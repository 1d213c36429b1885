"""`rasa run`, with the HTTP API token taken from the environment instead of the command line.

`rasa run --auth-token TOKEN` puts the token in the process's command line, which every local
user can read (`ps`, /proc/<pid>/cmdline). This wrapper reads RASA_API_TOKEN from the
environment (readable only by the same user) and hands it to Rasa inside the process:

    RASA_API_TOKEN=... python scripts/rasa_server.py --model ... --enable-api --port 5005 ...

Every other option is `rasa run`'s. Without RASA_API_TOKEN it refuses to enable the API.
"""
import os
import sys

from rasa.__main__ import main

if __name__ == "__main__":
    options = sys.argv[1:]
    if "--auth-token" in options or "--jwt-secret" in options:
        sys.exit("rasa_server.py: pass the token in RASA_API_TOKEN, not on the command line")
    token = os.environ.get("RASA_API_TOKEN", "")
    if "--enable-api" in options and not token:
        sys.exit("rasa_server.py: --enable-api needs RASA_API_TOKEN (the HTTP API is never open without one)")
    sys.argv = ["rasa", "run", *options] + (["--auth-token", token] if token else [])
    main()
