"""Cleaning extracted text while keeping a map back to the original.

The inputs are Chinese news articles and government documents that went through web scraping, PDF
text extraction or OCR: hard line wraps inside words, blank lines between wrapped lines, tables of
contents, scraping footers, web-preview trailers, OCR garbage and captions printed with every glyph
twice. :func:`clean_text` turns such a text into running paragraphs, one per line, and records for
every character of the result where it came from, so that anything found in the clean text can be
quoted from the original file exactly.

Every character of the clean text is either copied from the original or an inserted paragraph
separator ``"\\n"`` that stands for an original line break. Everything else that is dropped (front
matter, images, footers, garbage lines, doubled print) is listed in :attr:`CleanText.removed`;
whitespace and invisible format characters are dropped silently.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

__all__ = ["CleanText", "clean_text"]


@dataclass(frozen=True)
class CleanText:
    """A cleaned text with the offset of each of its characters in the original.

    Attributes
    ----------
    text : str
        The cleaned text: paragraphs separated by exactly one ``"\\n"``.
    offsets : tuple of int
        ``offsets[i]`` is the index in the original string of ``text[i]``. A copied character
        satisfies ``original[offsets[i]] == text[i]``; an inserted ``"\\n"`` points at the
        original character it replaces (a line break). The offsets never decrease.
    removed : tuple of (int, int, str)
        What was dropped, as ``(start, end, reason)`` spans of the original, end exclusive, sorted
        by start. Reasons: ``front-matter``, ``html-comment``, ``image``, ``markup``, ``link``,
        ``preview-trailer``, ``footer``, ``garbage-line``, ``doubled``, ``repeated-phrase``.
    """

    text: str
    offsets: tuple[int, ...]
    removed: tuple[tuple[int, int, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text):
            raise ValueError(
                f"offsets has {len(self.offsets)} entries for a text of {len(self.text)} characters"
            )

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the clean text to the span of the original that covers it.

        Parameters
        ----------
        start, end : int
            A span ``[start, end)`` of :attr:`text`.

        Returns
        -------
        tuple of (int, int)
            ``(offsets[start], offsets[end - 1] + 1)``: the original span from the first to the
            last character of the clean span, including whatever was removed in between.

        Raises
        ------
        ValueError
            If the span is empty or not inside the clean text.

        Examples
        --------
        >>> ct = clean_text("海峡两岸\\n\\n产业合作区。")
        >>> ct.text
        '海峡两岸产业合作区。'
        >>> ct.original_span(2, 6)
        (2, 8)
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(
                f"span [{start}, {end}) is empty or outside a clean text of {len(self.text)} chars"
            )
        return self.offsets[start], self.offsets[end - 1] + 1


# --------------------------------------------------------------------------------------------
# Character classes


def _is_cjk(c: str) -> bool:
    """CJK ideographs, kana, hangul, CJK and fullwidth punctuation, and the dashes, quotes and
    ellipsis Chinese typesetting shares with Western text."""
    o = ord(c)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE10 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
        or c in "—―‘’“”…‧·"
    )


_SPACES = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u202f\u205f\u3000"


_SPACE_RUN = re.compile(f"[{_SPACES}]+")
_SPACE_CHAR = re.compile(f"[{_SPACES}]")


def _is_space(c: str) -> bool:
    return c in _SPACES


def _is_invisible(c: str) -> bool:
    # Zero-width spaces, BOMs, soft hyphens and stray control characters survive PDF and web
    # extraction but carry no text; they would only break name matching.
    if c == "\t":
        return False
    return unicodedata.category(c) in ("Cc", "Cf")


def _has_cjk_letter(s: str) -> bool:
    # Doubled print is a CJK OCR failure; Latin doubled letters (bookkeeper) are spelling.
    return any(_is_cjk(c) and unicodedata.category(c).startswith("L") for c in s)


def _is_punct(c: str) -> bool:
    return unicodedata.category(c).startswith("P")


# Line ends that finish a sentence. Closing quotes are handled separately (see _ends_paragraph).
_FINAL = set("。！？；：!?;:")
_CLOSE_QUOTES = set("”」』’")
# Punctuation inside a clause: a line holding one is running text, not a title.
_CLAUSE_PUNCT = re.compile(r"[，,、。；;！!？?]")
_BRACKETS = dict(zip("（(《「『“【〔", "）)》」』”】〕", strict=True))
_CLOSERS = {v: k for k, v in _BRACKETS.items()}

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")

# A heading or list item at the start of a line: 一、 （一） (1) 1. 1、 第一章 第三条 ● ■ - ——
_NUM_ZH = "一二三四五六七八九十百千零〇"
_HEADING = re.compile(
    rf"^(?:[{_NUM_ZH}]+[、．]"
    rf"|[（(][{_NUM_ZH}\d]{{1,4}}[）)]"
    r"|\d{1,3}(?:[、．]|\.(?!\d))"
    rf"|第[{_NUM_ZH}\d]+[章节節条條篇编編部款]"
    r"|[●■◆◇▲△►▶•▪□○◎★☆①-⑳]"
    r"|[-*+][ \t]"
    r"|——)"
)
# A table-of-contents entry: a title, then dot leaders or a tab, then a page number.
_TOC = re.compile(r"^.+?(?:[.．·…‥・_]{3,}|…{2,}|\s*\t)\s*\d{1,4}$")

# A document number line of a government file: 湘政办发〔2021〕58 号.
_DOC_NUMBER = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")

_PREVIEW = re.compile(r"^[预預][览覽]已?[结結]束")
_NET_SOURCE = r"(?:来自|來自|来源于|來源於|源自|转自|轉自)(?:网络|網絡|網路|互联网|互聯網)"
_FOOTER = re.compile(
    rf"^(?:本文|文章|图片|圖片|内容|內容|部分|本站)[^，,。]{{0,12}}{_NET_SOURCE}"
    r"|如有[^。]{0,6}(?:侵权|侵權)[^。]{0,12}(?:联系|聯繫|聯絡|删除|刪除)"
    rf"|{_NET_SOURCE}[^。]{{0,30}}如有[^。]{{0,6}}(?:异议|異議|疑问|疑問)"
)
_FOOTER_MAX = 120

# Markdown. Front matter and comments are matched on the whole text, the rest line by line.
_MD_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_URL_PART = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]" + _URL_PART)
_MD_LINK = re.compile(r"(\[)[^\]\n]*(\]" + _URL_PART + ")")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_MD_HARD_BREAK = re.compile(r"\\[ \t]*$")
_MD_BOLD = re.compile(r"\*\*")

# Fewer content lines than this say nothing reliable about the line width.
_MIN_LINES_FOR_WIDTH = 8
# A bold (doubled) headline can be as long as a column line.
_BOLD_TITLE_MAX = 40
# Doubled print: a unit of at most this many characters printed twice in a row.
_MAX_UNIT = 40
# A unit this long printed twice is a repeated phrase even on its own.
_PHRASE_MIN = 6
# Pairs that are ordinary typography, not doubled print.
_LEGIT_PUNCT_PAIRS = set("—―…·.-_=*~")


# --------------------------------------------------------------------------------------------
# Buffers: a string together with the original offset of each of its characters


@dataclass
class _Line:
    text: str
    offs: list[int]
    eol: int | None  # original offset of the line break that ends the line; None at the end
    raw: str = ""  # the stripped source of the line, before markup removal and space collapse
    md_heading: bool = False
    hard_break: bool = False
    bold: bool = False  # the line was printed doubled (OCR of a bold face)
    garbage: bool = False

    @property
    def blank(self) -> bool:
        return not self.text


class _Removals:
    """Collects removed spans in original coordinates."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, str]] = []

    def add(self, offs: list[int], start: int, end: int, reason: str) -> None:
        if start < end:
            self.spans.append((offs[start], offs[end - 1] + 1, reason))

    def add_original(self, start: int, end: int, reason: str) -> None:
        if start < end:
            self.spans.append((start, end, reason))


