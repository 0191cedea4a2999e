"""Exports of the review reports: CSV (streamed), XLSX (XlsxWriter, constant memory) and PDF
(WeasyPrint from replaceable Jinja2 templates, embedded DejaVu Sans, charts as SVG).

Every format is written from the same rows (:mod:`rc_reporting.exports.rows`), so the figures of a
file are exactly those of the JSON report.
"""
