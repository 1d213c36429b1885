"""Load benchmark (`make bench`): a benchmark, not a test. It never fails on a missed target.

    .venv/bin/python -m bench.bench [--quick] [--skip-baseline] [--reuse-baseline] [--out DIR]

Measures, in one run, on this machine:

- per-turn latency p50 / p95 / p99 (ms) and throughput (turns/s) at 1, 10 and 50 concurrent
  conversations over the REST channel, for
  (a) the embedded default: one Rasa server, SQLite tracker store, in-memory lock store;
  (b) two Rasa replicas on a fresh PostgreSQL database + Redis (db 7), turns round-robin;
  (c) the baseline: Rasa's starter bot (`rasa init`), as `rasa init` makes it;
  with one action server in the loop for each set-up;
- 20 messages sent at once in one conversation (to the replicas in turn): the wall time until
  the last is answered (they are handled one after the other; a lock that checks once a second
  for its next message makes that about 20 s);
- each Rasa server's start-up time to ready (every server started alone), the resident memory
  of every process after the load runs, and the training time of both models;
- the time to make the summary PDF for a doctor of a typical conversation (bench/summary.py, in
  this process, before any server starts): p50 / p95 / max over 50 PDFs (target p95 < 200 ms).

Each simulated conversation is 8 turns with a unique sender id (`bench-<uuid>`). Errors (not
HTTP 200, no reply, a transport error, or the "temporarily unavailable" apology) are counted and
shown, never dropped. The results go to OUT/bench.json and OUT/bench.md (default build/bench/),
and the markdown table is printed at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Deque, Dict, Iterator, List, Optional, Sequence

import aiohttp

from bench import summary as summary_bench
from deploy.cluster import QUIET, ROOT, VENV, Cluster, Server, free_port

POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS_URL = "redis://127.0.0.1:6379/7"
TURNS = 8
TURN_TIMEOUT = 60.0  # seconds; a turn slower than this counts as an error ("timeout")
READY_TIMEOUT = 240.0
# concurrency -> conversations played at that level (each conversation is TURNS turns)
LEVELS = {1: 10, 10: 40, 50: 100}
QUICK_LEVELS = {1: 3, 10: 10, 50: 50}
WARMUP = (2, 4)  # (concurrency, conversations) before the measured levels, per set-up
QUICK_WARMUP = (2, 2)
BURST = 20  # messages sent at once in one conversation
UNAVAILABLE_MARK = "temporarily unavailable"  # channels/unavailable.py's apology
FALLBACK_MARK = "didn't understand"  # utter_fallback

# ---------------------------------------------------------------------------------------------
# Simulated people


OPENINGS = [
    "itchy red bumps on my lower back, worse at night",
    "painful lump on my upper back with pus",
    "rough little bumps on my back and upper arms",
    "small itchy blisters all over my back and I have a fever",
    "red itchy spots on my back since I used the hot tub at the gym",
    "a few bright red dots on my back, like tiny moles, they don't hurt",
    "pimples and blackheads on my back and shoulders for months",
    "a burning painful rash in a band on one side of my back",
]
FOLLOW_UPS = [
    ["what is scabies?", "thanks", "start over"],
    ["is it contagious?", "thank you", "restart"],
    ["what is keratosis pilaris?", "thanks a lot", "start over"],
    ["how is it treated?", "thanks", "let's start over"],
]
STARTER_BOT_SCRIPTS = [  # the starter bot's own intents: greet, mood_unhappy/great, affirm, deny, ...
    ["hi", "I am sad", "yes", "great", "are you a bot?", "hello", "very sad", "bye"],
    ["hello there", "I don't feel very well", "no", "hey", "I am great", "am I talking to a human?", "good morning", "goodbye"],
    ["good evening", "unhappy", "of course", "hi", "perfect", "are you a human?", "hey there", "see you later"],
    ["hey", "super sad", "not really", "hello", "amazing", "are you a bot?", "hi", "bye bye"],
]


def has_assessment(replies: Sequence[Dict[str, Any]]) -> bool:
    return any(isinstance(m.get("custom"), dict) and m["custom"].get("assessment") for m in replies)


class Patient:
    """A person with bumps on the back: an opening, then the first button (even conversations)
    or alternately Yes / No (odd ones); after an assessment, realistic follow-ups and a new
    opening, so that every conversation is exactly TURNS turns."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.opening = index
        self.alternate = index % 2 == 1
        self.say_yes = True
        self.queued: Deque[str] = deque()
        self.assessments = 0
        self.fallbacks = 0

    def first(self) -> str:
        return OPENINGS[self.opening % len(OPENINGS)]

    def next_opening(self) -> str:
        self.opening += 1
        return OPENINGS[self.opening % len(OPENINGS)]

    def answer(self, replies: Optional[List[Dict[str, Any]]]) -> str:
        replies = replies or []
        if any(FALLBACK_MARK in (m.get("text") or "") for m in replies):
            self.fallbacks += 1
        if has_assessment(replies):
            self.assessments += 1
            self.queued = deque(FOLLOW_UPS[(self.index + self.assessments) % len(FOLLOW_UPS)])
            self.queued.append(self.next_opening())
        if self.queued:
            return self.queued.popleft()
        buttons = next((m["buttons"] for m in reversed(replies) if m.get("buttons")), None)
        if buttons:
            payloads = [b.get("payload") or b.get("title") for b in buttons]
            if self.alternate and "/affirm" in payloads and "/deny" in payloads:
                reply = "/affirm" if self.say_yes else "/deny"
                self.say_yes = not self.say_yes
                return reply
            return payloads[0]
        # Neither a question nor an assessment (an answer to a follow-up, a fallback, an error).
        self.queued = deque([self.next_opening()])
        return "start over"


