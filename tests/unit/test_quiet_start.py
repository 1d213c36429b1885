"""What `make install`, `make train`, `make run` and `make shell` print: what is happening and how
far along, not a wall of library warnings (scripts/rasa_quiet.py, scripts/pip_progress.py).
The tests themselves keep every warning: only the scripts' entry points filter them."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# as scripts/run.sh and scripts/shell.sh set it: not enough on its own (Sanic and Rasa add filters)
ENV = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore", TF_CPP_MIN_LOG_LEVEL="2",
           SQLALCHEMY_SILENCE_UBER_WARNING="1", RASA_TELEMETRY_ENABLED="false")

WARN = """
import sys, warnings
sys.path.insert(0, "scripts")
if sys.argv[1] == "quiet":
    from rasa_quiet import quiet_warnings
    quiet_warnings()
import sanic_cors  # a Rasa dependency: a distutils DeprecationWarning, after Sanic reset the filters
warnings.filterwarnings("once", category=UserWarning)  # as Rasa does when it starts
warnings.warn("The utterance 'utter_greet' is not used in any story or rule.", UserWarning)
warnings.warn("a warning a person needs", UserWarning)
"""


def run_python(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout)


def test_a_dependency_deprecation_warning_is_not_printed():
    loud = run_python("-c", WARN, "loud").stderr
    assert "DeprecationWarning" in loud and "is not used in any story" in loud, "nothing to filter: the test proves nothing"
    quiet = run_python("-c", WARN, "quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert "DeprecationWarning" not in quiet.stderr
    assert "is not used in any story" not in quiet.stderr
    assert "a warning a person needs" in quiet.stderr


@pytest.mark.rasa_cli  # runs Rasa's command line in a subprocess (about 5 s): not in make test-fast
@pytest.mark.parametrize("command", [["scripts/rasa_quiet.py", "run", "actions", "--help"],
                                     ["scripts/rasa_server.py", "--help"]], ids=["rasa_quiet", "rasa_server"])
def test_the_rasa_entry_points_print_no_library_warnings(command):
    result = run_python(*command)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage:" in result.stdout
    assert "Warning" not in result.stderr, result.stderr[-2000:]


@pytest.mark.parametrize("script", ["run.sh", "shell.sh"])
def test_make_run_and_make_shell_start_rasa_through_the_filter(script):
    lines = [line for line in (ROOT / "scripts" / script).read_text().splitlines() if not line.lstrip().startswith("#")]
    assert any("scripts/rasa_quiet.py run actions" in line for line in lines)
    assert not [line for line in lines if re.search(r"bin/rasa\b", line)], "rasa started without the filter"


def test_make_train_goes_through_the_filter():
    train = re.search(r"^\$\(MODEL\):.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert train and "scripts/rasa_quiet.py train" in train.group(1)


# --- pip's output as a count -----------------------------------------------------------------

PIP_OUTPUT = [f"Collecting package{i}==1.0 (from -r requirements.lock (line {i}))\n  Using cached package{i}.whl (10 kB)"
              for i in range(1, 46)]
PIP_OUTPUT += ["WARNING: package7 1.0 was yanked", "Installing collected packages: package1, package2",
               "Successfully installed package1-1.0 package2-1.0"]


def test_pip_output_becomes_a_count():
    result = subprocess.run([sys.executable, "scripts/pip_progress.py", "45"], cwd=ROOT, input="\n".join(PIP_OUTPUT) + "\n",
                            capture_output=True, text=True, timeout=30)
    lines = result.stdout.splitlines()
    assert "  10/45 packages downloaded" in lines and "  40/45 packages downloaded" in lines
    assert "  45/45 packages downloaded" in lines
    assert "WARNING: package7 1.0 was yanked" in lines, "pip's warnings and errors are kept"
    assert any(line.startswith("  installing them") for line in lines)
    assert not any("Using cached" in line or "Collecting" in line for line in lines)
    assert len(lines) < 12
