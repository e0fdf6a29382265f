"""Report types as people call them, in English and Chinese: see :mod:`sellerops.ingest.titles`
(the CLI prints the same names)."""

from __future__ import annotations

from sellerops.ingest.titles import ZH, report_names

__all__ = ["ZH", "report_names"]