class StarterBotUser:
    """A person talking to `rasa init`'s mood bot: one of a few 8-turn scripts."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.script = STARTER_BOT_SCRIPTS[index % len(STARTER_BOT_SCRIPTS)]
        self.turn = 0
        self.assessments = 0
        self.fallbacks = 0

    def first(self) -> str:
        return self.script[0]

    def answer(self, replies: Optional[List[Dict[str, Any]]]) -> str:
        self.turn += 1
        return self.script[self.turn % len(self.script)]


# ---------------------------------------------------------------------------------------------
# Load generation


@dataclass
class Tally:
    latencies_ms: List[float] = field(default_factory=list)  # successful turns only
    errors: Counter = field(default_factory=Counter)
    turns: int = 0
    conversations: int = 0
    assessments: int = 0
    fallbacks: int = 0
    sample: Optional[List[Dict[str, Any]]] = None  # the first conversation's transcript, for the JSON


async def one_turn(session: aiohttp.ClientSession, url: str, sender: str, text: str, tally: Tally) -> Optional[List[Dict[str, Any]]]:
    """POST one message; record its latency (request sent -> full response read) or its error."""
    tally.turns += 1
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            body = await response.read()
            status = response.status
    except asyncio.TimeoutError:
        tally.errors["timeout"] += 1
        return None
    except aiohttp.ClientError as error:
        tally.errors[type(error).__name__] += 1
        return None
    elapsed_ms = (time.perf_counter() - started) * 1000
    try:
        replies = json.loads(body)
    except ValueError:
        replies = None
    if status != 200:
        tally.errors[f"HTTP {status}"] += 1
    elif not isinstance(replies, list):
        tally.errors["not a JSON list"] += 1
    elif not replies:
        tally.errors["empty reply"] += 1
    elif any(UNAVAILABLE_MARK in (m.get("text") or "") for m in replies if isinstance(m, dict)):
        tally.errors["temporarily unavailable"] += 1
    else:
        tally.latencies_ms.append(elapsed_ms)
        return replies
    return replies if isinstance(replies, list) else None


async def play(session: aiohttp.ClientSession, urls: List[str], person: Any, tally: Tally) -> None:
    """One conversation of TURNS turns; turn t goes to replica (index + t) mod replicas."""
    sender = f"bench-{uuid.uuid4().hex}"
    transcript: Optional[List[Dict[str, Any]]] = None
    if tally.sample is None:
        transcript = tally.sample = []
    text = person.first()
    for turn in range(TURNS):
        url = urls[(person.index + turn) % len(urls)] + "/webhooks/rest/webhook"
        replies = await one_turn(session, url, sender, text, tally)
        if transcript is not None:
            transcript.append({"to": url.split("/webhooks")[0], "user": text, "bot": [
                (m.get("text") or "")[:100] + (" [assessment]" if has_assessment([m]) else "")
                + (f" {[b.get('payload') for b in m['buttons']]}" if m.get("buttons") else "")
                for m in replies or [] if isinstance(m, dict)]})
        if turn < TURNS - 1:
            text = person.answer(replies)
    tally.conversations += 1
    tally.assessments += person.assessments
    tally.fallbacks += person.fallbacks


def percentile(ordered: List[float], q: float) -> Optional[float]:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not ordered:
        return None
    k = (len(ordered) - 1) * q
    low = math.floor(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


async def run_level(urls: List[str], person: Callable[[int], Any], concurrency: int, conversations: int,
                    first_index: int) -> Dict[str, Any]:
    """`conversations` conversations, `concurrency` at a time (closed loop: each of `concurrency`
    workers starts its next conversation as soon as its last one ends)."""
    tally = Tally()
    indices = iter(range(first_index, first_index + conversations))
    # Idle connections are dropped after 3 s, before the servers' (Sanic's) 5 s keep-alive
    # timeout, so that the client never reuses a connection the server is closing.
    connector = aiohttp.TCPConnector(limit=max(2 * concurrency, 20), limit_per_host=0, keepalive_timeout=3)
    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def worker() -> None:
            for index in indices:  # shared iterator: the next free worker takes the next conversation
                await play(session, urls, person(index), tally)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    ordered = sorted(tally.latencies_ms)
    return {
        "concurrency": concurrency,
        "conversations": tally.conversations,
        "turns": tally.turns,
        "ok_turns": len(ordered),
        "wall_s": round(wall, 3),
        "p50_ms": percentile(ordered, 0.50),
        "p95_ms": percentile(ordered, 0.95),
        "p99_ms": percentile(ordered, 0.99),
        "mean_ms": sum(ordered) / len(ordered) if ordered else None,
        "max_ms": ordered[-1] if ordered else None,
        "turns_per_s": tally.turns / wall if wall else None,
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "assessments": tally.assessments,
        "fallbacks": tally.fallbacks,
        "sample_conversation": tally.sample,
    }


async def one_conversation_burst(urls: List[str], person: Callable[[int], Any], messages: int) -> Dict[str, Any]:
    """`messages` messages sent at the same moment in one conversation (to the replicas in turn):
    the wall time until the last one is answered."""
    tally = Tally()
    sender = f"bench-burst-{uuid.uuid4().hex}"
    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), timeout=timeout) as session:
        started = time.perf_counter()
        await asyncio.gather(*(one_turn(session, urls[i % len(urls)] + "/webhooks/rest/webhook", sender,
                                        person(i).first(), tally) for i in range(messages)))
        wall = time.perf_counter() - started
    return {"messages": messages, "wall_s": round(wall, 3), "errors": sum(tally.errors.values()),
            "error_kinds": dict(tally.errors)}


# ---------------------------------------------------------------------------------------------
# Processes, databases, clean-up

RUNNING: List[Server] = []  # every server this run started, stopped in the end whatever happens


@dataclass
class DirServer(Server):
    """A Server started in another folder (the starter bot's project)."""

    cwd: Path = ROOT

    def start(self) -> "DirServer":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            self.command, cwd=self.cwd, env={**os.environ, **QUIET, **self.env}, stdin=subprocess.DEVNULL,
            stdout=self.log.open("a"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        return self


def launch(server: Server) -> float:
    """Start one server and wait until it answers, nothing else starting meanwhile."""
    RUNNING.append(server)
    server.start()
    ready = server.wait_ready(READY_TIMEOUT)
    progress(f"  {server.name} ready after {ready:.1f} s")
    return ready


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Clean-up must not be cut short by a second Ctrl-C."""
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def stop_all() -> None:
    with signals_held():
        while RUNNING:
            server = RUNNING.pop()
            try:
                server.stop()
            except Exception as error:  # keep stopping the others
                progress(f"  could not stop {server.name}: {error}")


@contextlib.contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for this run, dropped afterwards (even on Ctrl-C)."""
    import psycopg2

    name = f"symptomchecker_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(dbname="postgres", connect_timeout=5, **POSTGRES)
    admin.autocommit = True
    try:
        admin.cursor().execute(f"CREATE DATABASE {name}")
        progress(f"  created PostgreSQL database {name}")
        try:
            yield f"postgresql://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{name}"
        finally:
            with signals_held():
                stop_all()  # nothing may hold a connection while the database is dropped
                admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                progress(f"  dropped PostgreSQL database {name}")
    finally:
        admin.close()


def check_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=5).ping()


def timed_run(command: List[str], cwd: Path, env: Dict[str, str], log: Path) -> float:
    """Run a command to completion; its wall time in seconds. Raises with the log's tail."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with log.open("a") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = process.wait()
        finally:
            if process.poll() is None:  # interrupted: do not leave a training behind
                with signals_held():
                    os.killpg(process.pid, signal.SIGTERM)
                    try:
                        process.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        os.killpg(process.pid, signal.SIGKILL)
                        process.wait()
    seconds = time.monotonic() - started
    if code != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed (exit {code}):\n{log.read_text(errors='replace')[-2000:]}")
    return seconds


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Training


def train_project(out: Path) -> float:
    """`rasa train --force` of our project into OUT/models (never touches models/)."""
    cache = out / "rasa-cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, **QUIET, "RASA_CACHE_DIRECTORY": str(cache)}
    command = [str(VENV / "rasa"), "train", "--force", "--fixed-model-name", "bench", "--out", str(out / "models"),
               "--config", "config.yml", "--domain", "domain.yml", "--data", "data"]
    progress("training our model (rasa train --force) ...")
    try:
        seconds = timed_run(command, ROOT, env, out / "logs" / "train-project.log")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    progress(f"  trained in {seconds:.1f} s")
    return seconds


def starter_env(init_dir: Path) -> Dict[str, str]:
    # PYTHONPATH must be the starter project: ours (in QUIET) has its own `actions` package.
    return {"PYTHONPATH": str(init_dir), "RASA_CACHE_DIRECTORY": str(init_dir / ".rasa" / "cache")}


def prepare_starter_bot(init_dir: Path, reuse: bool, logs: Path) -> Dict[str, Any]:
    """`rasa init` (once), then a timed `rasa train --force` in that folder."""
    info: Dict[str, Any] = {"dir": str(init_dir)}
    env = {**os.environ, **QUIET, **starter_env(init_dir)}
    if not (init_dir / "config.yml").exists():
        shutil.rmtree(init_dir, ignore_errors=True)
        init_dir.mkdir(parents=True)
        progress(f"rasa init --no-prompt --init-dir {init_dir} (it trains a first model too) ...")
        info["rasa_init_s"] = timed_run([str(VENV / "rasa"), "init", "--no-prompt", "--init-dir", str(init_dir)],
                                        init_dir, env, logs / "rasa-init.log")
        progress(f"  rasa init took {info['rasa_init_s']:.1f} s")
    model = init_dir / "models" / "bench.tar.gz"
    record = init_dir / "bench-training.json"
    if reuse and model.exists():
        earlier = json.loads(record.read_text()) if record.exists() else {}
        info.update(training_s=earlier.get("training_s"), training_measured=earlier.get("measured_at"), reused=True)
        progress(f"  reusing {model} (--reuse-baseline)")
    else:
        for old in (init_dir / "models").glob("*.tar.gz"):
            old.unlink()
        shutil.rmtree(init_dir / ".rasa" / "cache", ignore_errors=True)
        progress("training the starter bot (rasa train --force) ...")
        seconds = timed_run([str(VENV / "rasa"), "train", "--force", "--fixed-model-name", "bench", "--out", "models"],
                            init_dir, env, logs / "train-starter-bot.log")
        shutil.rmtree(init_dir / ".rasa" / "cache", ignore_errors=True)
        measured_at = datetime.datetime.now().isoformat(timespec="seconds")
        record.write_text(json.dumps({"training_s": seconds, "measured_at": measured_at}))
        info.update(training_s=seconds, training_measured=measured_at, reused=False)
        progress(f"  trained in {seconds:.1f} s")
    info["model"] = str(model)
    return info


# ---------------------------------------------------------------------------------------------
# Set-ups


def measure(setup: Dict[str, Any], rasa: List[Server], everyone: List[Server], person: Callable[[int], Any],
            levels: Dict[int, int], warmup: Sequence[int]) -> None:
    """Warm up, play every load level, send a burst of messages in one conversation, then read
    every process's resident memory."""
    urls = [server.url for server in rasa]
    next_index = 0
    warm = asyncio.run(run_level(urls, person, warmup[0], warmup[1], next_index))
    next_index += warmup[1]
    setup["warmup"] = warm
    progress(f"  warm-up: {warm['turns']} turns, {warm['errors']} errors")
    for concurrency, conversations in levels.items():
        result = asyncio.run(run_level(urls, person, concurrency, conversations, next_index))
        next_index += conversations
        setup["levels"].append(result)
        progress(f"  {concurrency:>2} concurrent: {result['turns']} turns, p50 {fmt(result['p50_ms'])} ms, "
                 f"p95 {fmt(result['p95_ms'])} ms, {fmt(result['turns_per_s'], 1)} turns/s, {result['errors']} errors")
    burst = setup["burst"] = asyncio.run(one_conversation_burst(urls, person, BURST))
    progress(f"  {BURST} messages at once in one conversation: {fmt(burst['wall_s'], 2)} s, {burst['errors']} errors")
    for server in everyone:
        entry = next(e for e in setup["servers"] if e["process"] == server.name)
        entry["rss_mb"] = server.resident_mb()


def server_entry(server: Server, role: str) -> Dict[str, Any]:
    return {"process": server.name, "role": role, "ready_s": None, "rss_mb": None}


def run_embedded(setup: Dict[str, Any], out: Path, levels: Dict[int, int], warmup: Sequence[int]) -> None:
    cluster = Cluster(out / "logs" / "embedded", replicas=1)
    cluster.action.name = "action server"
    cluster.rasa[0].name = "Rasa server"
    run_cluster(setup, cluster, levels, warmup)


def run_replicated(setup: Dict[str, Any], out: Path, levels: Dict[int, int], warmup: Sequence[int]) -> None:
    check_redis(REDIS_URL)
    with fresh_postgres_database() as database_url:
        cluster = Cluster(out / "logs" / "replicas", replicas=2, database_url=database_url, redis_url=REDIS_URL)
        cluster.action.name = "action server"
        for number, server in enumerate(cluster.rasa, 1):
            server.name = f"Rasa replica {number}"
        setup["database"] = database_url.rsplit("/", 1)[-1]
        run_cluster(setup, cluster, levels, warmup)


def run_cluster(setup: Dict[str, Any], cluster: Cluster, levels: Dict[int, int], warmup: Sequence[int]) -> None:
    everyone = [cluster.action, *cluster.rasa]
    setup["servers"] = [server_entry(cluster.action, "action")] + [server_entry(s, "rasa") for s in cluster.rasa]
    progress(f"{setup['label']}:")
    try:
        for server, entry in zip(everyone, setup["servers"]):  # one at a time: each starts alone
            entry["ready_s"] = launch(server)
        measure(setup, cluster.rasa, everyone, Patient, levels, warmup)
        setup["status"] = "ok"
    finally:
        stop_all()


def run_starter_bot(setup: Dict[str, Any], out: Path, starter: Dict[str, Any], levels: Dict[int, int],
                    warmup: Sequence[int]) -> None:
    init_dir = Path(starter["dir"])
    logs = out / "logs" / "baseline"
    env = starter_env(init_dir)
    action_port, rasa_port, token = free_port(), free_port(), uuid.uuid4().hex
    action = DirServer("starter action server",
                       [str(VENV / "rasa"), "run", "actions", "--port", str(action_port), "--actions", "actions"],
                       {**env, "SANIC_HOST": "127.0.0.1"}, action_port, "/health", logs / f"actions-{action_port}.log",
                       cwd=init_dir)
    # scripts/rasa_server.py is `rasa run ... --auth-token $RASA_API_TOKEN` (token kept off the command line)
    rasa = DirServer("starter Rasa server",
                     [str(VENV / "python"), str(ROOT / "scripts" / "rasa_server.py"), "--model", starter["model"],
                      "--port", str(rasa_port), "--interface", "127.0.0.1", "--endpoints", "endpoints.yml",
                      "--credentials", "credentials.yml", "--enable-api"],
                     {**env, "RASA_API_TOKEN": token}, rasa_port, f"/status?token={token}",
                     logs / f"rasa-{rasa_port}.log", cwd=init_dir)
    setup["servers"] = [server_entry(action, "action"), server_entry(rasa, "rasa")]
    progress(f"{setup['label']}:")
    try:
        for server, entry in zip([action, rasa], setup["servers"]):
            entry["ready_s"] = launch(server)
        measure(setup, [rasa], [action, rasa], StarterBotUser, levels, warmup)
        setup["status"] = "ok"
    finally:
        stop_all()


SETUP_LABELS = {
    "embedded": "embedded default: 1 Rasa server, SQLite + in-memory lock",
    "replicas": "2 Rasa replicas, PostgreSQL + Redis (turns round-robin)",
    "baseline": "baseline: rasa init starter bot (1 Rasa server, Rasa's default in-memory stores)",
}


def new_setup(name: str, label: str) -> Dict[str, Any]:
    return {"name": name, "label": label, "status": "not run", "servers": [], "levels": []}


# ---------------------------------------------------------------------------------------------
# Report


def fmt(value: Optional[float], digits: int = 0) -> str:
    if value is None:
        return "–"
    if digits == 0 and abs(value) < 10:
        digits = 1
    return f"{value:.{digits}f}"


def machine() -> Dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), cpu)
    memory_gb = None
    with contextlib.suppress(OSError, StopIteration, ValueError):
        memory_gb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                             if line.startswith("MemTotal:"))) / 1024 / 1024
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(memory_gb, 1) if memory_gb else None,
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "rasa": metadata.version("rasa"),
        "rasa_sdk": metadata.version("rasa-sdk"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def level(results: Dict[str, Any], setup: str, concurrency: int) -> Optional[Dict[str, Any]]:
    for entry in results["setups"]:
        if entry["name"] == setup and entry.get("status") == "ok":
            return next((x for x in entry["levels"] if x["concurrency"] == concurrency), None)
    return None


def servers_of(results: Dict[str, Any], setups: Sequence[str], role: str, key: str) -> List[float]:
    return [s[key] for entry in results["setups"] if entry["name"] in setups
            for s in entry["servers"] if s["role"] == role and s.get(key) is not None]


def targets(results: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Each target with our measured value, the starter bot's, and met / missed. A load target
    counts as met only if there were no errors at that level."""
    rows = []

    def add(target: str, ours: Optional[float], baseline: Optional[float], limit: float, at_most: bool, unit: str,
            errors: int = 0) -> None:
        if ours is None:
            verdict = "not measured"
        elif errors:
            verdict = f"missed ({errors} error{'s' if errors > 1 else ''} at that level)"
        else:
            verdict = "met" if (ours <= limit if at_most else ours >= limit) else "missed"
        rows.append({"target": target, "ours": ours, "baseline": baseline, "limit": limit, "unit": unit,
                     "result": verdict})

    one, base_one = level(results, "embedded", 1), level(results, "baseline", 1)
    fifty, base_fifty = level(results, "embedded", 50), level(results, "baseline", 50)
    add("p50 per turn at 1 conversation, action server in the loop (embedded) ≤ 30 ms",
        one and one["p50_ms"], base_one and base_one["p50_ms"], 30, True, "ms", one["errors"] if one else 0)
    add("p95 per turn at 1 conversation, action server in the loop (embedded) ≤ 80 ms",
        one and one["p95_ms"], base_one and base_one["p95_ms"], 80, True, "ms", one["errors"] if one else 0)
    add("throughput at 50 concurrent conversations on one server (embedded) ≥ 40 turns/s",
        fifty and fifty["turns_per_s"], base_fifty and base_fifty["turns_per_s"], 40, False, "turns/s",
        fifty["errors"] if fifty else 0)
    bursts = [s["burst"] for s in results["setups"] if s["name"] in ("embedded", "replicas") and s.get("burst")]
    base_burst = next((s["burst"] for s in results["setups"] if s["name"] == "baseline" and s.get("burst")), None)
    add(f"{BURST} messages at once in one conversation, all answered ≤ 2 s (slower of embedded and Redis)",
        max(b["wall_s"] for b in bursts) if bursts else None, base_burst and base_burst["wall_s"], 2, True, "s",
        sum(b["errors"] for b in bursts))
    ready = servers_of(results, ["embedded", "replicas"], "rasa", "ready_s")
    base_ready = servers_of(results, ["baseline"], "rasa", "ready_s")
    add("Rasa server ready ≤ 20 s after start (slowest of our Rasa servers, each started alone)",
        max(ready) if ready else None, max(base_ready) if base_ready else None, 20, True, "s")
    rss = servers_of(results, ["embedded", "replicas"], "rasa", "rss_mb")
    base_rss = servers_of(results, ["baseline"], "rasa", "rss_mb")
    add("Rasa server ≤ 1.0 GB resident after the load (largest of our Rasa servers; 1.0 GB = 1024 MB)",
        max(rss) if rss else None, max(base_rss) if base_rss else None, 1024, True, "MB")
    pdf = results.get("summary_pdf") or {}
    add(f"summary PDF for a doctor, typical conversation: p95 < {summary_bench.TARGET_MS:g} ms",
        pdf.get("p95_ms"), None, summary_bench.TARGET_MS, True, "ms")
    return rows


def markdown(results: Dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"## Load benchmark, {m['date']}" + (" (--quick: development run, few turns)" if results["options"]["quick"] else ""),
        "",
        f"Machine: {m['cores']} cores, {m['cpu']}, {m['memory_gb']} GB RAM; load average "
        f"{' / '.join(map(str, m['load_average_at_start']))} at the start, "
        f"{' / '.join(map(str, m.get('load_average_at_end', [])))} at the end. "
        f"Python {m['python']}, Rasa {m['rasa']}, rasa-sdk {m['rasa_sdk']}. The load generator "
        f"(asyncio + aiohttp) runs on the same machine.",
        "",
        f"Each conversation is {TURNS} turns over the REST channel (`POST /webhooks/rest/webhook`), "
        "unique sender per conversation, closed loop (a new conversation starts as soon as one ends), "
        "after a warm-up. Latency: request sent to full response read, successful turns only; "
        "turns/s: all turns / wall time; errors: not HTTP 200, no reply, transport error or timeout "
        f"({TURN_TIMEOUT:g} s), or the \"temporarily unavailable\" apology.",
        "",
        "| set-up | concurrency | conversations | turns | p50 ms | p95 ms | p99 ms | turns/s | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for setup in results["setups"]:
        if setup.get("status") != "ok" and not setup["levels"]:
            lines.append(f"| {setup['label']} | {setup.get('status')} | | | | | | | |")
            continue
        for x in setup["levels"]:
            lines.append(f"| {setup['label']} | {x['concurrency']} | {x['conversations']} | {x['turns']} | "
                         f"{fmt(x['p50_ms'])} | {fmt(x['p95_ms'])} | {fmt(x['p99_ms'])} | "
                         f"{fmt(x['turns_per_s'], 1)} | {x['errors']} |")
            if x["errors"]:
                kinds = ", ".join(f"{n} {k}" for k, n in sorted(x["error_kinds"].items()))
                notes.append(f"{setup['label']}, {x['concurrency']} concurrent: {kinds}")
        warm = setup.get("warmup")
        if warm and warm["errors"]:
            notes.append(f"{setup['label']}, warm-up (not in the table): {warm['errors']} errors {warm['error_kinds']}")
        if setup.get("status") != "ok":
            notes.append(f"{setup['label']}: {setup.get('status')}")
    if notes:
        lines += ["", "Errors and failures:"] + [f"- {n}" for n in notes]
    lines += ["", f"| set-up | {BURST} messages at once in one conversation: wall time (s) | errors |", "|---|---:|---:|"]
    for setup in results["setups"]:
        burst = setup.get("burst")
        if burst:
            lines.append(f"| {setup['label']} | {fmt(burst['wall_s'], 2)} | {burst['errors']} |")
    lines += [
        "",
        "Sent at the same moment with one sender id (to the replicas in turn); from sending to the last "
        "reply read. The messages are handled one after the other: this is 20 turns' work plus the time "
        "the conversation's lock takes to hand on each turn (a lock that looks once a second: about 20 s).",
        "",
        "| set-up | process | ready after start (s) | resident memory after the load (MB) |",
        "|---|---|---:|---:|",
    ]
    for setup in results["setups"]:
        for s in setup["servers"]:
            lines.append(f"| {setup['label']} | {s['process']} | {fmt(s['ready_s'], 1)} | {fmt(s['rss_mb'])} |")
    lines += [
        "",
        "Ready: from process start to the first 2xx (Rasa: `/status`, action server: `/health`), each "
        "server started alone (no other server starting at the same time). Resident memory: VmRSS of "
        "the process and its children.",
        "",
        "| training | time (s) |",
        "|---|---:|",
    ]
    training = results["training"]
    if "project" in training:
        lines.append(f"| our model: `rasa train --force` (config.yml, domain.yml, data/) | {fmt(training['project'], 1)} |")
    else:
        lines.append("| our model | not measured (--skip-training) |")
    starter = training.get("baseline")
    if starter:
        earlier = f" (reused model; measured {starter.get('training_measured')})" if starter.get("reused") else ""
        lines.append(f"| starter bot: `rasa train --force` in the `rasa init` folder{earlier} | {fmt(starter.get('training_s'), 1)} |")
        if starter.get("rasa_init_s"):
            lines.append(f"| (starter bot: `rasa init --no-prompt`, which trains a first model too) | {fmt(starter['rasa_init_s'], 1)} |")
    pdf = results.get("summary_pdf")
    lines += ["", "| summary PDF for a doctor (typical conversation) | p50 ms | p95 ms | max ms | first ms | size |",
              "|---|---:|---:|---:|---:|---:|"]
    if pdf and "p95_ms" in pdf:
        lines.append(f"| `summary.pdf()`, {pdf['runs']} PDFs one after the other | {fmt(pdf['p50_ms'])} | {fmt(pdf['p95_ms'])} | "
                     f"{fmt(pdf['max_ms'])} | {fmt(pdf['first_ms'])} | {pdf['bytes'] / 1024:.0f} KB |")
    else:
        lines.append(f"| not measured{': ' + pdf['error'] if pdf and pdf.get('error') else ''} | | | | | |")
    lines += ["", "In this process (bench/summary.py), before any server starts; \"first\" is the first PDF, "
              "which loads the fonts, not among the others."]
    lines += ["", "| target | ours | starter bot | result |", "|---|---:|---:|---|"]
    for t in results["targets"]:
        unit = f" {t['unit']}"
        lines.append(f"| {t['target']} | {fmt(t['ours'], 1) + unit if t['ours'] is not None else '–'} | "
                     f"{fmt(t['baseline'], 1) + unit if t['baseline'] is not None else '–'} | {t['result']} |")
    if results.get("interrupted"):
        lines += ["", "**Interrupted: partial results.**"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer conversations per level (development only)")
    parser.add_argument("--skip-baseline", action="store_true", help="leave out the rasa init starter bot")
    parser.add_argument("--reuse-baseline", action="store_true",
                        help="reuse the starter bot's model trained by an earlier run (its training time is that run's)")
    parser.add_argument("--skip-training", action="store_true",
                        help="do not time the training of our model (development only)")
    parser.add_argument("--burst-only", action="store_true",
                        help=f"measure only the {BURST} messages at once in one conversation (no load levels, no training)")
    parser.add_argument("--summary-only", action="store_true",
                        help="measure only the summary PDF's time (no servers, no training, no starter bot)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench", help="results folder (default build/bench)")
    args = parser.parse_args(argv)

    out = args.out.resolve()
    shutil.rmtree(out / "logs", ignore_errors=True)
    (out / "logs").mkdir(parents=True, exist_ok=True)
    levels, warmup = (QUICK_LEVELS, QUICK_WARMUP) if args.quick else (LEVELS, WARMUP)
    if args.burst_only:
        levels, args.skip_training = {}, True
    if args.summary_only:
        levels, args.skip_training, args.skip_baseline = {}, True, True

    def terminate(*_: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    results: Dict[str, Any] = {
        "machine": machine(),
        "options": {"quick": args.quick, "skip_baseline": args.skip_baseline, "reuse_baseline": args.reuse_baseline,
                    "skip_training": args.skip_training, "burst_only": args.burst_only,
                    "summary_only": args.summary_only, "levels": levels, "warmup": warmup, "turns": TURNS},
        "training": {},
        "setups": [],
        "interrupted": False,
    }
    failed = False
    try:
        progress("Timing the summary PDF for a doctor ...")
        try:
            results["summary_pdf"] = summary_bench.measure()
            progress("  " + summary_bench.report(results["summary_pdf"]))
        except Exception as error:  # report it and go on with the load benchmark
            failed = True
            results["summary_pdf"] = {"error": f"{type(error).__name__}: {error}"}
            progress(f"  summary PDF failed: {error}")
        if not args.skip_training:
            results["training"]["project"] = train_project(out)
        starter = None
        if not args.skip_baseline:
            starter = prepare_starter_bot(out / "rasa-init", args.reuse_baseline, out / "logs")
            results["training"]["baseline"] = starter
        runs: List[tuple] = [("embedded", lambda setup: run_embedded(setup, out, levels, warmup)),
                             ("replicas", lambda setup: run_replicated(setup, out, levels, warmup))]
        if starter:
            runs.append(("baseline", lambda setup: run_starter_bot(setup, out, starter, levels, warmup)))
        for name, run in runs if not args.summary_only else []:
            setup = new_setup(name, SETUP_LABELS[name])
            results["setups"].append(setup)
            try:
                run(setup)
            except Exception as error:  # report it and go on with the other set-ups
                failed = True
                progress(f"  {name} failed: {error}")
                setup.update(status=f"failed: {str(error).strip().splitlines()[0]}", error=str(error))
    except KeyboardInterrupt:
        results["interrupted"] = True
        for setup in results["setups"]:
            if setup["status"] == "not run":
                setup["status"] = "interrupted"
        progress("interrupted: stopping the servers ...")
    except Exception as error:
        failed = True
        results["error"] = str(error)
        progress(f"benchmark failed: {error}")
    finally:
        stop_all()
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = targets(results)
    table = markdown(results)
    (out / "bench.json").write_text(json.dumps(results, indent=2, default=str))
    (out / "bench.md").write_text(table)
    print()
    print(table)
    print(f"(written to {out / 'bench.json'} and {out / 'bench.md'}; server logs in {out / 'logs'})")
    if results["interrupted"]:
        return 130
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
