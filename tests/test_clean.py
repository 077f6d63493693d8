"""Tests of the cleaning stage: the offset contract, the five bundled documents, and each rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.clean import CleanText, clean_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
REASONS = {
    "front-matter",
    "html-comment",
    "image",
    "markup",
    "link",
    "preview-trailer",
    "footer",
    "garbage-line",
    "doubled",
    "repeated-phrase",
}


def read(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def clean_file(prefix: str) -> tuple[str, CleanText]:
    original = read(prefix)
    # As the document reader decides: front matter makes a file Markdown.
    return original, clean_text(original, markdown=original.startswith("---"))


def assert_contract(original: str, ct: CleanText) -> None:
    """Every clean character is copied from its offset or is a "\\n" standing for a line break."""
    assert len(ct.offsets) == len(ct.text)
    for i, (c, off) in enumerate(zip(ct.text, ct.offsets, strict=True)):
        assert 0 <= off < len(original), (i, off)
        if c == "\n":
            assert original[off] in LINE_BREAKS, (i, off, original[off])
        else:
            assert original[off] == c, (i, c, off, original[off])
    assert all(a <= b for a, b in zip(ct.offsets, ct.offsets[1:], strict=False))
    for line in ct.text.split("\n"):
        assert line, "empty paragraph"
        assert line == line.strip(), repr(line)
    for start, end, reason in ct.removed:
        assert 0 <= start < end <= len(original) and reason in REASONS
    assert list(ct.removed) == sorted(ct.removed)


def paragraphs(text: str, **kw) -> list[str]:
    ct = clean_text(text, **kw)
    assert_contract(text, ct)
    return ct.text.split("\n") if ct.text else []


def is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


# --------------------------------------------------------------------------------------------
# The five bundled documents

PREFIXES = ["000", "001", "002", "003", "004"]

EXPECTED = {
    "000": ["國台辦副主任龍明彪", "湖南省長會見台商歡迎到湘投資興業"],
    "001": [
        "湖南城陵矶新港区",
        "海峡两岸产业合作区（湖南）（以下简称合作区）建设",
        "大力实施“三高四新”战略",
    ],
    "002": [
        "湖南省发展和改革委员会",
        "关于印发《海峡两岸产业合作区（湖南）数字化低碳化发展规划》的通知",
    ],
    "003": [
        "5月15日",
        "湖南省商務廳廳長沈裕謀表示，當前",
        "以招引標杆性企業和引擎性項目為核心",
        "「湖南省重點產業鏈合作交流會」在深圳舉行。",
    ],
    "004": ["湖南,挺立在「智」造蝶變的潮頭浪尖上。", "其中,外資項目爲15個"],
}

ABSENT = {
    "000": ["![](", "<!--", "description:", "**", "\\"],
    "001": ["预览已结束", "yunbaogao"],
    "002": ["本文内容来自网络", "EESIA"],
    "003": ["55月月", "表示湖南省商務廳", "，，", "。。"],
    "004": [],
}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_corpus_offsets_contract(prefix):
    original, ct = clean_file(prefix)
    assert ct.text
    assert_contract(original, ct)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_corpus_original_span_round_trip(prefix):
    original, ct = clean_file(prefix)
    n = len(ct.text)
    for start, end in [(0, 1), (0, n), (n // 3, n // 2), (n - 7, n), (n // 2, n // 2 + 1)]:
        a, b = ct.original_span(start, end)
        assert (a, b) == (ct.offsets[start], ct.offsets[end - 1] + 1)
        assert original[a] == ct.text[start] or ct.text[start] == "\n"
        assert original[b - 1] == ct.text[end - 1] or ct.text[end - 1] == "\n"
        # Nothing is invented: the clean span is drawn, in order, from the original span.
        assert is_subsequence(ct.text[start:end].replace("\n", ""), original[a:b])


@pytest.mark.parametrize("prefix", PREFIXES)
def test_corpus_known_phrases(prefix):
    original, ct = clean_file(prefix)
    for phrase in EXPECTED[prefix]:
        start = ct.text.find(phrase)
        assert start >= 0, phrase
        a, b = ct.original_span(start, start + len(phrase))
        assert is_subsequence(phrase, original[a:b])
    for junk in ABSENT[prefix]:
        assert junk not in ct.text, junk


def test_corpus_000_markdown_removals():
    original, ct = clean_file("000")
    reasons = [r for _, _, r in ct.removed]
    assert reasons.count("image") == 5
    assert ("front-matter" in reasons) and ("html-comment" in reasons)
    front = next(x for x in ct.removed if x[2] == "front-matter")
    assert front[0] == 0 and original[front[1] - 4 : front[1]] == "---\n"
    assert ct.text.startswith("第十五屆湘台經貿文化交流合作會")
    # The photo caption and the bylined report are separate paragraphs.
    assert "（蔡叔涓攝）\n【記者蔡叔涓湖南報導】" in ct.text


def test_corpus_001_trailer_reaches_the_end():
    original, ct = clean_file("001")
    (trailer,) = [x for x in ct.removed if x[2] == "preview-trailer"]
    assert original[trailer[0] :].startswith("预览已结束")
    assert trailer[1] == len(original)
    assert ct.text.endswith("支持推动土地复合开发利用，用途合")
    lines = ct.text.split("\n")
    assert "一、总体要求" in lines and "二、主要任务" in lines


def test_corpus_002_structure():
    original, ct = clean_file("002")
    lines = ct.text.split("\n")
    assert lines[:3] == [
        "湖南省发展和改革委员会",
        "中共湖南省委台湾工作办公室",
        "湖南省工业和信息化厅",
    ]
    assert "一、湘台产业合作的基础条件\t8" in lines  # a TOC entry is never joined
    assert "目录" in lines  # a letter-spaced heading is not garbage
    (footer,) = [x for x in ct.removed if x[2] == "footer"]
    assert original[footer[0] : footer[1]].startswith("本文内容来自网络")


def test_corpus_003_doubled_print_and_titles():
    original, ct = clean_file("003")
    lines = ct.text.split("\n")
    assert "湖南—香港投融資對接洽談會上，多家湘港企業達成初步合作意向。" in lines
    assert "招商密碼：26種方式解碼產業生態" in lines
    assert "湖南與大灣區雙向奔赴經貿合作加速升級" in lines  # a bold headline over regular print
    reasons = {r for _, _, r in ct.removed}
    assert {"doubled", "repeated-phrase"} <= reasons
    # Each dropped copy equals the text kept just before it.
    for start, end, reason in ct.removed:
        if reason == "doubled" and end - start == 1:
            assert original[start] == original[start - 1]
    # The legitimate 廳廳 of 商務廳廳長 survives.
    assert "商務廳廳長" in ct.text


def test_corpus_004_garbage_lines():
    original, ct = clean_file("004")
    lines = ct.text.split("\n")
    for junk in ["日日", "勿", "尚", "引資", "強"]:
        assert junk not in lines
    dropped = [original[s:e] for s, e, r in ct.removed if r == "garbage-line"]
    assert dropped == ["日日", "勿", "尚", "引資", "強"]
    assert "其中,外資項目爲15個,先進製造業項目個數和投資總額佔比均超七成。" in lines


# --------------------------------------------------------------------------------------------
# The contract itself


def test_original_span_rejects_empty_and_out_of_range():
    ct = clean_text("湖南省长沙\n\n市岳麓区。")
    assert ct.text == "湖南省长沙市岳麓区。"
    assert ct.original_span(0, len(ct.text)) == (0, len("湖南省长沙\n\n市岳麓区。"))
    assert ct.original_span(4, 6) == (4, 8)
    for start, end in [(0, 0), (3, 3), (2, 1), (-1, 2), (0, len(ct.text) + 1)]:
        with pytest.raises(ValueError):
            ct.original_span(start, end)


def test_cleantext_refuses_mismatched_offsets():
    with pytest.raises(ValueError):
        CleanText("ab", (0,))
    assert CleanText("ab", (0, 1)).removed == ()


def test_empty_and_blank_inputs():
    for text in ["", "   \n\n\t\n", "\n"]:
        ct = clean_text(text)
        assert ct.text == "" and ct.offsets == ()


def test_crlf_separator_points_at_the_line_break():
    text = "第一段。\r\n第二段。\r\n"
    ct = clean_text(text)
    assert_contract(text, ct)
    assert ct.text == "第一段。\n第二段。"
    assert text[ct.offsets[4]] == "\r"


# --------------------------------------------------------------------------------------------
# Line wraps


def test_wrap_inside_a_name_is_joined():
    assert paragraphs("湖南城陵矶新港\n\n区") == ["湖南城陵矶新港区"]
    text = "结合合作区岳阳产业园(湖南城陵矶新港\n\n区)、湘潭产业园发展实际。"
    assert paragraphs(text) == ["结合合作区岳阳产业园(湖南城陵矶新港区)、湘潭产业园发展实际。"]


def test_wrap_after_a_short_first_line_is_joined():
    text = "合作区建\n\n设，根据《国务院台湾事务办公室关于设立海峡两岸产业合作区的函》精神。"
    assert paragraphs(text)[0].startswith("合作区建设，根据")


def test_sentence_end_keeps_two_paragraphs():
    assert paragraphs("第一段到此结束。\n第二段从这里开始。") == [
        "第一段到此结束。",
        "第二段从这里开始。",
    ]
    assert paragraphs("提出如下意见：\n\n\n各市州人民政府") == ["提出如下意见：", "各市州人民政府"]


def test_heading_is_not_joined_to_its_neighbours():
    text = "加快推进合作区建设\n二、主要任务\n立足三大产业园现有产业基础和\n未来发展定位。"
    assert paragraphs(text) == [
        "加快推进合作区建设",
        "二、主要任务",
        "立足三大产业园现有产业基础和未来发展定位。",
    ]
    for head in [
        "（一）优化布局",
        "(二) 区位优势",
        "1. 总体目标",
        "第三条附则",
        "●重点项目",
        "——加强",
    ]:
        assert paragraphs(f"前面一行没有句号\n{head}") == ["前面一行没有句号", head]


def test_document_number_stands_alone():
    assert paragraphs("闽工信发〔2024〕12 号\n\n各设区市工信局：") == [
        "闽工信发〔2024〕12 号",
        "各设区市工信局：",
    ]


def test_numbered_line_inside_a_sentence_is_not_a_heading():
    assert paragraphs("全部工业增加值为\n1.56万亿元。") == ["全部工业增加值为1.56万亿元。"]


def test_closing_quote_ends_a_paragraph_only_after_a_sentence():
    assert paragraphs("大力实施“三高四新”\n\n战略。") == ["大力实施“三高四新”战略。"]
    assert paragraphs("他说：“好。”\n下一段。") == ["他说：“好。”", "下一段。"]
    assert paragraphs("在长沙举行。（记者摄）\n记者报道。") == [
        "在长沙举行。（记者摄）",
        "记者报道。",
    ]


def test_toc_and_table_rows_are_never_joined():
    assert paragraphs("前言\t1\n总则\t3\n附录……5") == ["前言\t1", "总则\t3", "附录……5"]
    assert paragraphs("类型\t指标\n数字经济\t1000") == ["类型\t指标", "数字经济\t1000"]


def test_toc_lines_are_never_joined():
    text = "目 录\n一、基础条件\t8\n(一) 产业优势.....\t8\n二、总体要求\t11"
    assert paragraphs(text) == [
        "目录",
        "一、基础条件\t8",
        "(一) 产业优势.....\t8",
        "二、总体要求\t11",
    ]


def test_ocr_columns_join_into_running_text():
    rows = ["性企業和引擎性項目為核", "心，形成集群效應，實現", "產業協同發展。比如常德", "萬。"]
    assert paragraphs("\n".join(rows)) == ["".join(rows)]


def test_latin_words_keep_an_original_space_across_a_wrap():
    assert paragraphs("the Hong \nKong office。") == ["the Hong Kong office。"]


# --------------------------------------------------------------------------------------------
# Spaces


def test_space_runs():
    assert paragraphs("湖南   长沙") == ["湖南长沙"]
    assert paragraphs("（湖南） 数字化") == ["（湖南）数字化"]
    assert paragraphs("到 2025 年，GDP   比重") == ["到 2025 年，GDP 比重"]
    assert paragraphs("  \u3000前后空格\u3000 ") == ["前后空格"]
    assert paragraphs("湖南\u200b长沙") == ["湖南长沙"]


# --------------------------------------------------------------------------------------------
# Doubled print and repeated phrases


def test_doubled_characters_collapse():
    ct = clean_text("55月月1515日日，，20252025年湖南")
    assert ct.text == "5月15日，2025年湖南"
    assert {r for _, _, r in ct.removed} == {"doubled"}
    assert_contract("55月月1515日日，，20252025年湖南", ct)


def test_repeated_phrase_collapses():
    text = "湖南—香港投融資對接洽談會上湖南—香港投融資對接洽談會上，，多家企業達成意向。"
    ct = clean_text(text)
    assert ct.text == "湖南—香港投融資對接洽談會上，多家企業達成意向。"
    assert "repeated-phrase" in {r for _, _, r in ct.removed}


def test_doubling_across_a_line_break():
    text = "正錨定正錨定 「「三高四\n新三高四新」」 美好藍圖"
    assert paragraphs(text) == ["正錨定「三高四新」美好藍圖"]


@pytest.mark.parametrize(
    "text",
    [
        "谢谢大家。",
        "常常来往，人人有责，天天向上。",
        "商務廳廳長沈裕謀表示。",
        "高高兴兴上学去。",
        "哈哈哈哈哈哈。",
        "投资1000000元，编号112233。",
        "bookkeeper",
        "他说「好」」",
        "两岸——一家亲……",
    ],
)
def test_legitimate_repetition_is_kept(text):
    ct = clean_text(text)
    assert ct.text == text
    assert ct.removed == ()


def test_short_repeat_alone_is_not_a_phrase():
    # Five characters twice is not enough evidence of doubled print on its own.
    assert paragraphs("在深圳舉行在深圳舉行") == ["在深圳舉行在深圳舉行"]


# --------------------------------------------------------------------------------------------
# Garbage lines, trailers and footers


def test_isolated_garbage_lines_are_dropped():
    text = "達成初步合作意向。\n\n日日\n\n勿\n\n引資\n\n其中,外資項目爲15個。"
    ct = clean_text(text)
    assert ct.text == "達成初步合作意向。\n其中,外資項目爲15個。"
    assert [text[s:e] for s, e, r in ct.removed if r == "garbage-line"] == ["日日", "勿", "引資"]


@pytest.mark.parametrize(
    "text",
    [
        "達成意向。\n\n5G\n\n其中。",  # a digit
        "達成意向。\n\n績。\n\n其中。",  # ends with punctuation
        "達成意向。\n\n目 录\n\n其中。",  # a letter-spaced heading
        "達成意向。\n日日\n其中。",  # not set off by blank lines
    ],
)
def test_short_lines_that_are_not_garbage(text):
    ct = clean_text(text)
    assert "garbage-line" not in {r for _, _, r in ct.removed}


def test_short_tail_of_a_wrap_is_not_garbage():
    assert paragraphs("推进合作区建\n\n设\n\n工作。") == ["推进合作区建设工作。"]


@pytest.mark.parametrize("notice", ["预览已结束，完整报告链接和二维码如下：", "預覽已結束"])
def test_preview_trailer_drops_the_rest(notice):
    text = f"正文内容。\n{notice}\nhttps://www.example.cn/report?id=1\n\n广告文字。"
    ct = clean_text(text)
    assert ct.text == "正文内容。"
    assert ct.removed == ((text.index(notice[0]), len(text), "preview-trailer"),)


@pytest.mark.parametrize(
    "footer",
    [
        "本文内容来自网络，由EESIA搜集整理，如有任何异议请联系我们，我们将酌情处理！",
        "本文內容來自網絡，如有侵權請聯繫刪除。",
        "图片来源于网络，如有侵权请联系删除",
    ],
)
def test_scraping_footers_are_dropped(footer):
    ct = clean_text(f"正文。\n\n{footer}")
    assert ct.text == "正文。"
    assert [r for _, _, r in ct.removed] == ["footer"]


def test_an_objection_notice_in_a_document_is_content():
    text = "公示期为五日。如有异议，请于公示期内向本局联系。"
    assert clean_text(text).text == text


# --------------------------------------------------------------------------------------------
# Markdown

MARKDOWN = (
    "---\ntitle: 標題\ndescription: 稿源\n---\n<!--StartFragment-->\n\n"
    "![說明](https://x.example/a(1).jpg)\n\n## 小標題\n\n**湖南省長會見台商 歡迎投資**\n\n"
    "第一句。\\\n第二句見[新聞稿](https://x.example/b)全文。\n\n圖片說明（記者攝）\n\n正文開始"
)


def test_markdown_elements_are_removed():
    ct = clean_text(MARKDOWN, markdown=True)
    assert_contract(MARKDOWN, ct)
    assert ct.text.split("\n") == [
        "小標題",
        "湖南省長會見台商歡迎投資",
        "第一句。",
        "第二句見新聞稿全文。",
        "圖片說明（記者攝）",  # a blank line ends a Markdown paragraph
        "正文開始",
    ]
    reasons = [r for _, _, r in ct.removed]
    for reason in ["front-matter", "html-comment", "image", "link", "markup"]:
        assert reason in reasons
    (image,) = [x for x in ct.removed if x[2] == "image"]
    assert MARKDOWN[image[0] : image[1]] == "![說明](https://x.example/a(1).jpg)"


def test_markdown_flag_is_needed_for_markup():
    ct = clean_text(MARKDOWN)
    assert "![說明]" in ct.text and "description:" in ct.text


def test_unclosed_front_matter_is_text():
    ct = clean_text("---\ntitle: 第一句。", markdown=True)
    assert "title: 第一句。" in ct.text and ct.removed == ()
