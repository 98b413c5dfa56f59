"""Cells of a spreadsheet (CSV or XLSX) that would run as a formula, made inert: one rule for
every table a spreadsheet opens (the matrix, the monitoring sheet)."""

from __future__ import annotations

#: What a spreadsheet reads as the start of a formula (or a command, for tab and CR).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: formula-like starts get a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def meant(cell: str) -> str:
    """A cell as it was meant: the apostrophe that kept it from being a formula dropped."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell
