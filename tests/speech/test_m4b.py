"""M4B: AAC in MP4 with chapters both ways players read them, read back by ffprobe, mutagen and
a walk over the file's atoms; chapter times and loudness as the MP3's, from one narration."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp4 import MP4

from accessnews.speech.m4b import ffmetadata
from accessnews.speech.mp3 import Chapter
from accessnews.speech.writer import AudioOptions, AudioResult, AudioWriter

from .conftest import feature_article
from .probe import decode_errors, ebur128, ffprobe

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"tref"}


def atoms(data: bytes, start: int = 0, end: int | None = None, path: str = "") -> dict[str, bytes]:
    """Every atom of an MP4 by its path ("moov/udta/chpl"), the last one of each path kept."""
    found: dict[str, bytes] = {}
    end = len(data) if end is None else end
    while start + 8 <= end:
        size, kind = struct.unpack(">I4s", data[start : start + 8])
        size = size or end - start
        name = f"{path}/{kind.decode('latin-1')}".lstrip("/")
        found[name] = data[start + 8 : start + size]
        if kind in CONTAINERS:
            found |= atoms(data, start + 8, start + size, name)
        start += size
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> AudioResult:
    with AudioWriter(AudioOptions()) as writer:
        return writer.write(
            feature_article(), tmp_path_factory.mktemp("m4b"), "feature", formats=("mp3", "m4b")
        )


def _file(result: AudioResult, suffix: str) -> Path:
    return next(path for path in result.files if path.name.endswith(suffix))


def test_both_formats_come_from_one_narration(rendered):
    assert [p.name for p in rendered.files] == [
        "feature.mp3", "feature.chapters.json", "feature.chapters.vtt", "feature.m4b",
    ]  # fmt: skip
    assert not rendered.failed
    mp3 = float(ffprobe(_file(rendered, ".mp3"))["format"]["duration"])
    m4b = float(ffprobe(_file(rendered, ".m4b"))["format"]["duration"])
    assert abs(mp3 - rendered.duration) < 0.1 and abs(m4b - rendered.duration) < 0.1
    assert decode_errors(_file(rendered, ".m4b")) == ""


def test_chapter_times_and_titles_equal_the_mp3s(rendered):
    chaps = sorted(ID3(_file(rendered, ".mp3")).getall("CHAP"), key=lambda c: c.start_time)
    from_mp3 = [(c.start_time, c.sub_frames["TIT2"].text[0]) for c in chaps]
    probe = ffprobe(_file(rendered, ".m4b"))
    from_ffprobe = [
        (round(float(c["start_time"]) * 1000), c["tags"]["title"]) for c in probe["chapters"]
    ]
    assert from_ffprobe == from_mp3 and len(from_mp3) == rendered.chapters >= 2
    from_mutagen = [(round(c.start * 1000), c.title) for c in MP4(_file(rendered, ".m4b")).chapters]
    assert from_mutagen == from_mp3


def test_chapters_are_written_as_a_nero_chpl_atom_and_a_quicktime_text_track(rendered):
    data = _file(rendered, ".m4b").read_bytes()
    found = atoms(data)
    assert data[8:12] == b"M4B "  # the audiobook brand
    chpl = found["moov/udta/chpl"]
    assert chpl[8] == rendered.chapters  # version, flags, reserved, then the chapter count
    # the audio track's tref/chap names the text track holding the chapter titles
    tracks = [atoms(body) for body in _tracks(data)]
    handlers = [t["mdia/hdlr"][8:12] for t in tracks]
    assert handlers == [b"soun", b"text"]
    (chapter_track,) = struct.unpack(">I", tracks[0]["tref/chap"])
    (text_id,) = struct.unpack(">I", tracks[1]["tkhd"][12:16])
    assert chapter_track == text_id


def _tracks(data: bytes) -> list[bytes]:
    """The body of every moov/trak, in file order (`atoms` keeps only the last)."""
    moov = atoms(data)["moov"]
    found, start = [], 0
    while start + 8 <= len(moov):
        size, kind = struct.unpack(">I4s", moov[start : start + 8])
        if kind == b"trak":
            found.append(moov[start + 8 : start + size])
        start += size
    return found


def test_tags_language_and_genre(rendered):
    tags = MP4(_file(rendered, ".m4b")).tags
    assert tags is not None
    assert tags["©nam"] == ["Council approves the new bridge"]
    assert tags["©ART"] == ["Jane Smith, Omar Ali"] and tags["aART"] == ["Jane Smith, Omar Ali"]
    assert tags["©alb"] == ["The Test Gazette"]
    assert tags["©day"] == ["2017-03-23"] and tags["©gen"] == ["Speech"]
    assert "The vote ends a ten-year row." in tags["©cmt"][0]
    (audio, _) = ffprobe(_file(rendered, ".m4b"))["streams"]
    assert audio["codec_name"] == "aac" and audio["tags"]["language"] == "eng"
    assert audio["channels"] == 1 and int(audio["sample_rate"]) == 22050


def test_loudness_like_the_mp3(rendered):
    measured = ebur128(_file(rendered, ".m4b"))
    assert -20.0 <= measured.integrated <= -18.0 and measured.true_peak <= -1.0, measured


def test_metadata_file_escapes_what_ffmpeg_would_read_as_syntax():
    chapter = Chapter("chp0", 0, 1500, "Cats; dogs = #1\\2\nend", "b1")
    text = ffmetadata({"title": "A=B"}, [chapter])
    assert text.splitlines() == [
        ";FFMETADATA1", "title=A\\=B", "[CHAPTER]", "TIMEBASE=1/1000", "START=0", "END=1500",
        "title=Cats\\; dogs \\= \\#1\\\\2\\", "end",
    ]  # fmt: skip
