"""The README cannot drift from the code: every command and every setting is documented."""

from __future__ import annotations

from pathlib import Path

import typer

from sellerops.cli import app
from sellerops.core.config import Settings
from sellerops.web.settings import WebSettings

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def _command_names(typer_app: typer.Typer, prefix: str = "") -> list[str]:
    names = [prefix + (c.name or c.callback.__name__) for c in typer_app.registered_commands]  # type: ignore[union-attr]
    for group in typer_app.registered_groups:
        names += _command_names(group.typer_instance, f"{prefix}{group.name} ")  # type: ignore[arg-type]
    return names


def test_every_cli_command_is_in_the_readme() -> None:
    for name in _command_names(app):
        top = name.split()[0]
        assert f"sellerops {top}" in README, f"`sellerops {name}` is not documented"
        if " " in name:
            assert name.split()[1] in README, f"`sellerops {name}` is not documented"


def test_every_setting_is_in_the_readme() -> None:
    for field in [*Settings.model_fields, *WebSettings.model_fields]:
        assert f"SELLEROPS_{field.upper()}" in README, f"setting {field} is not documented"


def test_the_readme_starts_with_the_two_setup_commands() -> None:
    head = README[:1500]
    assert "pip install -e . && sellerops demo" in head
    assert "<!-- ci: test command -->" in head and 'pip install -e ".[dev]" && pytest' in head
