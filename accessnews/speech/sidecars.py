"""Chapter sidecar files: Podcasting 2.0 JSON chapters (v1.2.0) and WebVTT chapters.

Both carry exactly the times and titles of the MP3's CHAP frames, for players that read
chapters from the feed or a web page instead of the file.
"""

from __future__ import annotations

import json

from .mp3 import Chapter

JSON_CHAPTERS_VERSION = "1.2.0"


def chapters_json(chapters: list[Chapter], title: str, author: str | None) -> str:
    """Podcasting 2.0 JSON chapters: startTime/endTime in seconds, in chronological order."""
    document: dict[str, object] = {"version": JSON_CHAPTERS_VERSION, "title": title}
    if author:
        document["author"] = author
    document["chapters"] = [
        {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
        for c in chapters
    ]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def vtt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def chapters_vtt(chapters: list[Chapter]) -> str:
    """WebVTT chapters: one cue per chapter (cue text is the title, on one line)."""
    cues = [
        f"{n}\n{vtt_time(c.start_ms)} --> {vtt_time(c.end_ms)}\n{_cue_text(c.title)}"
        for n, c in enumerate(chapters, start=1)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _cue_text(title: str) -> str:
    """A title as one cue line: no line breaks, no "-->" (it would end the cue header), and
    `&`, `<`, `>` escaped as WebVTT cue text requires (a bare `<` starts a cue tag)."""
    line = " ".join(title.split()).replace("-->", "→")
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
