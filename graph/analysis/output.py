"""Rows of an analysis as an aligned text table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

__all__ = ["FORMATS", "TABLE_HIDDEN", "format_rows"]

#: Output formats of :func:`format_rows`.
FORMATS = ("table", "csv", "json")

#: Columns left out of text tables by default (IRIs: long, and in every CSV or JSON output).
TABLE_HIDDEN = ("id", "a_id", "b_id", "subject_id", "object_id")


def _width(text: str) -> int:
    # Chinese characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") if value else "0"
    return " ".join(str(value).split())  # one line per row, whatever the quote holds


def _columns(rows: list[dict]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    return columns


def format_rows(rows: list[dict], fmt: str = "table", *, columns=None) -> str:
    """Format analysis rows.

    Parameters
    ----------
    rows : list of dict
        Rows from any analysis of :mod:`graph.analysis`; columns in the order of their keys.
    fmt : {"table", "csv", "json"}, default "table"
        ``table``: tab-free text aligned for a terminal (Chinese characters count two columns),
        every cell on one line, IRI columns (:data:`TABLE_HIDDEN`) left out, a last line giving
        the row count. ``csv``: RFC 4180 with a header row, values as written (quotes keep their
        line breaks). ``json``: a list of objects, UTF-8 text unescaped, numbers as numbers.
    columns : sequence of str, optional
        Columns to write, in this order; default every column of the rows.

    Returns
    -------
    str
        The text, ending with a newline.

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`FORMATS`.

    Examples
    --------
    >>> rows = [{"label": "新竹科学园区", "degree": 2, "id": "x"}, {"label": "台湾", "degree": 10,
    ...          "id": "y"}]
    >>> print(format_rows(rows), end="")
    label         degree
    新竹科学园区  2
    台湾          10
    (2 rows)
    >>> print(format_rows(rows, "csv"), end="")
    label,degree,id
    新竹科学园区,2,x
    台湾,10,y
    >>> format_rows(rows[:1], "json", columns=["label"])
    '[\\n  {\\n    "label": "新竹科学园区"\\n  }\\n]\\n'
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    rows = list(rows)
    if columns is None:
        columns = _columns(rows)
        if fmt == "table":
            columns = [c for c in columns if c not in TABLE_HIDDEN]
    columns = list(columns)
    if fmt == "json":
        data = [{c: row.get(c) for c in columns} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else _csv(row.get(c)) for c in columns])
        return out.getvalue()
    table = [columns] + [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(_width(line[i]) for line in table) for i in range(len(columns))]
    lines = []
    for line in table:
        cells = [
            cell + " " * (widths[i] - _width(cell)) if i < len(line) - 1 else cell
            for i, cell in enumerate(line)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _csv(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
