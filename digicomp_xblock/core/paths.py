"""Where the package's data lives: `framework/`, `static/` and `translations/`.

In the repository they are top-level folders; `setup.py` maps them into the package, so an installed
distribution has them beside this package's modules. Both layouts are found here, nowhere else.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def data_dir(name: str) -> Path:
    """The directory `name` (framework, static, translations), installed or in a source checkout."""
    installed = PACKAGE_DIR / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


def framework_dir() -> Path:
    return data_dir("framework")


def schema_file() -> Path:
    return framework_dir() / "schema.json"
