"""The matching form of a text: Simplified script, NFKC, the same length as its input.

Matching runs on this form so that a gazetteer row or a pattern written once in Simplified finds
Traditional text too. Because the matching form has exactly one character per input character, a
span found in it is also a span of the clean text, and through the clean text's offset map a span
of the original file.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Variants that OpenCC leaves alone but that Chinese texts use interchangeably in names.
_VARIANTS = str.maketrans({"嶽": "岳", "臺": "台", "爲": "为", "纍": "累", "着": "着", "—": "—"})


def to_simplified(text: str) -> str:
    """Convert Traditional to Simplified (OpenCC ``t2s``), for labels and display.

    >>> to_simplified("岳陽產業園")
    '岳阳产业园'
    """
    return _t2s().convert(text).translate(_VARIANTS)


def matching_form(text: str) -> str:
    """Return the text in Simplified script and NFKC, one character per input character.

    OpenCC converts phrases, which can change length; where it does, the text is converted
    one character at a time instead so that offsets stay aligned.

    >>> matching_form("第十五屆湘台會（長沙）")
    '第十五届湘台会(长沙)'
    >>> len(matching_form("臺灣新竹科學園區")) == len("臺灣新竹科學園區")
    True
    """
    converted = to_simplified(text)
    if len(converted) != len(text):
        converted = "".join(_one_char(ch) for ch in text)
    return converted.translate(_NFKC_CHARS)


def _one_char(ch: str) -> str:
    out = to_simplified(ch)
    return out if len(out) == 1 else ch


class _NfkcChars(dict):
    """Code point → its NFKC form where that is one character, else the character itself;
    filled on first use, so that str.translate normalises a text without a Python loop."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = unicodedata.normalize("NFKC", ch)
        self[code] = out if len(out) == 1 else ch
        return self[code]


_NFKC_CHARS = _NfkcChars()


def compact(text: str) -> str:
    """Matching form without whitespace: the key under which names are compared.

    >>> compact("岳陽 產業園")
    '岳阳产业园'
    """
    return "".join(matching_form(text).split())
