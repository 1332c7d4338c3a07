"""Archive readers on real zip, tar, directory and WARC files, including hostile ones."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from accessnews.batch.archive import members
from accessnews.batch.safety import Limits
from accessnews.errors import InputError

from .conftest import write_tar, write_tree, write_warc, write_zip


def _articles(found: list) -> dict[str, bytes]:
    return {m.name: m.data for m in found if m.problem is None}


@pytest.mark.parametrize("kind", ["dir", "zip", "tar", "tar.gz", "tgz", "tar.bz2", "tar.xz"])
def test_every_format_yields_the_same_articles(tmp_path: Path, articles: dict, kind: str) -> None:
    if kind == "dir":
        archive = write_tree(tmp_path / "tree", articles)
    elif kind == "zip":
        archive = write_zip(tmp_path / "a.zip", articles)
    else:
        mode = {"tar": "w", "tgz": "w:gz"}.get(kind, "w:" + kind.split(".")[-1])
        archive = write_tar(tmp_path / f"a.{kind}", articles, mode)
    assert _articles(list(members(archive))) == articles


def test_not_an_archive_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(b"nothing")
    with pytest.raises(InputError, match="not a directory, zip"):
        list(members(tmp_path / "x.bin"))
    with pytest.raises(InputError, match="no such file"):
        list(members(tmp_path / "missing.zip"))


def test_non_articles_are_skipped_with_a_reason(tmp_path: Path, articles: dict) -> None:
    archive = write_zip(tmp_path / "a.zip", {**articles, "img/logo.png": b"\x89PNG", "s.css": b""})
    skipped = {m.name: m.problem for m in members(archive) if m.problem}
    assert skipped == dict.fromkeys(["img/logo.png", "s.css"], "not an article (by its file type)")


def test_hostile_zip_members_are_refused(tmp_path: Path, articles: dict) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("/etc/cron.d/x.txt", b"abs")
        archive.writestr("../../escape.txt", b"up")
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("ok.txt", articles["a.txt"])
    found = {m.name: m for m in members(path)}
    assert {n for n, m in found.items() if m.failed} == {
        "/etc/cron.d/x.txt",
        "../../escape.txt",
        "link.txt",
    }
    assert found["ok.txt"].data == articles["a.txt"]
    assert all(m.problem.startswith("refused") for m in found.values() if m.failed)


def test_hostile_tar_members_are_refused(tmp_path: Path, articles: dict) -> None:
    path = tmp_path / "evil.tar"
    with tarfile.open(path, "w") as archive:
        for name, kind in (("sym.txt", tarfile.SYMTYPE), ("hard.txt", tarfile.LNKTYPE)):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "/etc/passwd"
            archive.addfile(info)
        for name in ("/abs.txt", "x/../../up.txt", "fifo.txt"):
            info = tarfile.TarInfo(name)
            if name == "fifo.txt":
                info.type = tarfile.FIFOTYPE
            else:
                info.size = 3
            archive.addfile(info, io.BytesIO(b"bad"))
    found = list(members(path))
    assert [m.name for m in found] == [
        "sym.txt",
        "hard.txt",
        "/abs.txt",
        "x/../../up.txt",
        "fifo.txt",
    ]
    assert all(m.failed and m.problem.startswith("refused") and not m.data for m in found)


def test_symlinks_in_a_directory_are_not_followed(tmp_path: Path, articles: dict) -> None:
    tree = write_tree(tmp_path / "tree", articles)
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret headline\n\nNot part of the archive.\n")
    (tree / "leak.txt").symlink_to(secret)
    (tree / "linked-dir").symlink_to(tmp_path)
    found = {m.name: m for m in members(tree)}
    assert found["leak.txt"].failed and found["linked-dir"].failed
    assert b"Secret" not in b"".join(m.data for m in found.values())


def test_zip_bomb_caps(tmp_path: Path, articles: dict) -> None:
    """A member that inflates past the cap, one that lies about its size, and the total cap."""
    bomb = write_zip(tmp_path / "bomb.zip", {"bomb.txt": b"\0" * 3_000_000, **articles})
    limits = Limits(member_bytes=1_000_000, total_bytes=10_000_000)
    found = {m.name: m for m in members(bomb, limits)}
    assert found["bomb.txt"].failed and "cap" in found["bomb.txt"].problem
    assert _articles(list(found.values())) == articles

    liar = tmp_path / "liar.zip"
    raw = bytearray(write_zip(tmp_path / "l.zip", {"liar.txt": b"A" * 5000}).read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = raw.index(signature) + offset  # uncompressed size in local and central headers
        raw[at : at + 4] = (100).to_bytes(4, "little")
    liar.write_bytes(bytes(raw))
    (lied,) = members(liar)
    assert lied.failed and not lied.data

    tight = Limits(member_bytes=1_000_000, total_bytes=sum(map(len, articles.values())) - 1)
    found = list(members(write_zip(tmp_path / "many.zip", articles), tight))
    assert "total-size cap" in found[-1].problem and found[-1].failed


def test_non_utf8_member_names(tmp_path: Path, articles: dict) -> None:
    latin1 = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    path = write_tar(tmp_path / "names.tar", {latin1: articles["a.txt"]}, "w")
    (member,) = members(path)
    assert member.name == "caf\ufffd.txt" and member.parts == ("caf_.txt",)
    with zipfile.ZipFile(tmp_path / "names.zip", "w") as archive:
        archive.writestr(zipfile.ZipInfo("caf\u00e9-cp437.txt"), articles["a.txt"])
    (member,) = members(tmp_path / "names.zip")
    assert member.name == "café-cp437.txt" and member.data == articles["a.txt"]
    os.mkdir(os.fsencode(tmp_path / "tree"))
    (Path(os.fsdecode(os.fsencode(tmp_path / "tree") + b"/na\xefve.txt"))).write_bytes(
        b"Hi\n\nThere."
    )
    (member,) = members(tmp_path / "tree")
    assert member.parts == ("na_ve.txt",) and member.data == b"Hi\n\nThere."


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc_html_responses_are_articles(tmp_path: Path, articles: dict, suffix: str) -> None:
    found = list(members(write_warc(tmp_path / f"crawl{suffix}", articles["d.html"])))
    assert [(m.parts, m.data) for m in found if m.problem is None] == [
        (("news.example", "2024", "story.html"), articles["d.html"]),
        (("news.example", "index"), articles["d.html"]),
    ]
    assert [m.problem for m in found if m.problem] == [
        "not an article (image/png)",
        "HTTP 404 response, not a page",
        "WARC request record, not a captured page",
    ]
