"""``sellerops --help`` starts without the database and domain modules: each command imports
what it needs when it runs (start-up went from about 2 s to a fraction of that)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sellerops.cli import profit_command, template_command

#: Modules a help screen has no use for (the heaviest of what a command imports).
HEAVY = ("sqlalchemy", "alembic", "pydantic_settings", "numpy", "polars", "xlsxwriter",
         "sellerops.core.db", "sellerops.core.config", "sellerops.ingest.service",
         "sellerops.ads.optimizer", "sellerops.inventory.service", "sellerops.daily.service")  # fmt: skip

_PROBE = """
import json, sys
from sellerops.cli import main
sys.argv = ["sellerops", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args", [("--help",), ("--lang", "zh", "profit", "--help"), ("ads", "deals", "add", "--help")]
)
def test_help_imports_no_database_or_domain_module(args: tuple[str, ...]) -> None:
    loaded = _modules_after(*args)
    assert "sellerops.cli.app" in loaded
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY)
    assert heavy == []


def test_constants_written_out_for_the_help_agree_with_their_source() -> None:
    from sellerops.finance.rates import DEFAULT_RATE_WINDOW_DAYS
    from sellerops.ingest.templates import TEMPLATES

    assert profit_command.DEFAULT_RATE_WINDOW_DAYS == DEFAULT_RATE_WINDOW_DAYS
    assert ", ".join(TEMPLATES) == template_command.NAMES
