"""Golden test: the first BRF page of the reference article, checked by hand against the rules.

The article comes from the reader alone (no cleaning), so this pins the braille writer and does
not move when cleaning rules change the text. UEB grade 2 from liblouis 3.24, 40 cells x 25 lines.
"""

from __future__ import annotations

from pathlib import Path

from accessnews.braille.writer import BrailleOptions, BrailleWriter
from accessnews.read import read_bytes

FIRST_PAGE = [
    # Headline: centred (BANA Formats §4, headings), at most 34 cells a line so that at least
    # 3 blank cells stand on each side; runovers centred too. No blank line above it: a blank
    # line is never left at the top of a page. "," is the capital indicator, "3" the colon,
    # "=" the contraction "for".
    # Line 1: 29 cells; ",TRAFALG>" would make it 39 > 34. (40 - 29) // 2 = 5 blank cells before.
    "     ,LONDON ATTACK3 ,CR[DS GA!R =",
    # Line 2: 27 cells ("PAY+" = paying), 6 before; "TRIBUTE" would make it 35.
    "      ,TRAFALG> ,SQU>E VIGIL PAY+",
    # Line 3: 29 cells ("(" = of, ";T" = -ment), 5 before.
    "     TRIBUTE TO VICTIMS ( ,P>LIA;T",
    # Line 4: the last runover, 6 cells centred: 17 blank cells before.
    "                 ATTACK",
    # Blank line after the headline.
    "",
    # Byline in 1-3 ("*" = ch), then the blank line that closes the front matter.
    ",*LOE ,*APLA9",
    "",
    # Paragraphs in 3-1: first line indented two cells, runovers at cell 1, no blank line
    # between paragraphs. Every line breaks between braille words: line 8 holds 39 cells and
    # the next word "9" ("in") would make it 41, so it opens line 9.
    "  ,CR[DS ( ,LONDON]S H GA!R$ AT A VIGIL",
    # Line 9: exactly 40 cells, the whole line used.
    "9 ,TRAFALG> ,SQU>E ? EV5+ TO PAY TRIBUTE",
    "TO ^? KILL$ & 9JUR$ 9 ! ,WE/M9/] T]ROR",
    # Line 11: the paragraph's last runover ("4" = full stop); the next paragraph follows at once.
    "ATTACK4",
    "  ,! ,MAYOR ( ,LONDON1 ,SADIQ ,KHAN1",
    "9VIT$ BO? RESID5TS & T\\RI/S TO JO9 A",
    "C&LELIT MEMORIAL AT ! C5TRAL ,LONDON",
    "L&M>K 9 SOLID>;Y ) VICTIMS ( ! ,P>LIA;T",
    "ATTACK4",
    '  ,! SOMBRE GA!R+ M>K$ "O "D S9CE',
    ",LONDON 0 T>GET$ 9 A BLOODY ASSAULT :",
    'SAW A L"O ASSAILANT DRIVE 9TO BY/&]S &',
    "/AB A S]V+ POLICE (FIC]4",
    # The next paragraph starts on line 21 and runs on to the next page: paragraphs flow.
    # Curly quotes come out as UEB's "8" (opening) and "0" (closing) double quotes.
    '  ,MR ,KHAN _H 5C\\RAG$ 8"EY"O VISIT+ \\R',
    "C;Y0 TO JO9 TGR 9 MEMORY ( ^? :O LO/ _!",
    "LIVES & 8TO %[ ! _W T WE >E M COMMITT$",
    # Line 24: the last line of text; the spaced hyphen is the reader's raw text (cleaning would
    # make it a dash), brailled as it stands since the writer never cleans.
    '?AN "E TO ! VALUES T WE HOLD DE> - T WE',
    # Line 25: the braille page number "#A" (1) flush right, well over 3 blank cells before it.
    "                                      #A",
]


def test_first_brf_page_of_the_reference_article(seed_path: Path, tmp_path: Path) -> None:
    article = read_bytes(seed_path.read_bytes(), name=seed_path.name)
    with BrailleWriter(BrailleOptions()) as writer:
        writer.write(article, tmp_path, "seed")
    first_page = (tmp_path / "seed.brf").read_bytes().split(b"\f")[0].decode("ascii")
    assert first_page.split("\r\n") == [*FIRST_PAGE, ""]  # every line ends CR LF
