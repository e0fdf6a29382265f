"""Fixtures for ingest tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ingest.helpers import DATA


@pytest.fixture
def sample(tmp_path: Path) -> Callable[..., Path]:
    """Copy a sample file from tests/data/ingest into a fresh folder, optionally renamed."""

    def copy(name: str, as_name: str | None = None) -> Path:
        target = tmp_path / "in" / (as_name or name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / name, target)
        return target

    return copy