def _drop(
    text: str, offs: list[int], spans: list[tuple[int, int, str]], removals: _Removals | None
) -> tuple[str, list[int]]:
    """Delete non-overlapping buffer spans, recording each with its reason."""
    if not spans:
        return text, offs
    keep = [True] * len(text)
    for start, end, reason in spans:
        if removals is not None:
            removals.add(offs, start, end, reason)
        for i in range(start, end):
            keep[i] = False
    return (
        "".join(c for c, k in zip(text, keep, strict=True) if k),
        [o for o, k in zip(offs, keep, strict=True) if k],
    )


def _split_lines(text: str, offs: list[int]) -> list[_Line]:
    lines = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        lines.append(_Line(text[pos : m.start()], offs[pos : m.start()], offs[m.start()]))
        pos = m.end()
    lines.append(_Line(text[pos:], offs[pos:], None))
    for line in lines:
        line.raw = line.text.strip(_SPACES)
    return lines


# --------------------------------------------------------------------------------------------
# Steps


def _strip_markdown_blocks(
    text: str, offs: list[int], removals: _Removals
) -> tuple[str, list[int]]:
    spans = []
    front = _MD_FRONT.match(text)
    if front:
        spans.append((0, front.end(), "front-matter"))
    floor = front.end() if front else 0
    for m in _MD_COMMENT.finditer(text, floor):
        spans.append((m.start(), m.end(), "html-comment"))
    taken = [(s, e) for s, e, _ in spans]
    for m in _MD_IMAGE.finditer(text, floor):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            spans.append((m.start(), m.end(), "image"))
    spans.sort()
    return _drop(text, offs, spans, removals)


