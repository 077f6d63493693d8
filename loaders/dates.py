"""Dates in Chinese text, with their precision and whether they had to be inferred.

A date is returned as an :class:`Occasion`: a lexical value typed ``date``, ``gYearMonth`` or
``gYear`` (the precision the text gives), an optional end for ranges (5月13日至16日), and
``inferred`` when part of it comes from outside the words themselves: the publication date
behind 昨(21) or 今年, or a year taken from context for 5月14日.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(\d{1,4})"
_FULL = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号])?")
_RANGE = re.compile(r"(\d{1,2})月(\d{1,2})[日号]?(?:至|到|-|—|～|~)(?:(\d{1,2})月)?(\d{1,2})[日号]")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})[日号]")
_YESTERDAY = re.compile(r"昨[日天]?\((\d{1,2})\)|昨[日天]")
_THIS_YEAR = re.compile(r"今年|本年度")
_YEAR_ONLY = re.compile(r"(?<!\d)(\d{4})年(?!\d{1,2}月)")


@dataclass(frozen=True)
class Occasion:
    """A date or range found at ``[start, end)`` of the text."""

    start: int
    end: int
    value: tuple[str, str]
    until: tuple[str, str] | None
    inferred: bool
    rule: str


def _day(y: int, m: int, d: int) -> tuple[str, str]:
    return (f"{y:04d}-{m:02d}-{d:02d}", "date")


def find_dates(
    text: str, published: tuple[str, str] | None, year: int | None = None
) -> list[Occasion]:
    """Every date in ``text``; ``published`` is the document's date, ``year`` a year the
    context states (an event named 2025湖南…), used before the publication year.

    Examples
    --------
    >>> [o.value for o in find_dates("2022年11月1日印发", None)]
    [('2022-11-01', 'date')]
    >>> o = find_dates("5月13日至16日在香港举行", ("2025-05-20", "date"))[0]
    >>> o.value, o.until, o.inferred
    (('2025-05-13', 'date'), ('2025-05-16', 'date'), True)
    >>> o = find_dates("昨(21)在湖南长沙举行", ("2021-10", "gYearMonth"))[0]
    >>> o.value, o.inferred
    (('2021-10-21', 'date'), True)
    >>> [o.value for o in find_dates("今年在湘潭市举办", ("2021-10", "gYearMonth"))]
    [('2021', 'gYear')]
    """
    out: list[Occasion] = []
    taken: list[tuple[int, int]] = []
    pub_year = int(published[0][:4]) if published else None
    context_year = year or pub_year

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _FULL.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        value = _day(y, mo, int(d)) if d else (f"{y:04d}-{mo:02d}", "gYearMonth")
        out.append(Occasion(m.start(), m.end(), value, None, False, "date:stated"))
        taken.append(m.span())
    for m in _RANGE.finditer(text):
        if not free(*m.span()) or context_year is None:
            continue
        mo1, d1 = int(m.group(1)), int(m.group(2))
        mo2 = int(m.group(3)) if m.group(3) else mo1
        d2 = int(m.group(4))
        out.append(
            Occasion(
                m.start(),
                m.end(),
                _day(context_year, mo1, d1),
                _day(context_year, mo2, d2),
                year is None,
                "date:range",
            )
        )
        taken.append(m.span())
    for m in _MONTH_DAY.finditer(text):
        if not free(*m.span()) or context_year is None:
            continue
        value = _day(context_year, int(m.group(1)), int(m.group(2)))
        out.append(Occasion(m.start(), m.end(), value, None, year is None, "date:month-day"))
        taken.append(m.span())
    for m in _YESTERDAY.finditer(text):
        if not free(*m.span()) or not published or not m.group(1):
            continue  # 昨日 alone: only a publication day would date it
        value = (f"{published[0][:7]}-{int(m.group(1)):02d}", "date")
        out.append(Occasion(m.start(), m.end(), value, None, True, "date:昨(日)"))
        taken.append(m.span())
    for m in _THIS_YEAR.finditer(text):
        if free(*m.span()) and pub_year is not None:
            out.append(
                Occasion(m.start(), m.end(), (f"{pub_year:04d}", "gYear"), None, True, "date:今年")
            )
            taken.append(m.span())
    for m in _YEAR_ONLY.finditer(text):
        if free(*m.span()):
            out.append(
                Occasion(m.start(), m.end(), (m.group(1), "gYear"), None, False, "date:year")
            )
            taken.append(m.span())
    return sorted(out, key=lambda o: o.start)
