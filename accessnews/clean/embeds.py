"""Embedded social-media posts: an attribution line and the post's text become one Embed.

Text articles keep a post as its text line(s) followed by an attribution paragraph
("— Erin McLaughlin (@ErinCNN) March 23, 2017"); the HTML reader gives Embed blocks whose text
still ends with that line. One parser serves both. Which paragraphs above an attribution are the
post: the one right above it (if at most MAX_POST_CHARS long), plus the paragraphs above that
which are not finished sentences (a post's line breaks), within MAX_POST_CHARS in all. A finished
sentence above the post is the article's prose, so it is never swallowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..dates import find_date
from ..model import Article, Block, Dropped, Embed, Inlines, ListBlock, Paragraph, Span, plain
from .rule import Rule, rebuilt, rule
from .spans import cut_spans, tidy

MAX_POST_CHARS = 500
_HANDLE = r"(?P<handle>[\w.-]+(?:@[\w.-]+)?)"
_NAME = r"(?P<author>[^\n()@—–]{0,80}?)"

# Attribution lines, by the platform they name; the platform may be refined by the handle.
ATTRIBUTIONS: tuple[tuple[str, Rule], ...] = (
    ("twitter", rule(rf"[—–-]{{1,2}}\s*{_NAME}\s*\(@{_HANDLE}\)\s*(?P<rest>[^\n]{{0,80}})",
                     "embedded post's attribution line",
                     "— Erin McLaughlin (@ErinCNN) March 23, 2017",
                     "- Jane Doe 🇬🇧🌹 (@janedoe) 23 March 2017")),
    ("instagram", rule(rf"(?i:a post shared by)\s+{_NAME}\s*\(?@{_HANDLE}\)?"
                       r"\s*(?P<rest>[^\n]{0,80})", "Instagram's attribution line",
                       "A post shared by Jane Doe (@janedoe) on Mar 23, 2017 at 5:01pm PDT")),
    ("threads", rule(rf"(?i:post by)\s+{_NAME}\s*\(?@{_HANDLE}\)?\s*(?P<rest>[^\n]{{0,80}})",
                     "Threads' attribution line", "Post by @janedoe · Mar 23, 2025",
                     "Post by Jane Doe (@janedoe) Mar 23, 2025")),
)  # fmt: skip
_TRAILING = tuple(
    (platform, re.compile(rf"(?:^|(?<=\s))(?:{r.source})\s*$")) for platform, r in ATTRIBUTIONS
)
# A handle's shape says more than the dash: "@user@host" is Mastodon, "user.bsky.social" Bluesky.
PLATFORM_BY_HANDLE = (("mastodon", re.compile(r".+@.+")), ("bluesky", re.compile(r".+\..+")))

# What an embed carries besides the post: links speech and braille cannot make sense of, and
# the platform's own buttons. Each removal is recorded with its kind.
POST_NOISE: tuple[tuple[str, Rule], ...] = (
    ("embed link", rule(r"(?:https?://)?pic\.twitter\.com/\w+", "link to the post's picture",
                        "pic.twitter.com/Ab12Cd34Ef")),
    ("embed link", rule(r"https?://t\.co/\w+", "shortened link with no readable text",
                        "https://t.co/Ab12Cd34Ef")),
    ("boilerplate", rule(r"(?i)\bview (?:this post |this profile |more )?on "
                         r"(?:instagram|threads|tiktok|facebook)\b",
                         "the platform's button", "View this post on Instagram",
                         "View on Threads", "View more on TikTok")),
)  # fmt: skip
_FINISHED = re.compile(r"[.!?…][\"”’)]*$")
_LEADING_ON = re.compile(r"^\s*(?:on|·)\s+")


@dataclass(frozen=True)
class Attribution:
    """The fields an attribution line gives, where it starts, and what of it has no field."""

    start: int
    platform: str
    author: str | None
    handle: str
    date: str | None
    leftover: str


def parse_attribution(text: str, *, whole: bool) -> Attribution | None:
    """The attribution ending `text` (or being all of it, if `whole`), else None."""
    if "@" not in text:
        return None
    for platform, pattern in _TRAILING:
        match = pattern.search(text)
        if match is None or (whole and text[: match.start()].strip()):
            continue
        rest = match["rest"].strip()
        found = find_date(rest)
        date = found[0] if found else None
        if found:
            rest = rest[: found[1].start()] + rest[found[1].end() :]
        leftover = _LEADING_ON.sub("", rest).strip(" ,.·")
        handle = match["handle"]
        if platform == "twitter":
            platform = next((p for p, shape in PLATFORM_BY_HANDLE if shape.match(handle)), platform)
        author = match["author"].strip() or None
        return Attribution(match.start(), platform, author, handle, date, leftover)
    return None


def _post_noise(text: str) -> list[tuple[re.Match[str], str, Rule]]:
    return [(m, kind, r) for kind, r in POST_NOISE for m in r.pattern.finditer(text)]


def _link_of(spans: Inlines, start: int) -> str | None:
    """The link carried by the attribution (the date links to the post on every platform)."""
    offset = 0
    link = None
    for span in spans:
        if offset + len(span.text) > start and span.link:
            link = span.link
        offset += len(span.text)
    return link


def _without_noise(spans: Inlines, end: int, where: str, dropped: list[Dropped]) -> Inlines:
    """The post's spans up to `end`, without links and buttons (each recorded)."""
    text = plain(spans)
    cuts = [(len(text[:end].rstrip()), len(text))]
    for match, kind, noise in _post_noise(text[:end]):
        dropped.append(Dropped(kind, match.group(0).strip(), noise.reason, where))
        cuts.append(match.span())
    return tidy(cut_spans(spans, cuts), keep_newlines=True)


