"""ID3v2.3 tag assembly (frame order under our control) and the chapter sidecar formats."""

from __future__ import annotations

import io
import json
import struct
import subprocess

from mutagen.id3 import ID3, CTOCFlags

from accessnews.speech.mp3 import Chapter, Tags, id3_tag
from accessnews.speech.sidecars import chapters_json, chapters_vtt, vtt_time

# titles whose sizes do not follow time order: mutagen would sort these CHAP frames by size
CHAPTERS = [
    Chapter(
        "chp0", 0, 61_000, "A rather long first chapter title for the headline", "meta-headline"
    ),
    Chapter("chp1", 61_000, 130_500, "Short", "b004-aaaa"),
    Chapter("chp2", 130_500, 3_725_250, "Middle-sized title", "b009-bbbb"),
]
TAGS = Tags(
    title="Headline",
    artist="Jane Smith, Omar Ali",
    album="The Test Gazette",
    date="2017-03-23",
    language="eng",
    comment="Source: test",
    length_ms=3_725_250,
    encoder="accessnews",
)


def raw_frames(tag: bytes) -> list[tuple[str, bytes]]:
    """(frame id, data) in file order, read straight from the bytes (ID3v2.3 sizes)."""
    assert tag[:5] == b"ID3\x03\x00"
    frames, offset = [], 10
    while offset < len(tag) and tag[offset] != 0:
        frame_id, size = struct.unpack(">4sI", tag[offset : offset + 8])
        frames.append((frame_id.decode(), tag[offset + 10 : offset + 10 + size]))
        offset += 10 + size
    return frames


def test_ctoc_first_then_chap_frames_in_chronological_order():
    frames = raw_frames(id3_tag(TAGS, CHAPTERS))
    ids = [frame_id for frame_id, _ in frames]
    assert ids.index("CTOC") < ids.index("CHAP")
    chaps = [data for frame_id, data in frames if frame_id == "CHAP"]
    assert [d.split(b"\x00", 1)[0] for d in chaps] == [b"chp0", b"chp1", b"chp2"]


def test_mutagen_reads_one_top_level_ordered_toc_and_all_tags():
    tags = ID3(io.BytesIO(id3_tag(TAGS, CHAPTERS)), translate=False)
    assert tags.version[:2] == (2, 3)
    tocs = tags.getall("CTOC")
    assert len(tocs) == 1
    assert tocs[0].flags & CTOCFlags.TOP_LEVEL and tocs[0].flags & CTOCFlags.ORDERED
    assert tocs[0].child_element_ids == ["chp0", "chp1", "chp2"]
    chap = tags["CHAP:chp2"]
    assert (chap.start_time, chap.end_time, str(chap.sub_frames["TIT2"])) == (
        130_500,
        3_725_250,
        "Middle-sized title",
    )
    assert str(tags["TIT2"]) == "Headline" and str(tags["TPE1"]) == "Jane Smith, Omar Ali"
    assert str(tags["TALB"]) == "The Test Gazette" and str(tags["TYER"]) == "2017"
    assert str(tags["TDAT"]) == "2303" and str(tags["TLAN"]) == "eng"
    assert tags.getall("COMM")[0].text == ["Source: test"]


def test_podcasting_json_chapters():
    document = json.loads(chapters_json(CHAPTERS, "Headline", "Jane Smith"))
    assert document["version"] == "1.2.0"
    assert [(c["startTime"], c["endTime"], c["title"]) for c in document["chapters"]] == [
        (c.start_ms / 1000, c.end_ms / 1000, c.title) for c in CHAPTERS
    ]


def test_webvtt_chapters():
    text = chapters_vtt(CHAPTERS)
    cues = text.split("\n\n")
    assert cues[0] == "WEBVTT"
    assert cues[3].splitlines() == ["3", "00:02:10.500 --> 01:02:05.250", "Middle-sized title"]
    assert vtt_time(3_725_250) == "01:02:05.250"
    odd = [Chapter("chp0", 0, 1000, "Line one\nline two --> end", "b000")]
    assert chapters_vtt(odd).splitlines()[4] == "Line one line two → end"


def test_webvtt_titles_are_escaped_so_players_show_them_whole(tmp_path):
    """ffmpeg's WebVTT reader (a real client) drops an unescaped `<sales>` as a cue tag."""
    title = "Food & drink <sales> & more"
    path = tmp_path / "c.vtt"
    path.write_text(chapters_vtt([Chapter("chp0", 0, 1000, title, "b000")]))
    srt = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "srt", "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert title in srt.splitlines()
