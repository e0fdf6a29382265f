"""Rendering of the daily, weekly and monthly reports (HTML, XLSX, PDF); the data comes from
:mod:`sellerops.finance.reports`."""
