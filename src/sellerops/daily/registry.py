"""The registry that domain ``checks.py`` modules register their daily-review checks into."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sellerops.daily.finding import MODULES, Finding

if TYPE_CHECKING:
    from sellerops.daily.context import ReviewContext

CheckFunc = Callable[["ReviewContext"], list[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    module: str
    kind: str
    func: CheckFunc

    @property
    def name(self) -> str:
        return f"{self.module}.{self.kind}"


_CHECKS: dict[str, Check] = {}


def check(module: str, kind: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register ``func`` as the check that raises findings of ``module.kind``."""
    if module not in MODULES:
        raise ValueError(f"unknown module {module!r}")

    def register(func: CheckFunc) -> CheckFunc:
        _CHECKS[f"{module}.{kind}"] = Check(module, kind, func)
        return func

    return register


_loaded = False


def load_domain_checks() -> None:
    """Import ``sellerops.<module>.checks`` for every domain that has one (once).

    Importing a checks module also registers its messages and evidence labels, so anything
    that shows findings (even ones read back from the database) calls this first.
    """
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in MODULES:
        try:
            importlib.import_module(f"sellerops.{module}.checks")
        except ModuleNotFoundError as exc:
            if exc.name != f"sellerops.{module}.checks":
                raise


def all_checks() -> list[Check]:
    load_domain_checks()
    return [_CHECKS[name] for name in sorted(_CHECKS)]
