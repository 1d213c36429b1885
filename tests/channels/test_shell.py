"""The Rasa shell as `make shell` starts it (scripts/shell.sh: the action server, then `rasa
shell`), driven through a pseudo-terminal as a person would: type a description, pick a
button with the arrow keys, choose "Type out your own message..." and answer in words, read
the assessment, then /stop. Python's pty module only (no pexpect)."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from symptomchecker.interview import MAX_INTERVIEW
from tests.servers import free_port, listening_addresses

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "symptom-checker.tar.gz"
pytestmark = pytest.mark.servers

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>78])")
DOWN, UP, ENTER = "\x1b[B", "\x1b[A", "\r"
FREE_TEXT = "Type out your own message..."


class Terminal:
    """A process on a pseudo-terminal: what it has printed (escape codes removed), and keys."""

    def __init__(self, command, env, cwd):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 220, 0, 0))
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.screen = ""  # everything printed so far, without escape codes
        self.mark = 0  # where the next expect() starts looking

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the process closed the terminal
                data = b""
            self.screen += ANSI.sub("", data.decode("utf-8", "replace")).replace("\r", "")

    def expect(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.time() + timeout
        while True:
            found = re.compile(pattern).search(self.screen, self.mark)
            if found:
                self.mark = found.end()
                return found
            if time.time() > deadline or self.process.poll() is not None and not self._pending():
                raise AssertionError(f"did not see {pattern!r} in {timeout:.0f} s; the terminal showed:\n"
                                     f"{self.screen[-3000:]}")
            self.read(0.2)

    def _pending(self) -> bool:
        return bool(select.select([self.master], [], [], 0)[0])

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())
        time.sleep(0.3)  # let prompt_toolkit take each key on its own

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


@pytest.fixture
def shell():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it)")
    env = dict(os.environ, ACTION_PORT=str(free_port()), RASA_PORT=str(free_port()), TERM="xterm-256color",
               PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="220", LINES="60", RASA_TELEMETRY_ENABLED="false")
    terminal = Terminal(["scripts/shell.sh"], env=env, cwd=ROOT)
    terminal.rasa_port = int(env["RASA_PORT"])
    yield terminal
    terminal.close()


def answer_in_words(shell: Terminal, question: str) -> None:
    """Pick "Type out your own message..." (the last choice: Up from the first wraps to it), type."""
    shell.type(UP)
    shell.type(ENTER)
    shell.expect(r"Your input ->", 30)
    text = question.lower()
    words = "about three weeks" if "how long" in text else "I'm 34" if "how old" in text else "not sure"
    shell.type(words + ENTER)
    shell.expect(re.escape(words), 10)


def test_shell_interview_to_the_assessment(shell):
    shell.expect(r"Your input ->", 120)  # the action server, then the model: about 20-30 s
    # the shell's channel is Rasa's REST channel underneath: nobody else on the network may post into it
    assert f"Starting Rasa server on http://127.0.0.1:{shell.rasa_port}" in shell.screen
    assert set(listening_addresses(shell.rasa_port)) == {"0100007F"}, "the shell listens beyond localhost"
    shell.type("itchy red bumps on my lower back, worse at night, my partner itches too" + ENTER)

    # the first question, with its buttons as a menu: "Type out your own message..." and words
    first = shell.expect(r"\? ([^\n?]+\?)", 30).group(1)
    shell.expect(re.escape(FREE_TEXT), 30)
    assert "1: Yes (/affirm)" in shell.screen and "3: Not sure (/unsure)" in shell.screen
    answer_in_words(shell, first)

    # the next ones with the arrow keys (Down + Enter: the second choice), until the assessment
    asked = [first]
    while True:
        seen = shell.expect(r"Most likely causes|The closest I know|\? ([^\n?]+\?)", 60)
        if seen.group(1) is None:  # the assessment's ranked causes
            break
        if seen.group(1) == asked[-1]:  # the same menu drawn again (keys, or the answer picked)
            continue
        asked.append(seen.group(1))
        # the interview's own limit (red-flag screens included); answering "no" to "which is closest?"
        # picks "a lump under the skin", whose growth, hardness and size are then screened
        assert len(asked) <= MAX_INTERVIEW, f"no assessment after {asked}"
        shell.expect(re.escape(FREE_TEXT), 30)
        shell.type(DOWN)
        shell.type(ENTER)
    assert "Most likely causes" in shell.screen or "The closest I know" in shell.screen
    assert "not a diagnosis" in shell.expect(r"not a diagnosis", 30).group(0)

    shell.expect(r"Your input ->", 30)
    shell.type("/stop" + ENTER)
    deadline = time.time() + 30
    while shell.process.poll() is None and time.time() < deadline:
        shell.read(0.5)
    assert shell.process.poll() is not None, "the shell did not stop on /stop"
