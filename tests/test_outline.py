"""The outline `accessnews clean` prints: what was dropped, also counted by rule family."""

from __future__ import annotations

from accessnews.model import Article, Dropped, Paragraph, spans_of
from accessnews.outline import family_counts, outline


def test_drops_are_counted_by_family_so_a_reviewer_can_scan_for_false_positives() -> None:
    dropped = (
        Dropped("boilerplate", "Sign up", "call to action"),
        Dropped("page chrome", "Home News Sport", "navigation"),
        Dropped("boilerplate", "Log in", "call to action"),
    )
    assert family_counts(dropped) == [
        "       2  boilerplate: call to action",
        "       1  page chrome: navigation",
    ]
    article = Article(headline="H", blocks=(Paragraph(spans_of("Text.")),), dropped=dropped)
    assert outline(article).endswith(
        "dropped by family (kind: reason):\n"
        "       2  boilerplate: call to action\n"
        "       1  page chrome: navigation"
    )


def test_nothing_dropped_has_no_family_section() -> None:
    article = Article(headline="H", blocks=(Paragraph(spans_of("Text.")),))
    assert outline(article).endswith("0 dropped:")