def _embed(spans: Inlines, found: Attribution, dropped: list[Dropped], base: Embed) -> Embed:
    """An Embed from post spans ending in an attribution; links and leftovers are recorded."""
    where = f"in the post by {found.author or '@' + found.handle}"
    text_spans = _without_noise(spans, found.start, where, dropped)
    if found.leftover:
        reason = "part of the attribution line the model has no field for"
        dropped.append(Dropped("embed attribution", found.leftover, reason, where))
    return replace(
        base,
        platform=base.platform or found.platform,
        text_spans=text_spans,
        author=found.author,
        handle=found.handle,
        date=found.date,
        url=base.url or _link_of(spans, found.start),
    )


def _attribution_spans(block: Block) -> Inlines | None:
    """A paragraph's spans; a one-item list is a "- Name (@handle)" line read as a list."""
    if isinstance(block, Paragraph):
        return block.spans
    if isinstance(block, ListBlock) and not block.ordered and len(block.items) == 1:
        return (Span("- "), *block.items[0])
    return None


def _post_above(out: list[Block]) -> Inlines:
    """Pop the paragraphs above an attribution that are the post (module docstring's rule)."""
    taken: list[Inlines] = []
    size = 0
    while out and isinstance(last := out[-1], Paragraph):
        text = last.text
        if size + len(text) > MAX_POST_CHARS or (taken and _FINISHED.search(text)):
            break
        out.pop()
        taken.insert(0, last.spans)
        size += len(text)
    joined: list[Span] = []
    for spans in taken:
        if joined:
            joined.append(Span("\n"))
        joined.extend(spans)
    return tuple(joined)


def _from_block(block: Block, out: list[Block], dropped: list[Dropped]) -> Embed | None:
    """The Embed this block completes (popping its post's paragraphs from `out`), or None."""
    if isinstance(block, Embed):
        return _from_embed(block, dropped)
    spans = _attribution_spans(block)
    if spans is None or len(plain(spans)) > MAX_POST_CHARS:
        return None
    found = parse_attribution(plain(spans), whole=True)
    if found is None:
        inline = parse_attribution(plain(spans), whole=False)
        if inline is None or inline.date is None or inline.platform == "instagram":
            return None
        return _embed(spans, inline, dropped, Embed(platform="", text_spans=()))
    post = _post_above(out)
    if post:
        found = replace(found, start=found.start + len(plain(post)) + 1)
        spans = (*post, Span("\n"), *spans)
    return _embed(spans, found, dropped, Embed(platform="", text_spans=()))


def _from_embed(block: Embed, dropped: list[Dropped]) -> Embed | None:
    """An embed from the HTML reader: attribution to fields; links and buttons out anyway."""
    found = parse_attribution(block.text, whole=False) if block.author is None else None
    if found:
        return _embed(block.text_spans, found, dropped, block)
    where = f"in the post by {block.author}" if block.author else "in an embedded post"
    text_spans = _without_noise(block.text_spans, len(block.text), where, dropped)
    return replace(block, text_spans=text_spans) if text_spans != block.text_spans else None


def merge_embeds(article: Article) -> Article:
    """Attribution lines and the posts above them to Embeds; HTML embeds get their fields."""
    out: list[Block] = []
    dropped: list[Dropped] = []
    for block in article.blocks:
        out.append(_from_block(block, out, dropped) or block)
    return rebuilt(article, out, dropped)
