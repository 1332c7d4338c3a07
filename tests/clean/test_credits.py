"""Image credits: caption lines become Figures; every credit ends in `credit` and the trail."""

from __future__ import annotations

import pytest

from accessnews.clean.credits import CREDIT_SHAPES, Kind, whole_credit
from accessnews.model import Figure, Span, spans_of

from .helpers import PROSE, cleaned

# (caption line as a text article has it, label, caption, credit): every shape of the issue.
CAPTION_LINES = [
    ("Vigil: People lit candles in memory of the victims of the attack (REUTERS)",
     "Vigil", "People lit candles in memory of the victims of the attack", "REUTERS"),
    ("Tribute: Mayor of London Sadiq Khan, Home Secretary Amber Rudd (PA)",
     "Tribute", "Mayor of London Sadiq Khan, Home Secretary Amber Rudd", "PA"),
    ("Vigil: Crowds gathered in Trafalgar Square (Amy Ashenden)",
     "Vigil", "Crowds gathered in Trafalgar Square", "Amy Ashenden"),
    ("Supporters hold up a banner ahead of the vigil (Getty Images)",
     None, "Supporters hold up a banner ahead of the vigil", "Getty Images"),
    ("Ryan Zimmerman celebrates his walk-off home run (AP Photo/Nick Wass)",
     None, "Ryan Zimmerman celebrates his walk-off home run", "AP Photo/Nick Wass"),
    ("Flowers left on the bridge (Getty Images: Jack Taylor)",
     None, "Flowers left on the bridge", "Getty Images: Jack Taylor"),
    ("Crowds gathered in the square. Photograph: Stefan Rousseau/EPA",
     None, "Crowds gathered in the square.", "Stefan Rousseau/EPA"),
    ("Police officers stand guard in Whitehall REUTERS/Stefan Wermuth",
     None, "Police officers stand guard in Whitehall", "REUTERS/Stefan Wermuth"),
    ("The prime minister outside Downing Street. Darren Staples / Reuters file",
     None, "The prime minister outside Downing Street.", "Darren Staples / Reuters file"),
    ("Candles at the vigil. Photo / Reuters", None, "Candles at the vigil.", "Reuters"),
    ("Candles at the vigil. Credit: Jane Smith", None, "Candles at the vigil.", "Jane Smith"),
    ("The president at the White House. Credit... Doug Mills/The New York Times",
     None, "The president at the White House.", "Doug Mills/The New York Times"),
    ("The president at the White House. Credit\u2026Doug Mills/The New York Times",
     None, "The president at the White House.", "Doug Mills/The New York Times"),
    ("A banner at the vigil. Image credit: Jane Smith/PA",
     None, "A banner at the vigil.", "Jane Smith/PA"),
    ("The skyline at dusk. Main image credit: Getty", None, "The skyline at dusk.", "Getty"),
    ("A banner at the vigil \u00a9 Reuters", None, "A banner at the vigil", "Reuters"),
    ("Mourners gather outside the mosque [File: Reuters]",
     None, "Mourners gather outside the mosque", "File: Reuters"),
    ("A laptop on a desk. Photo by Jane Smith on Unsplash",
     None, "A laptop on a desk.", "Jane Smith on Unsplash"),
    ("Volunteers cleaning the park on Saturday. Submitted photo",
     None, "Volunteers cleaning the park on Saturday.", "Submitted photo"),
    ("The new fire station on Main Street. STAFF PHOTO BY JOHN SMITH",
     None, "The new fire station on Main Street.", "STAFF PHOTO BY JOHN SMITH"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "label", "caption", "credit"), CAPTION_LINES)
def test_caption_line_becomes_a_figure(line: str, label: str, caption: str, credit: str) -> None:
    result = cleaned(PROSE, line, PROSE)
    figure = result.blocks[1]
    assert isinstance(figure, Figure)
    assert (figure.label, figure.text.split(": ", 1)[-1], figure.credit) == (label, caption, credit)
    (entry,) = result.dropped
    assert (entry.kind, entry.text) == ("image credit", credit)
    assert entry.where == f"after the caption '{' '.join(caption.split()[:3])}…'"
    assert [b.text for b in (result.blocks[0], result.blocks[2])] == [PROSE, PROSE]


def test_audit_line_reads_as_the_contract_says() -> None:
    (entry,) = cleaned(CAPTION_LINES[0][0]).dropped
    assert (entry.where, entry.reason) == (
        "after the caption 'People lit candles…'",
        "agency credit in parentheses",
    )


CREDIT_ONLY = [
    "(REUTERS)",
    "(PA)",
    "(AP Photo/Nick Wass)",
    "Photograph: Stefan Rousseau/EPA",
    "REUTERS/Stefan Wermuth",
    "Darren Staples / Reuters file",
    "Photo / Reuters",
    "Credit: Jane Smith",
    "Credit... Doug Mills/The New York Times",
    "Image credit: Jane Smith/PA",
    "Main image credit: Getty",
    "\u00a9 Reuters",
    "[File: Reuters]",
    "Photo by Jane Smith on Unsplash",
    "Submitted photo",
    "STAFF PHOTO BY JOHN SMITH",
    "Image copyright Getty Images",
    "Getty Images",
]


@pytest.mark.parametrize("line", CREDIT_ONLY)
def test_a_line_that_is_only_a_credit_disappears_and_is_recorded(line: str) -> None:
    result = cleaned(PROSE, line, PROSE)
    assert [b.text for b in result.blocks] == [PROSE, PROSE]
    (entry,) = result.dropped
    assert entry.kind == "image credit"
    assert entry.text == whole_credit(line)
    assert entry.text in line and entry.where == "after 'The council met…'"


SHAPE_EXAMPLES = [
    (example, shape.kind) for shape in CREDIT_SHAPES for example in shape.rule.examples
]