def _strip_markdown_line(line: _Line, removals: _Removals) -> None:
    spans = []
    head = _MD_HEADING.match(line.text)
    if head:
        line.md_heading = True
        spans.append((0, head.end(), "markup"))
    brk = _MD_HARD_BREAK.search(line.text)
    if brk:
        line.hard_break = True
        spans.append((brk.start(), brk.end(), "markup"))
    for m in _MD_LINK.finditer(line.text):
        spans.append((m.start(1), m.end(1), "link"))
        spans.append((m.start(2), m.end(2), "link"))
    for m in _MD_BOLD.finditer(line.text):
        spans.append((m.start(), m.end(), "markup"))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for s, e, r in spans:
        if merged and s < merged[-1][1]:
            continue  # a link bracket inside a heading marker, say: the first match wins
        merged.append((s, e, r))
    line.text, line.offs = _drop(line.text, line.offs, merged, removals)


def _normalize_spaces(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Strip the line; collapse each run of spaces to nothing between two CJK characters and to
    one space otherwise. A run holding a tab keeps one tab: in extracted PDF text a tab separates
    the columns of a table or a table-of-contents entry from its page number."""
    # Character classes are tested once per distinct character and the text between space runs
    # is copied in slices: a per-character loop dominated cleaning time.
    invisible = {c for c in set(text) if _is_invisible(c)}
    if invisible:
        keep = [i for i, c in enumerate(text) if c not in invisible]
        text = "".join([text[i] for i in keep])
        offs = [offs[i] for i in keep]
    out_text: list[str] = []
    out_offs: list[int] = []
    pos, n = 0, len(text)
    for m in _SPACE_RUN.finditer(text):
        i, j = m.span()
        out_text.append(text[pos:i])
        out_offs.extend(offs[pos:i])
        pos = j
        if i == 0 or j == n:
            continue  # leading and trailing runs are dropped
        run = m.group()
        tab = run.find("\t")
        if tab >= 0:
            out_text.append("\t")
            out_offs.append(offs[i + tab])
        elif not (_is_cjk(text[i - 1]) and _is_cjk(text[j])):
            first = max(run.find(" "), 0)
            out_text.append(run[first])
            out_offs.append(offs[i + first])
    out_text.append(text[pos:])
    out_offs.extend(offs[pos:])
    return "".join(out_text), out_offs


def _is_phrase(unit: str) -> bool:
    return len(unit) >= _PHRASE_MIN and _has_cjk_letter(unit)


# A unit of up to _MAX_UNIT characters without a space, immediately repeated. The lookahead
# form reports every position where one starts (finditer); the plain one is the faster test.
_SQUARE = re.compile(rf"([^{_SPACES}]{{1,{_MAX_UNIT}}}?)\1", re.S)
_SQUARE_START = re.compile(rf"(?=([^{_SPACES}]{{1,{_MAX_UNIT}}}?)\1)", re.S)


def _squares_at(s: str, i: int) -> list[int]:
    """Lengths k such that s[i:i+k] is immediately repeated, with no space inside the unit."""
    found = []
    for k in range(1, min(_MAX_UNIT, (len(s) - i) // 2) + 1):
        if s[i + k - 1] in _SPACES:
            break
        if s[i : i + k] == s[i + k : i + 2 * k]:
            found.append(k)
    return found


def _collapse_doubling(
    text: str, offs: list[int], removals: _Removals
) -> tuple[str, list[int], int]:
    """Collapse OCR doubled print; returns the new buffer and how many characters went.

    OCR of a bold face often reads every glyph run twice: 55月月1515日日，，. The text is parsed
    into chains of "squares" (a unit immediately repeated, units joined only by spaces); the
    longest chain is taken at each position. A chain of at least three squares with at least two
    different units, one of them holding a CJK letter, is doubled print and every square
    collapses.
    A shorter chain collapses only its long units (a repeated phrase of six or more characters)
    and the punctuation pairs next to them; ordinary reduplication (谢谢, 常常, 天天天天) and
    runs of digits (1000000) stay.
    """
    n = len(text)
    # The regex engine finds where squares start; only those positions and the spaces that may
    # join squares into chains need the Python pass below. Most paragraphs have none at all.
    if not _SQUARE.search(text):
        return text, offs, 0
    square_starts = [m.start() for m in _SQUARE_START.finditer(text)]
    # end[i], count[i]: farthest reach and square count of the best chain starting at i;
    # step[i]: unit length of its first square, -1 for a space connector, 0 for no chain.
    end = [0] * (n + 1)
    count = [0] * (n + 1)
    step = [0] * (n + 1)
    spaces = [m.start() for m in _SPACE_CHAR.finditer(text)]
    for i in sorted(square_starts + spaces, reverse=True):
        if text[i] in _SPACES:
            if step[i + 1]:
                end[i], count[i], step[i] = end[i + 1], count[i + 1], -1
            continue
        for k in _squares_at(text, i):
            j = i + 2 * k
            reach, cnt = (end[j], count[j] + 1) if step[j] else (j, 1)
            if (reach, cnt) > (end[i], count[i]):
                end[i], count[i], step[i] = reach, cnt, k
    spans: list[tuple[int, int, str]] = []
    i = 0  # chains start only at square starts; none before i
    for start in square_starts:
        if start < i:
            continue
        i = start
        squares = []
        j = i
        while j < n and step[j]:
            if step[j] < 0:
                j += 1
                continue
            squares.append((j, step[j]))
            j += 2 * step[j]
        units = [text[p : p + k] for p, k in squares]
        chosen = []
        if len(squares) >= 3 and len(set(units)) >= 2 and any(map(_has_cjk_letter, units)):
            chosen = squares
        elif any(_is_phrase(u) for u in units):
            chosen = [
                (p, k)
                for (p, k), u in zip(squares, units, strict=True)
                if _is_phrase(u) or all(_is_punct(c) and c not in _LEGIT_PUNCT_PAIRS for c in u)
            ]
        if not chosen:
            i += 1
            continue
        for p, k in chosen:
            reason = "repeated-phrase" if _is_phrase(text[p : p + k]) else "doubled"
            spans.append((p + k, p + 2 * k, reason))
        i = j
    new_text, new_offs = _drop(text, offs, spans, removals)
    return new_text, new_offs, n - len(new_text)


def _strip_trailing_groups(text: str) -> str:
    """Drop closing quotes and trailing bracketed groups: 。」 → 。, 舉行。（蔡叔涓攝） → 舉行。"""
    while text:
        last = text[-1]
        if last in _CLOSE_QUOTES:
            text = text[:-1]
        elif last in "）)":
            opener = text.rfind(_CLOSERS[last])
            if opener < 0:
                return text
            text = text[:opener]
        else:
            return text
    return text


def _ends_paragraph(text: str) -> bool:
    # A closing quote or bracket ends a paragraph only when the sentence inside or before it
    # ended: 「港洽周」 at a line end is mid-sentence, 。」 and 。（記者攝） are not.
    core = _strip_trailing_groups(text)
    return bool(core) and core[-1] in _FINAL


def _balanced(text: str) -> bool:
    depth: dict[str, int] = {}
    for c in text:
        if c in _BRACKETS:
            depth[c] = depth.get(c, 0) + 1
        elif c in _CLOSERS and depth.get(_CLOSERS[c], 0):
            depth[_CLOSERS[c]] -= 1
    return not any(depth.values())


def _is_table_line(text: str) -> bool:
    return "\t" in text or bool(_TOC.match(text))


def _is_heading_title(text: str) -> bool:
    """一、总体要求 or （三）人文优势: a numbered heading, short, with no sentence in it."""
    m = _HEADING.match(text)
    return bool(m) and len(text) <= 30 and not _CLAUSE_PUNCT.search(text[m.end() :])


def _title_shaped(text: str, limit: int) -> bool:
    return 0 < len(text) <= limit and not _CLAUSE_PUNCT.search(text) and _balanced(text)


def _garbage_candidate(line: _Line) -> bool:
    text = line.text
    if line.blank or line.md_heading or len(text) > 3:
        return False
    if any(unicodedata.category(c).startswith(("N", "P")) for c in text):
        return False
    # 目 录, 前 言: a letter-spaced heading, not OCR debris.
    return not re.search(r"\S[ \u3000]+\S", line.raw)


def _mark_garbage(lines: list[_Line]) -> None:
    """Mark isolated OCR debris lines (日日, 勿, 引資).

    A candidate must have only blank lines or other candidates next to it, and the content line
    before its block must end a paragraph: a short line after an unfinished sentence is the tail
    of a wrap (新港 / 区) and is kept.
    """
    n = len(lines)
    cand = [_garbage_candidate(x) for x in lines]
    i = 0
    while i < n:
        if not cand[i]:
            i += 1
            continue
        j = i
        block = []
        while j < n and (cand[j] or lines[j].blank):
            if cand[j]:
                block.append(j)
            j += 1
        isolated = all(
            (k == 0 or lines[k - 1].blank or cand[k - 1])
            and (k == n - 1 or lines[k + 1].blank or cand[k + 1])
            for k in block
        )
        prev = next((lines[k] for k in range(i - 1, -1, -1) if not lines[k].blank), None)
        after_sentence = (
            prev is None
            or _ends_paragraph(prev.text)
            or prev.md_heading
            or _is_table_line(prev.text)
        )
        if isolated and after_sentence:
            for k in block:
                lines[k].garbage = True
        i = j


def _title_limit(lines: list[_Line]) -> int:
    """How long a standalone title may be: 80% of the median line.

    A title is recognisable as a line clearly shorter than the lines around it: narrow OCR
    columns have lines of 12 to 23 characters, PDF pages of 25 to 40, and extracted paragraphs
    run to hundreds. A text of a few lines does not show its line width, so it gets no limit
    and its wraps (合作区建 / 设，根据…) are always joined.
    """
    lengths = [len(x.text) for x in lines if not x.blank and not _is_table_line(x.text)]
    if len(lengths) < _MIN_LINES_FOR_WIDTH:
        return 0
    return int(0.8 * statistics.median(lengths))


def _should_break(
    para: list[_Line],
    nxt: _Line,
    gap: bool,
    after: tuple[_Line, bool] | None,
    markdown: bool,
    limit: int,
) -> bool:
    """Whether a paragraph ends between ``para`` (the lines gathered so far) and ``nxt``.

    ``gap`` tells whether blank or dropped lines separate them; ``after`` is the content line
    that follows ``nxt`` and whether a gap precedes it, if there is one.
    """
    prev = para[-1]
    if markdown and (gap or prev.hard_break or prev.md_heading or nxt.md_heading):
        # In Markdown a blank line always ends a paragraph; PDF wraps do not occur there.
        return True
    if _is_table_line(prev.text) or _is_table_line(nxt.text):
        return True
    if _ends_paragraph(prev.text) or _HEADING.match(nxt.text) or _DOC_NUMBER.search(prev.text):
        return True
    if prev.md_heading or nxt.md_heading:
        return True
    if gap and _title_shaped(nxt.text, limit) and after is not None and after[1]:
        # A short clause-free line set off by blank lines, followed by another such line or a
        # heading, starts a block of titles (a letterhead, a signature, a document title over
        # its table of contents), even when the line before it lacks its final punctuation.
        nxt2 = after[0].text
        if _title_shaped(nxt2, limit) or _HEADING.match(nxt2) or _is_table_line(nxt2):
            return True
    text = "".join(x.text for x in para)
    if _is_heading_title(text):
        return True
    if all(x.bold for x in para) and not nxt.bold and _title_shaped(text, _BOLD_TITLE_MAX):
        # OCR doubles the glyphs of a bold face: a clause-free bold line followed by regular
        # print is a headline over its article, however long the column lines are.
        return True
    # A short line with no clause in it that starts a paragraph is a title when it stands alone
    # (a blank line follows) or heads a block of such lines (a letterhead, a byline).
    return _title_shaped(text, limit) and (
        gap or (_title_shaped(nxt.text, limit) and not _ends_paragraph(nxt.text))
    )


def _is_latin_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _join(a: tuple[str, list[int]], line: _Line, original: str) -> tuple[str, list[int]]:
    text, offs = a
    if not text:
        return line.text, list(line.offs)
    if _is_latin_alnum(text[-1]) and _is_latin_alnum(line.text[0]):
        # Joining two Latin words needs a space; only an original one may be used.
        gap = original.find(" ", offs[-1] + 1, line.offs[0])
        if gap >= 0:
            return text + " " + line.text, offs + [gap] + line.offs
    return text + line.text, offs + line.offs


# --------------------------------------------------------------------------------------------


def clean_text(original: str, *, markdown: bool = False) -> CleanText:
    """Clean an extracted Chinese text into paragraphs, keeping an offset map to the original.

    Parameters
    ----------
    original : str
        The document text exactly as decoded from the file.
    markdown : bool, optional
        Treat the text as Markdown: drop YAML front matter, HTML comments, images, heading
        markers, bold markers and trailing-backslash hard breaks; keep the text of links; a
        blank line always ends a paragraph.

    Returns
    -------
    CleanText
        Paragraphs separated by one ``"\\n"``, each line stripped, spaces between two CJK
        characters removed and other runs of spaces reduced to one. Dropped: a web-preview
        trailer (a line starting with 预览已结束 and all that follows), scraping footers
        (本文内容来自网络…), isolated OCR garbage lines, doubled OCR print (55月月 → 5月) and
        phrases of six or more characters printed twice in a row. Lines wrapped mid-sentence
        are joined unless the first ends a sentence, the second starts a heading or list item,
        one of them is a table or table-of-contents row, or the first is a short standalone
        title.

    Examples
    --------
    >>> raw = "为加强合作区建\\n\\n设，提出意见。\\n二、主要任务\\n55月月1515日日，，会议举行。"
    >>> ct = clean_text(raw)
    >>> print(ct.text)
    为加强合作区建设，提出意见。
    二、主要任务
    5月15日，会议举行。
    >>> ct.original_span(0, 8)
    (0, 10)
    >>> raw[slice(*ct.original_span(0, 8))]
    '为加强合作区建\\n\\n设'
    >>> ct.removed[:2]
    ((25, 26, 'doubled'), (27, 28, 'doubled'))
    """
    removals = _Removals()
    text, offs = original, list(range(len(original)))
    if markdown:
        text, offs = _strip_markdown_blocks(text, offs, removals)
    lines = _split_lines(text, offs)

    kept: list[_Line] = []
    for line in lines:
        if _PREVIEW.match(line.raw):
            # Nothing after a preview notice is content: links, QR code captions, ads.
            removals.add_original(line.offs[0], len(original), "preview-trailer")
            break
        if line.raw and len(line.raw) <= _FOOTER_MAX and _FOOTER.search(line.raw):
            removals.add(line.offs, 0, len(line.offs), "footer")
            line.text, line.offs = "", []
        kept.append(line)
    lines = kept

    for line in lines:
        if markdown:
            _strip_markdown_line(line, removals)
        elif _MD_HEADING.match(line.text):
            # OCR tools emit Markdown headings even into plain text; keep the marker, honour
            # the break.
            line.md_heading = True
        line.text, line.offs = _normalize_spaces(line.text, line.offs)
        before = len(line.text)
        line.text, line.offs, gone = _collapse_doubling(line.text, line.offs, removals)
        line.bold = before > 0 and gone >= 0.3 * before

    _mark_garbage(lines)
    for line in lines:
        if line.garbage:
            removals.add(line.offs, 0, len(line.offs), "garbage-line")
            line.text, line.offs = "", []

    limit = _title_limit(lines)
    content = [i for i, x in enumerate(lines) if not x.blank]
    paragraphs: list[list[_Line]] = []
    for pos, i in enumerate(content):
        line = lines[i]
        if paragraphs:
            prev_i = content[pos - 1]
            gap = i - prev_i > 1
            after = None
            if pos + 1 < len(content):
                after = (lines[content[pos + 1]], content[pos + 1] - i > 1)
            if _should_break(paragraphs[-1], line, gap, after, markdown, limit):
                paragraphs.append([])
        else:
            paragraphs.append([])
        paragraphs[-1].append(line)

    out_text: list[str] = []
    out_offs: list[int] = []
    separator = 0
    for para in paragraphs:
        buf: tuple[str, list[int]] = ("", [])
        for line in para:
            buf = _join(buf, line, original)
        # Doubled print can straddle a line break; a second pass over the joined paragraph
        # catches what the line-by-line pass could not see.
        ptext, poffs, _ = _collapse_doubling(buf[0], buf[1], removals)
        if out_text:
            # The separator stands for the line break that ended the previous paragraph.
            out_text.append("\n")
            out_offs.append(separator)
        out_text.append(ptext)
        out_offs.extend(poffs)
        separator = para[-1].eol if para[-1].eol is not None else poffs[-1]
    return CleanText("".join(out_text), tuple(out_offs), tuple(sorted(removals.spans)))
