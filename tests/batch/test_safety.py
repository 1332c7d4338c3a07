"""Member-name and size defences, on the names hostile archives actually carry."""

from __future__ import annotations

import io

import pytest

from accessnews.batch.naming import Namer
from accessnews.batch.safety import Budget, Limits, Refused, printable, safe_parts


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "\\windows\\system.ini",
        "C:/x.html",
        "c:evil.txt",
        "../up.txt",
        "a/../../b.txt",
        "a\\..\\b.txt",
        "",
        "./",
    ],
)
def test_escaping_names_are_refused(name: str) -> None:
    with pytest.raises(Refused):
        safe_parts(name)


def test_ordinary_names_keep_their_folders() -> None:
    assert safe_parts("./2024/01//story.html") == ("2024", "01", "story.html")
    assert safe_parts("a\\b.txt") == ("a", "b.txt")


def test_non_utf8_and_control_characters_become_safe_file_names() -> None:
    raw = b"caf\xe9\x07.txt".decode("utf-8", "surrogateescape")
    assert printable(raw) == "caf\ufffd\x07.txt"
    assert safe_parts(raw) == ("caf__.txt",)


def test_long_names_are_cut_to_what_a_filesystem_accepts() -> None:
    (part,) = safe_parts("é" * 300 + ".html")
    assert len(part.encode()) <= 120


def test_a_member_over_the_cap_is_refused_by_its_declared_size() -> None:
    budget = Budget(Limits(member_bytes=10, total_bytes=100))
    with pytest.raises(Refused, match="cap"):
        budget.read(io.BytesIO(b"x" * 5), declared=11)


def test_a_member_bigger_than_it_declared_is_refused() -> None:
    budget = Budget(Limits(member_bytes=100, total_bytes=1000))
    with pytest.raises(Refused, match="declared"):
        budget.read(io.BytesIO(b"x" * 50), declared=10)


def test_an_undeclared_stream_is_cut_at_the_cap() -> None:
    budget = Budget(Limits(member_bytes=10, total_bytes=1000))
    with pytest.raises(Refused, match="cap"):
        budget.read(io.BytesIO(b"x" * 10_000), declared=None)


def test_the_total_cap_spans_members() -> None:
    budget = Budget(Limits(member_bytes=10, total_bytes=15))
    assert budget.read(io.BytesIO(b"x" * 10), declared=10) == b"x" * 10
    with pytest.raises(Refused, match="total"):
        budget.read(io.BytesIO(b"y" * 10), declared=None)


def test_colliding_output_names_get_distinct_stable_stems() -> None:
    names = [("story.html",), ("story.txt",), ("Story.txt",), ("report.html",), ("d", "x.md")]
    namer, again = Namer(), Namer()
    stems = [namer.stem(p) for p in names]
    assert stems == ["story", "story-txt", "Story-txt-2", "report-html", "d/x"]
    assert [again.stem(p) for p in names] == stems  # a re-run names every member the same
