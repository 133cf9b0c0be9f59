"""Rows of the visibility tables that live beside their own mechanism.

Each module here may define
- `PAGE_ROWS`: rows of the pages' table (tests/test_visibility_table.py), same shape;
- `API_ROWS`: cases of the API's table (tests/api/test_visibility.py), name → row;
- `setup(tree) -> dict`: objects the rows name, as `{placeholder}` values in their URLs
  and bodies (run once per role, inside the tree's transaction).
Adding a module adds its rows to both tables and to the URL-resolver walk; a new URL
without rows anywhere still fails `test_every_url_pattern_is_in_a_table`.
"""
from __future__ import annotations

import importlib
import pkgutil
import string
from types import ModuleType


def modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
        if not info.name.startswith("_")
    ]


class _Sample(dict):
    """Placeholder values for resolving a URL without a database: every placeholder is 1."""

    def __missing__(self, key):
        return "1"


def fill(value, values: dict):
    """A row's URL or body with its placeholders replaced (bodies: string values only)."""
    if isinstance(value, str):
        return string.Formatter().vformat(value, (), values)
    if isinstance(value, dict):
        return {k: fill(v, values) for k, v in value.items()}
    return value


def sample(url: str) -> str:
    return fill(url, _Sample())


def page_rows() -> list[tuple]:
    return [(module, row) for module in modules() for row in getattr(module, "PAGE_ROWS", [])]


def api_rows() -> dict[str, tuple]:
    return {name: (module, row) for module in modules() for name, row in getattr(module, "API_ROWS", {}).items()}


def setup_all(tree) -> dict[ModuleType, dict]:
    return {module: (module.setup(tree) if hasattr(module, "setup") else {}) for module in modules()}
