"""Amounts in Chinese text: number, magnitude, unit, currency and hedging.

91.5億元(人民幣) → 9150000000 CNY; 30亿美元 → 3000000000 USD; 1.56萬億元 → 1560000000000 CNY;
近600家 → 600 家, approximate; 2925个 → 2925 个; 67% → 67 %. Chinese numerals (三十五个) are
read too. The caller works on the matching form (Simplified, NFKC), so ％ and full-width digits
arrive as % and ASCII digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDE = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(1000),
}
_CURRENCY = {
    "美元": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "新台币": "TWD",
    "元": "CNY",
    "人民币": "CNY",
}

_QUANTITY = re.compile(
    r"(?P<hedge>近|约|超过|超|逾|达|共|累计)?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*"
    r"(?P<more>多|余)?(?P<mag>万亿|亿|万|千)?(?P<more2>多|余)?\s*"
    r"(?P<unit>美元|港元|港币|新台币|人民币|元|家|个|人|项|%|倍|亩|吨|平方米)"
    r"(?P<after>以上|左右)?"
)


@dataclass(frozen=True)
class Amount:
    """An amount found at ``[start, end)``."""

    start: int
    end: int
    value: Decimal
    unit: str
    currency: str
    approximate: bool
    text: str


def chinese_number(text: str) -> int | None:
    """Read a Chinese numeral below ten thousand.

    >>> chinese_number("三十五"), chinese_number("两千零二十五"), chinese_number("十")
    (35, 2025, 10)
    """
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def find_amounts(text: str) -> list[Amount]:
    """Every amount in ``text``.

    >>> [(a.value, a.unit, a.currency, a.approximate) for a in find_amounts("投资总额91.5亿元，近600家")]
    [(Decimal('9150000000.0'), '元', 'CNY', False), (Decimal('600'), '家', '', True)]
    >>> [(a.value, a.currency) for a in find_amounts("新增台商投资30 亿美元")]
    [(Decimal('3000000000'), 'USD')]
    """
    out = []
    for m in _QUANTITY.finditer(text):
        raw = m.group("num")
        if raw[0].isdigit():
            value = Decimal(raw.replace(",", ""))
        else:
            n = chinese_number(raw)
            if n is None or (raw in ("一", "两") and m.group("unit") in ("个", "家", "项")):
                continue  # 一个, 两家: an article, not a figure
            value = Decimal(n)
        if (
            re.match(r"\d{4}$", raw)
            and m.group("unit") in ("个", "家")
            and text[m.end("num") : m.end("num") + 1] == "年"
        ):
            continue
        magnitude = _MAGNITUDE.get(m.group("mag") or "", Decimal(1))
        unit = m.group("unit")
        approximate = bool(
            m.group("hedge") in ("近", "约", "超过", "超", "逾")
            or m.group("more")
            or m.group("more2")
            or m.group("after")
        )
        start = m.start("num") if m.group("hedge") in ("达", "共", "累计", None) else m.start()
        out.append(
            Amount(
                start,
                m.end(),
                value * magnitude,
                unit,
                _CURRENCY.get(unit, ""),
                approximate,
                text[start : m.end()],
            )
        )
    return out
