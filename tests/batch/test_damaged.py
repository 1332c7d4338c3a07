"""Damaged archives are reported as damaged, naming what was read; never as complete."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accessnews.batch import BatchSettings, run_batch
from accessnews.batch.archive import members
from accessnews.cli import main
from accessnews.errors import InputError

from .conftest import CLEAN_ONLY, write_tar, write_zip


def _ten(articles: dict[str, bytes]) -> dict[str, bytes]:
    """Ten compressible members (a cut of a compressed stream can land between them)."""
    chosen = list(articles.values())
    return {f"a{i}.txt": chosen[i % 4] + f"\n\nUpdate {i}.\n".encode() for i in range(10)}


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_a_tar_cut_anywhere_is_never_complete(tmp_path: Path, articles: dict, mode: str) -> None:
    """Every cut from 1% to 88% (a plain tar past that still holds every member and the
    end-of-archive block) is a damaged archive or an unreadable one, never a short success."""
    raw = write_tar(tmp_path / "a.tar", _ten(articles), mode).read_bytes()
    assert not any(m.failed for m in members(tmp_path / "a.tar"))
    cut = tmp_path / "cut.tar"
    for percent in range(1, 89):
        cut.write_bytes(raw[: len(raw) * percent // 100])
        try:
            found = list(members(cut, with_data=percent % 2 == 0))
        except InputError as error:
            assert "tar" in str(error)  # cut inside the first header: nothing to read
            continue
        assert found[-1].failed and found[-1].name == "cut.tar", percent
        assert found[-1].problem.startswith("damaged archive: "), found[-1].problem
        assert "member(s) read" in found[-1].problem


def test_a_cut_tar_gz_batch_fails_and_says_what_was_read(tmp_path: Path, articles: dict) -> None:
    raw = write_tar(tmp_path / "day.tar.gz", _ten(articles)).read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(raw[: len(raw) * 60 // 100])
    out = tmp_path / "out"
    report = run_batch(cut, out, CLEAN_ONLY, BatchSettings(jobs=1))
    assert report.failed
    last = json.loads((out / "report.json").read_text())["members"][-1]
    assert last["member"] == "cut.tar.gz" and last["status"] == "failed"
    assert "damaged archive" in last["error"] and "member(s) read, the last one a" in last["error"]
    assert main(["batch", str(cut), "-o", str(out), "--no-audio", "--no-braille"]) == 1


def test_a_zip_whose_directory_disagrees_with_its_end_record(
    tmp_path: Path, articles: dict
) -> None:
    raw = bytearray(write_zip(tmp_path / "a.zip", articles).read_bytes())
    end = raw.rindex(b"PK\x05\x06")
    struct.pack_into("<2H", raw, end + 8, 7, 7)  # the end record now claims 7 members
    (tmp_path / "a.zip").write_bytes(bytes(raw))
    found = list(members(tmp_path / "a.zip"))
    assert [m.name for m in found if not m.failed] == list(articles)
    assert found[-1].failed and found[-1].problem == (
        "damaged archive: its end record lists 7 members but its central directory holds 4 "
        "(4 read; the others are missing)"
    )


def test_a_zip_cut_short_is_damaged_not_unknown(tmp_path: Path, articles: dict) -> None:
    raw = write_zip(tmp_path / "a.zip", articles).read_bytes()
    (tmp_path / "cut.zip").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(InputError, match="damaged zip archive: .* the file may be cut short"):
        list(members(tmp_path / "cut.zip"))


def test_an_encrypted_zip_member_is_one_failed_member(tmp_path: Path, articles: dict) -> None:
    raw = bytearray(write_zip(tmp_path / "a.zip", {"secret.txt": articles["a.txt"]}).read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # general purpose flags
        at = raw.index(signature) + offset
        raw[at] |= 0x1  # "encrypted"
    locked = tmp_path / "locked.zip"
    locked.write_bytes(bytes(raw))
    # zipfile itself raises a bare RuntimeError ("password required")
    with zipfile.ZipFile(locked) as check, pytest.raises(RuntimeError):
        check.read("secret.txt")
    out = tmp_path / "out"
    report = run_batch(locked, out, CLEAN_ONLY, BatchSettings(jobs=1))
    (line,) = report.lines.values()
    assert (line.status, line.error) == ("failed", "refused: encrypted (password-protected) member")


def _warc(path: Path, bodies: list[bytes]) -> bytes:
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        for number, body in enumerate(bodies):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                f"https://news.example/{number}", "response", payload=io.BytesIO(body),
                http_headers=headers,
            )  # fmt: skip
            writer.write_record(record)
    return path.read_bytes()


def test_a_warc_record_longer_than_the_file(tmp_path: Path, articles: dict) -> None:
    raw = _warc(tmp_path / "c.warc", [articles["d.html"], articles["news/c.html"]])
    for cut in (len(raw) - 100, raw.rindex(b"WARC-Target-URI") + 10):
        (tmp_path / "cut.warc").write_bytes(raw[:cut])
        for with_data in (True, False):
            found = list(members(tmp_path / "cut.warc", with_data=with_data))
            assert [m.name for m in found[:-1]] == ["https://news.example/0"]
            assert found[-1].failed and found[-1].problem.startswith("damaged WARC file: ")
            assert found[-1].problem.endswith("(1 record(s) read; anything after that is missing)")
