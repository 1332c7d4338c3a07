"""Independent readers of the braille outputs, shared by the tests: BRF pages, PEF rows, rules."""

from __future__ import annotations

import math
from pathlib import Path

from lxml import etree

PEF = "{http://www.daisy.org/ns/2008/pef}"
BRF_BYTES = set(range(0x20, 0x60)) | {0x0D, 0x0A, 0x0C}


def brf_pages(path: Path) -> list[list[str]]:
    """The pages of a BRF as lists of lines (each page ends with a form feed)."""
    data = path.read_bytes()
    assert data.endswith(b"\f")
    pages = data.decode("ascii").split("\f")[:-1]
    for page in pages:
        assert page.endswith("\r\n") and "\n" not in page.replace("\r\n", "")
    return [page.split("\r\n")[:-1] for page in pages]


def pef_pages(path: Path) -> list[list[str]]:
    tree = etree.parse(str(path))
    return [[row.text or "" for row in page.iter(f"{PEF}row")] for page in tree.iter(f"{PEF}page")]


def nearest(element: etree._Element, attribute: str) -> int:
    """The attribute's value on the element or its nearest PEF ancestor (Schematron's lookup)."""
    for node in (element, *element.iterancestors()):
        if node.get(attribute) is not None:
            return int(node.get(attribute))
    return 0


def schematron_violations(path: Path) -> list[str]:
    """The two rules of pef-2008-1.sch, which lxml cannot run (they are XPath 2), in Python."""
    tree = etree.parse(str(path))
    problems = []
    for page in tree.iter(f"{PEF}page"):
        rows = list(page.iter(f"{PEF}row"))
        gaps = sum(nearest(row, "rowgap") for row in rows)
        if math.ceil(gaps / 4) + len(rows) > nearest(page, "rows"):
            problems.append(f"[Rule 1] page with {len(rows)} rows")
    for row in tree.iter(f"{PEF}row"):
        if len(row.text or "") > nearest(row, "cols"):
            problems.append(f"[Rule 2] row of {len(row.text or '')} cells")
    return problems


def relaxng_errors(path: Path, schema_dir: Path) -> str:
    schema = etree.RelaxNG(etree.parse(str(schema_dir / "pef-2008-1.rng")))
    valid = schema.validate(etree.parse(str(path)))
    return "" if valid else str(schema.error_log)
