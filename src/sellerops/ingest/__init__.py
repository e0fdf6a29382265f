"""Report files in, facts out: detection, parsing and loading of Seller Central exports.

Public API: :func:`sellerops.ingest.service.import_paths` / ``import_file`` and
:class:`~sellerops.ingest.service.ImportOutcome`.

Layout: ``reader`` (bytes -> text -> rows), ``values`` (numbers, dates, flags), ``headers``
(header normalisation), ``registry`` (report families and detection by header), ``cells``
(typed rows with located errors), ``resolve`` (which store and day), ``sources`` (files,
folders, zip members), one module per family (``business_report``, ``all_orders``,
``fba_inventory``), and ``service`` (one transaction and one import_batch row per file; it
registers the families).

Supported in this slice: Business Report "Detail Page Sales and Traffic By Child Item" (one
day per file, English / Chinese / Japanese / German headers), All Orders (2017 and 2022
layouts), Manage FBA Inventory (18 and 21 columns); CSV / TSV / semicolon files in UTF-8
(with or without BOM), UTF-16 with BOM, cp932, GB18030 or cp1252; ``.xlsx`` workbooks
(``xlsx``: the sheet holding a known header, size-capped against zip bombs), SP-API JSON
report documents (``documents``: detected by their top-level keys), gzip'd files, and a
header found below preamble lines. Further families live in ``ingest/reports`` (ads, Brand
Analytics, Sales and Traffic JSON, ...). Not yet: Business Reports covering a date range.
"""
