"""Files that are not in a package (scripts/, eval/) loaded as modules, for the tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load(path: str, name: str) -> ModuleType:
    """The file at ``path`` (relative to the checkout, or absolute) run as the module ``name``."""
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
