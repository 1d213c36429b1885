"""The start-up scripts (scripts/*.sh) never put the HTTP API token on a command line: `ps` and
/proc/<pid>/cmdline show every process's command line to every local user."""
from __future__ import annotations

import re
import subprocess
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "scripts").glob("*.sh"))
# what may come before a command's name: VAR=value (its environment) and the shell's own words
NOT_THE_COMMAND = re.compile(r"^(\w+=.*|if|then|elif|else|while|until|do|!|exec|command)$")


def commands(script: Path):
    """The script's lines, with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", script.read_text())
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_curl_or_wget_gets_the_token_as_an_argument(script):
    for line in commands(script):
        for command in re.split(r"\|\|?|&&|;|\$\(|`", line):  # each simple command of the line
            words = [w for w in command.split() if not NOT_THE_COMMAND.match(w)]
            if words and re.search(r"(^|/)(curl|wget)$", words[0]):
                assert not re.search(r"\$\{?(RASA_API_TOKEN|token)\b", command, re.IGNORECASE), \
                    f"{script.name}: the token is on a command line: {command.strip()}"


def _cmdlines_with(secret: str):
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().decode(errors="replace")
        except OSError:
            continue
        if secret in text:
            found.append(text.replace("\0", " "))
    return found


@pytest.fixture
def fake_rasa():
    """A stand-in for the Rasa server's /status: it looks at every process's command line while
    a request is being made (the client is still running then)."""
    seen = {"tokens": [], "leaks": []}

    class Status(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            url = urlparse(self.path)
            token = parse_qs(url.query).get("token", [""])[0]
            seen["tokens"].append(token)
            seen["leaks"] += _cmdlines_with(seen["secret"])
            ok = url.path == "/status" and token == seen["secret"]
            self.send_response(200 if ok else 401)
            self.end_headers()
            self.wfile.write(b'{"model_file": "m.tar.gz"}' if ok else b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Status)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    seen["port"] = server.server_address[1]
    seen["secret"] = f"secret-{uuid.uuid4().hex}"
    yield seen
    server.shutdown()


def _rasa_ready(port: int, token: str) -> int:
    """Run run.sh's own `rasa_ready` function (the start-up wait's check) on its own."""
    function = re.search(r"^rasa_ready\(\) \{\n.*?^\}$", (ROOT / "scripts" / "run.sh").read_text(), re.M | re.S)
    assert function, "scripts/run.sh defines no rasa_ready() function"
    return subprocess.run(["bash", "-c", function.group(0) + "\nrasa_ready"], timeout=30,
                          env={"PATH": "/usr/bin:/bin", "RASA_PORT": str(port), "RASA_API_TOKEN": token}).returncode


def test_waiting_for_the_rasa_server_keeps_the_token_off_every_command_line(fake_rasa):
    assert _rasa_ready(fake_rasa["port"], fake_rasa["secret"]) == 0
    assert fake_rasa["tokens"] == [fake_rasa["secret"]], "the check did not send the token"
    assert fake_rasa["leaks"] == [], f"the token was on a command line: {fake_rasa['leaks']}"


def test_waiting_for_the_rasa_server_fails_with_a_wrong_token(fake_rasa):
    assert _rasa_ready(fake_rasa["port"], "wrong") != 0
