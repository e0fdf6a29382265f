"""The ``sellerops`` command line (Typer + Rich). Thin: parse, call a service, print."""

from __future__ import annotations

from sellerops.cli.app import app, main

__all__ = ["app", "main"]
