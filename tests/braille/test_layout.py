"""Layout rules (BANA Braille Formats 2016) on hand-made Braille ASCII, no liblouis needed."""

from __future__ import annotations

from accessnews.braille.layout import (
    BOX_CLOSE,
    BOX_OPEN,
    Group,
    PageSetup,
    Para,
    lay_out_group,
    paginate,
    shorten,
    wrap,
)


def label(number: int) -> str:
    return "#" + "JABCDEFGHI"[number % 10] * len(str(number))  # shape of a UEB number, n cells


def words(count: int, word: str = "WORD") -> str:
    return " ".join([word] * count)


def test_wrap_breaks_between_words_only() -> None:
    assert wrap("AB CD EF GH", 5, 5) == ["AB CD", "EF GH"]
    assert wrap("AB  CD", 8, 8) == ["AB CD"]  # runs of blanks collapse


def test_wrap_cuts_only_a_word_longer_than_the_line() -> None:
    assert wrap("A LONGWORDHERE B", 6, 6) == ["A", "LONGWO", "RDHERE", "B"]


def test_running_head_is_shortened_to_whole_words() -> None:
    assert shorten(",LONDON ATTACK3 ,CR[DS", 16) == ",LONDON ATTACK3"
    assert shorten(",LONDON ATTACK3", 6) == ""  # no broken word: no running head


def test_paragraph_starts_in_cell_3_and_runs_over_to_cell_1() -> None:
    lines = lay_out_group(Group("p", (Para(words(12), first=3, runover=1),)), 20)
    assert [line.text for line in lines] == [
        "  WORD WORD WORD",
        "WORD WORD WORD WORD",
        "WORD WORD WORD WORD",
        "WORD",
    ]


def test_centred_heading_keeps_three_blank_cells_each_side() -> None:
    lines = lay_out_group(Group("h", (Para(words(5), centred=True),)), 20)
    assert [line.text for line in lines] == ["   WORD WORD WORD", "     WORD WORD"]
    for line in lines:
        assert len(line.text) - len(line.text.lstrip()) >= 3
        assert 20 - len(line.text) >= 3


def test_note_and_box_line() -> None:
    note = lay_out_group(Group("f", (Para("@.<IMAGE3 X@.>", first=7, runover=5, note=True),)), 20)
    assert note[0].text == "      @.<IMAGE3 X@.>" and note[0].kind == "note"
    box = Group("e", (Para("", rule=BOX_OPEN), Para("X"), Para("", rule=BOX_CLOSE)))
    rule = lay_out_group(box, 20)
    assert [line.text for line in rule] == ["7" * 20, "X", "G" * 20]
    assert [line.kind for line in rule] == ["rule", "text", "rule"]


def test_page_number_bottom_right_with_three_blank_cells() -> None:
    setup = PageSetup(cells=20, lines=6)
    pages = paginate([Group("p", (Para(words(40)),))], setup, label)
    for page in pages:
        assert len(page.rows) == 6
        assert page.rows[-1] == " " * 18 + label(page.number)
    assert [p.number for p in pages] == [1, 2]  # 10 lines of text, 5 a page


def test_page_number_top_and_none() -> None:
    groups = [Group("p", (Para(words(40)),))]
    top = paginate(groups, PageSetup(cells=20, lines=6, page_numbers="top"), label)
    assert top[1].rows[0] == " " * 18 + "#B"
    assert len(top[1].rows) == 6
    none = paginate(groups, PageSetup(cells=20, lines=6, page_numbers="none"), label)
    assert all("#" not in row for page in none for row in page.rows)
    assert sum(len(page.rows) for page in none) == 40 // 4


def test_running_head_on_line_1_after_the_first_page() -> None:
    setup = PageSetup(cells=20, lines=6, running_head="HEAD")
    pages = paginate([Group("p", (Para(words(40)),))], setup, label)
    assert pages[0].rows[0].startswith("WORD")
    assert pages[1].rows[0] == "        HEAD"
    assert pages[1].lines[0].kind == "head"


def test_interpoint_numbers_right_hand_pages_only() -> None:
    setup = PageSetup(cells=20, lines=6, interpoint=True)
    pages = paginate([Group("p", (Para(words(60)),))], setup, label)
    assert pages[0].rows[-1].endswith("#A")
    assert not any(row.strip().startswith("#") for row in pages[1].rows)
    assert pages[2].rows[-1].endswith("#C")


def test_heading_never_ends_a_page() -> None:
    setup = PageSetup(cells=20, lines=6)  # 5 text lines a page
    groups = [
        Group("p1", (Para(words(12)),)),  # 3 lines
        Group("h", (Para("HEAD", first=5, runover=5),), blank_before=True, keep_with_next=True),
        Group("p2", (Para(words(8)),)),
    ]
    pages = paginate(groups, setup, label)
    # Blank + heading + 2 lines do not fit in the 2 lines left: the heading opens page 2,
    # with no blank line above it at the top of the page.
    assert [line.source for line in pages[0].lines if line.source] == ["p1"] * 3
    assert pages[1].rows[:3] == ("    HEAD", "WORD WORD WORD WORD", "WORD WORD WORD WORD")


def test_blank_lines_never_doubled_nor_at_top_or_bottom() -> None:
    setup = PageSetup(cells=20, lines=5, page_numbers="none")
    groups = [
        Group("a", (Para(words(12)),), blank_after=True),
        Group("b", (Para(words(4)),), blank_before=True, blank_after=True),
        Group("c", (Para(words(4)),), blank_before=True),
    ]
    pages = paginate(groups, setup, label)
    rows = [page.rows for page in pages]
    assert rows == [
        ("WORD WORD WORD WORD",) * 3 + ("",) + ("WORD WORD WORD WORD",),
        ("WORD WORD WORD WORD",),  # the blank before "c" would have been line 5: dropped
    ]


def test_no_page_holds_only_a_page_number() -> None:
    setup = PageSetup(cells=20, lines=6)
    exact = paginate([Group("p", (Para(words(20)),))], setup, label)  # exactly one page of text
    assert len(exact) == 1
