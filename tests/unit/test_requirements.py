"""The domain core declares its own dependencies: every third-party package that symptomchecker/
imports is in requirements.in, at the version requirements.lock pins."""
from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pins(path: Path) -> dict:
    found = re.findall(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s#]+)", path.read_text(), flags=re.M)
    return {name.lower().replace("_", "-"): version for name, version in found}


def test_symptomchecker_declares_what_it_imports():
    imported = set()
    for source in (ROOT / "symptomchecker").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"symptomchecker", "__future__"}
    distributions = {d.lower() for module in third_party for d in packages_distributions().get(module, [module])}
    assert {"numpy", "pydantic", "pyyaml"} <= distributions  # what it uses today: the check sees them
    declared, locked = pins(ROOT / "requirements.in"), pins(ROOT / "requirements.lock")
    for name in sorted(distributions):
        assert name in declared, f"symptomchecker imports {name}, which requirements.in does not list"
        assert declared[name] == locked[name], f"{name}: requirements.in says {declared[name]}, the lock {locked[name]}"
