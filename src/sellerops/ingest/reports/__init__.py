"""One module per further report family; each defines ``FAMILY`` (or ``FAMILIES``).

Modules here are found and registered by :func:`sellerops.ingest.service` at import time,
in alphabetical order, after the three founding families (Business Report, All Orders,
Manage FBA Inventory). Adding a family is adding a module: no shared list to edit.
"""

from __future__ import annotations

import importlib
import pkgutil

from sellerops.ingest.registry import Family


def discovered() -> list[Family]:
    found: list[Family] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "FAMILY"):
            found.append(module.FAMILY)
        found.extend(getattr(module, "FAMILIES", ()))
    return found
