"""The feed itself: RSS 2.0 with the iTunes tags podcast apps require and the Podcasting 2.0
namespace's chapters and transcripts, every link pointing at a file of the folder.

Each episode gets an HTML transcript of its model (`STEM.transcript.html`, written here: a
batch folder has the model, and podcast apps show that page as the episode's text); a timed
WebVTT transcript (`STEM.transcript.vtt`, sentence cues from the narration) is linked as
captions where the render wrote one. The chapters' WebVTT is not a transcript and is not
offered as one.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from .. import __version__
from ..errors import UsageError
from ..fileio import write_atomic
from .captions import TRANSCRIPT_VTT
from .episodes import Episode, find_episodes
from .transcript import transcript_html

FEED_NAME = "feed.xml"
TRANSCRIPT_HTML = ".transcript.html"
CHAPTERS_JSON = ".chapters.json"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
# Stable episode guids: a UUID (v5) of the article's source, in a namespace of our own.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://accessnews.invalid/episode")


def base_url(value: str) -> str:
    """The folder's public address, ending in "/"; one line of error if it is not http(s)."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--base-url {value!r} is not an http(s) URL with a host")
    if parts.query or parts.fragment:
        raise UsageError(f"--base-url {value!r} must not have a query or fragment")
    return value if value.endswith("/") else value + "/"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _guid(episode: Episode) -> str:
    """The same for the same article whatever the folder's address or a re-render."""
    key = episode.article.source or episode.stem
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, key)}"


def _description(episode: Episode) -> str:
    article = episode.article
    if article.standfirst:
        return article.standfirst
    return next((b.text for b in article.blocks if b.text.strip()), article.headline)


def _item(channel: ET.Element, episode: Episode, url: str, outdir: Path) -> None:
    article = episode.article
    item = _sub(channel, "item")
    _sub(item, "title", article.headline)
    _sub(item, "description", _description(episode))
    if article.source and article.source.startswith(("http://", "https://")):
        _sub(item, "link", article.source)
    _sub(item, "guid", _guid(episode), isPermaLink="false")
    _sub(item, "pubDate", format_datetime(episode.published.astimezone(UTC), usegmt=True))
    href = url + quote(episode.path(".mp3"))
    _sub(item, "enclosure", url=href, length=str(episode.size), type="audio/mpeg")
    _sub(item, f"{{{ITUNES}}}duration", str(round(episode.seconds)))
    if article.bylines:
        _sub(item, f"{{{ITUNES}}}author", ", ".join(article.bylines))
    if (outdir / episode.path(CHAPTERS_JSON)).is_file():
        chapters = url + quote(episode.path(CHAPTERS_JSON))
        _sub(item, f"{{{PODCAST}}}chapters", url=chapters, type="application/json+chapters")
    language = article.language
    if (outdir / episode.path(TRANSCRIPT_VTT)).is_file():
        captions = url + quote(episode.path(TRANSCRIPT_VTT))
        _sub(item, f"{{{PODCAST}}}transcript", url=captions, type="text/vtt", language=language,
             rel="captions")  # fmt: skip
    page = url + quote(episode.path(TRANSCRIPT_HTML))
    _sub(item, f"{{{PODCAST}}}transcript", url=page, type="text/html", language=language)


def _channel(rss: ET.Element, episodes: list[Episode], url: str, title: str | None) -> ET.Element:
    """The channel's own tags: title (given, else the publication most articles name)."""
    publications = Counter(e.article.publication for e in episodes if e.article.publication)
    languages = Counter(e.article.language for e in episodes)
    name = title or (publications.most_common(1)[0][0] if publications else "accessnews")
    channel = _sub(rss, "channel")
    _sub(channel, "title", name)
    _sub(channel, "link", url)
    _sub(channel, "description", f"{name}: narrated articles")
    _sub(channel, "language", languages.most_common(1)[0][0])
    _sub(channel, "generator", f"accessnews {__version__}")
    _sub(channel, "lastBuildDate", format_datetime(datetime.now(UTC), usegmt=True))
    _sub(channel, f"{{{ATOM}}}link", href=url + FEED_NAME, rel="self", type="application/rss+xml")
    _sub(channel, f"{{{ITUNES}}}author", name)
    _sub(channel, f"{{{ITUNES}}}explicit", "false")
    return channel


def write_feed(outdir: Path, url: str, title: str | None = None) -> tuple[Path, int]:
    """Write OUTDIR/feed.xml and each episode's HTML transcript; the feed's path and items."""
    outdir = Path(outdir)
    if not outdir.is_dir():
        raise UsageError(f"{outdir} is not a folder (give a batch output folder)")
    url = base_url(url)
    episodes = find_episodes(outdir)
    if not episodes:
        raise UsageError(f"{outdir} holds no article with audio (STEM.model.json and STEM.mp3)")
    for prefix, namespace in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM)):
        ET.register_namespace(prefix, namespace)
    rss = ET.Element("rss", version="2.0")
    channel = _channel(rss, episodes, url, title)
    for episode in episodes:
        write_atomic(outdir / episode.path(TRANSCRIPT_HTML), transcript_html(episode.article))
        _item(channel, episode, url, outdir)
    ET.indent(rss)
    target = outdir / FEED_NAME
    write_atomic(target, ET.tostring(rss, encoding="utf-8", xml_declaration=True))
    return target, len(episodes)
