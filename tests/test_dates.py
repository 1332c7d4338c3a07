"""Dates as news text writes them."""

import pytest

from accessnews.dates import parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 23, 2017", "2017-03-23"),
        ("Mar 23 2017", "2017-03-23"),
        ("23 March 2017", "2017-03-23"),
        ("23rd March 2017", "2017-03-23"),
        ("2017-03-23", "2017-03-23"),
        ("2026-10-14T22:40:00+01:00", "2026-10-14"),
        ("2026-10-14T22:40Z", "2026-10-14"),
        ("2017-03-23-99", None),
        ("12 de octubre de 2026", "2026-10-12"),
        ("1er mars 2026", "2026-03-01"),
        ("February 30, 2017", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso
