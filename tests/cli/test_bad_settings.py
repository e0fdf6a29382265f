"""A setting the configuration refuses is named, in the reader's language, with no traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.core.config import get_settings


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("args", "said"),
    [([], "Invalid setting: SELLEROPS_LANG: lang must be 'en' or 'zh'"),
     (["--lang", "zh"], "设置有误: SELLEROPS_LANG: lang must be 'en' or 'zh'")],
)  # fmt: skip
def test_an_unknown_language_in_the_environment_is_named_not_a_traceback(
    tmp_path: Path, args: list[str], said: str
) -> None:
    env = {"SELLEROPS_DATA_DIR": str(tmp_path), "SELLEROPS_LANG": "fr", "COLUMNS": "200"}
    result = CliRunner().invoke(app, [*args, "stores"], env=env)
    assert result.exit_code == 2
    assert said in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a ValidationError
