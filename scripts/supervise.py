"""Run a command and start it again when it stops; give up only when it keeps crashing.

    python scripts/supervise.py --name "action server" -- .venv/bin/rasa run actions ...

scripts/run.sh runs the action server under it: the action server holds no state, so a crash
should cost a few seconds, not the whole bot (the Rasa server keeps answering "temporarily
unavailable" meanwhile, channels/unavailable.py). Each restart is logged on stderr:

    action server stopped (exit 1); restarting in 2 s

The waits double from --first-delay (1 s, 2 s, 4 s ...) up to --max-delay. When the command stops
more than --max-crashes times within --window seconds, it gives up with a clear message and
exits 1 (run.sh then stops everything). SIGTERM / SIGINT stop the command and exit 0.
"""
from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from collections import deque
from typing import Callable, List, Optional


def describe(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit {returncode}"


class Supervisor:
    def __init__(self, command: List[str], name: str = "the command", first_delay: float = 1.0,
                 max_delay: float = 30.0, max_crashes: int = 5, window: float = 60.0,
                 log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)):
        self.command = command
        self.name = name
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.max_crashes = max_crashes
        self.window = window
        self.log = log
        self.child: Optional[subprocess.Popen] = None
        self.stopping = False

    def stop(self, *_signal) -> None:
        """Stop the command and do not start it again (safe in a signal handler)."""
        self.stopping = True
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()

    def run(self) -> int:
        """Run the command until stop() (0) or until it crashed too often (1)."""
        crashes: deque = deque()
        while True:
            try:
                self.child = subprocess.Popen(self.command)
            except OSError as error:
                self.log(f"{self.name}: cannot start {self.command[0]!r}: {error}; giving up")
                return 1
            if self.stopping:
                self.child.terminate()
            returncode = self.child.wait()
            if self.stopping:
                return 0
            now = time.monotonic()
            crashes.append(now)
            while crashes and crashes[0] < now - self.window:
                crashes.popleft()
            if len(crashes) > self.max_crashes:
                self.log(f"{self.name} stopped ({describe(returncode)}), {len(crashes)} times in the last "
                         f"{self.window:g} s; giving up. See the messages above for why it stops.")
                return 1
            delay = min(self.first_delay * 2 ** (len(crashes) - 1), self.max_delay)
            self.log(f"{self.name} stopped ({describe(returncode)}); restarting in {delay:g} s")
            deadline = time.monotonic() + delay
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(max(0.0, min(0.1, deadline - time.monotonic())))
            if self.stopping:
                return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", default="the command", help="how the log lines name it")
    parser.add_argument("--first-delay", type=float, default=1.0, help="seconds before the first restart (1)")
    parser.add_argument("--max-delay", type=float, default=30.0, help="longest wait between restarts (30)")
    parser.add_argument("--max-crashes", type=int, default=5, help="give up when it stops more often than this ... (5)")
    parser.add_argument("--window", type=float, default=60.0, help="... within this many seconds (60)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- the command and its arguments")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    supervisor = Supervisor(command, args.name, args.first_delay, args.max_delay, args.max_crashes, args.window)
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    return supervisor.run()


if __name__ == "__main__":
    sys.exit(main())