@pytest.mark.parametrize(("example", "kind"), SHAPE_EXAMPLES)
def test_every_shape_example_is_recognised(example: str, kind: Kind) -> None:
    """The table's own examples: as a whole line, or (a name) ending a labelled caption line."""
    line = f"Vigil: Crowds in the square {example}" if kind is Kind.NAME else example
    result = cleaned(PROSE, line)
    assert result.dropped and result.dropped[-1].kind == "image credit"
    assert all(b.text == PROSE or isinstance(b, Figure) for b in result.blocks)


def test_credit_line_below_a_caption_joins_its_figure() -> None:
    result = cleaned("Vigil: Crowds in the square (PA)", "Photograph: Jane Smith/PA Wire")
    (figure,) = result.blocks
    assert figure.credit == "PA; Jane Smith/PA Wire"
    assert [d.text for d in result.dropped] == ["PA", "Jane Smith/PA Wire"]


def test_bbc_copyright_and_caption_lines_make_one_figure() -> None:
    result = cleaned(
        PROSE, "Image copyright Getty Images", "Image caption Crowds gathered in the square", PROSE
    )
    figure = result.blocks[1]
    assert isinstance(figure, Figure)
    assert (figure.label, figure.text, figure.credit) == (
        None,
        "Crowds gathered in the square",
        "Getty Images",
    )
    kinds = sorted((d.kind, d.text) for d in result.dropped)
    assert kinds == [("caption prefix", "Image caption"), ("image credit", "Getty Images")]


def test_bbc_copyright_and_caption_on_one_line() -> None:
    result = cleaned("Image copyright Reuters Image caption Flowers left at the gates")
    (figure,) = result.blocks
    assert (figure.text, figure.credit) == ("Flowers left at the gates", "Reuters")


# Figures from HTML: the reader took `credit` from markup; the caption may hold another.
@pytest.mark.parametrize(
    ("caption", "markup", "text", "credit"),
    [
        ("The president at the White House. Credit\u2026 Doug Mills/The New York Times", None,
         "The president at the White House.", "Doug Mills/The New York Times"),
        ("Crowds in the square. Photograph: Jane Smith/EPA", "Getty Images",
         "Crowds in the square.", "Getty Images; Jane Smith/EPA"),
        ("Ryan Zimmerman celebrates (AP Photo/Nick Wass)", None,
         "Ryan Zimmerman celebrates", "AP Photo/Nick Wass"),
        ("Crowds in the square", "Credit: Reuters", "Crowds in the square", "Reuters"),
        ("Crowds in the square.", "Jane Smith", "Crowds in the square.", "Jane Smith"),
        ("Image caption Crowds in the square", None, "Crowds in the square", None),
    ],
)  # fmt: skip
def test_html_figure_credits(caption: str, markup: str | None, text: str, credit: str) -> None:
    result = cleaned(Figure(caption=spans_of(caption), credit=markup))
    (figure,) = result.blocks
    assert (figure.text, figure.credit) == (text, credit)
    credits = [d.text for d in result.dropped if d.kind == "image credit"]
    assert credits == (credit.split("; ") if credit else [])


def test_a_credit_in_markup_and_caption_is_recorded_once() -> None:
    result = cleaned(Figure(caption=spans_of("Crowds in the square (Reuters)"), credit="Reuters"))
    (figure,) = result.blocks
    assert (figure.text, figure.credit) == ("Crowds in the square", "Reuters")
    (entry,) = result.dropped
    assert entry.text == "Reuters" and "repeated" in entry.reason


def test_caption_emphasis_survives_the_credit_cut() -> None:
    spans = (Span("Vigil: "), Span("Candles", italic=True), Span(" in the square (PA)"))
    (figure,) = cleaned(Figure(caption=spans)).blocks
    assert figure.caption == (Span("Vigil: "), Span("Candles", italic=True), Span(" in the square"))


def test_a_figure_that_is_only_a_credit_stays_uncaptioned_recorded() -> None:
    """The picture is there: the figure stays with no caption, its credit split off."""
    result = cleaned(PROSE, Figure(caption=spans_of("Credit: Jane Smith/PA")))
    figure = result.blocks[1]
    assert isinstance(figure, Figure)
    assert (figure.caption, figure.text, figure.credit) == ((), "", "Jane Smith/PA")
    assert [(d.kind, d.text) for d in result.dropped] == [("image credit", "Jane Smith/PA")]


# False-positive traps: prose and quotes that only look a little like captions are kept whole.
TRAPS = [
    "(Reuters) \u2014 The New York State Attorney General said on Thursday he would sue.",
    "HAYWARD, Calif. (AP) \u2014 The Latest on the fire in Northern California (all times local)",
    "According to AFP, the death toll had risen to twelve by Thursday evening.",
    '"We will not be divided (whatever they try)," she said.',
    "\u201cLondon is united (and always will be)\u201d",
    "Getty Images said it would appeal against the ruling on Monday.",
    "The pictures were supplied to Reuters by a local photographer.",
    "The minister spoke outside Downing Street on Tuesday. She said the country would not be "
    "cowed by the attack and that Parliament would sit as normal (PA)",
    "Photo: people gathered near the gates",
    "The cover featured a photo by Annie Leibovitz",
    "The statement was issued by AFP",
    "Ms Khan (Labour) said the plan was a disgrace.",
    "London attack: what we know so far (live)",
    "Credit: the scheme has helped thousands of families.",
    "Image sources say the photographs were taken on Monday.",
]


@pytest.mark.parametrize("line", TRAPS)
def test_false_positive_traps_are_kept(line: str) -> None:
    result = cleaned(PROSE, line)
    assert [b.text for b in result.blocks] == [PROSE, line]
    assert result.dropped == ()
