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
from .boilerplate import EMBED_FURNITURE, LANGUAGE_RULES
from .rule import Rule, rebuilt, rule
from .spans import cut_spans, tidy

MAX_POST_CHARS = 500
_HANDLE = r"(?P<handle>[\w.-]+(?:@[\w.-]+)?)"
_NAME = r"(?P<author>[^\n()@—–]{0,80}?)"

# Attribution lines, by the platform they name; the platform may be refined by the handle.
# Instagram's line is written in the reader's language (en, es, fr, de, it, pt).
_SHARED_BY = (
    "a post shared by|una publicación compartida por|une publication partagée par|"
    "ein beitrag geteilt von|un post condiviso da|uma publicação compartilhada por"
)
ATTRIBUTIONS: tuple[tuple[str, Rule], ...] = (
    ("twitter", rule(rf"[—–-]{{1,2}}\s*{_NAME}\s*\(@{_HANDLE}\)\s*(?P<rest>[^\n]{{0,80}})",
                     "embedded post's attribution line",
                     "— Erin McLaughlin (@ErinCNN) March 23, 2017",
                     "- Jane Doe 🇬🇧🌹 (@janedoe) 23 March 2017")),
    ("instagram", rule(rf"(?i:{_SHARED_BY})\s+{_NAME}\s*\(?@{_HANDLE}\)?"
                       r"\s*(?P<rest>[^\n]{0,80})", "Instagram's attribution line",
                       "A post shared by Jane Doe (@janedoe) on Mar 23, 2017 at 5:01pm PDT",
                       "Una publicación compartida por Café Sol (@cafesol) 23 de marzo de 2017",
                       "Une publication partagée par Café du Port (@cafeduport) 23 mars 2017",
                       "Ein Beitrag geteilt von Hafencafé (@hafencafe) 23. März 2017",
                       "Un post condiviso da Caffè del Porto (@caffedelporto) 23 marzo 2017",
                       "Uma publicação compartilhada por Café Sol (@cafesol) 23 de março de 2017")),
    ("threads", rule(rf"(?i:post by)\s+{_NAME}\s*\(?@{_HANDLE}\)?\s*(?P<rest>[^\n]{{0,80}})",
                     "Threads' attribution line", "Post by @janedoe · Mar 23, 2025",
                     "Post by Jane Doe (@janedoe) Mar 23, 2025")),
)  # fmt: skip
_TRAILING = tuple(
    (platform, re.compile(rf"(?:^|(?<=\s))(?:{r.source})\s*$")) for platform, r in ATTRIBUTIONS
)
# A handle's shape says more than the line: "@user@host" is Mastodon (whose embed also says
# "Post by"), "user.bsky.social" Bluesky (whose line is Twitter's); by the rule it refines.
PLATFORM_BY_HANDLE = (
    ("mastodon", re.compile(r".+@.+"), ("twitter", "threads")),
    ("bluesky", re.compile(r".+\..+"), ("twitter",)),
)
# Lines only an embed's own markup makes sense of: handle-less, or so short that prose could
# take their shape. Facebook's "Posted by Page on date" (in the reader's language) has no
# handle; TikTok's caption opens with the poster's handle.
MARKUP_ATTRIBUTIONS: tuple[tuple[str, Rule], ...] = (
    ("facebook", rule(r"(?:^|\n)(?i:posted by|publicado por|publié par|gepostet von|pubblicato da)"
                      r"\s+(?P<author>[^\n()@]{1,80}?)\s+(?i:on|en|em|sur|am|su)\s+"
                      r"(?P<rest>[^\n]{0,80})\s*$", "Facebook's attribution line",
                      "Posted by Harbour Café on Thursday, March 23, 2017",
                      "Publié par Café du Port sur jeudi 23 mars 2017")),
    ("tiktok", rule(r"^@(?P<handle>[\w.]+)(?P<rest>)\s", "TikTok's caption opens with the handle",
                    "@harbourcafe Shutters down before the storm #storm")),
)  # fmt: skip

# What an embed carries besides the post: links speech and braille cannot make sense of, and
# the platform's own buttons and labels (the boilerplate table's "embed furniture", in every
# language, found anywhere in the post). Each removal is recorded with its kind.
POST_NOISE: tuple[tuple[str, Rule], ...] = (
    ("embed link", rule(r"(?:https?://)?pic\.twitter\.com/\w+", "link to the post's picture",
                        "pic.twitter.com/Ab12Cd34Ef")),
    ("embed link", rule(r"https?://t\.co/\w+", "shortened link with no readable text",
                        "https://t.co/Ab12Cd34Ef")),
    *(("boilerplate", e.rule) for e in LANGUAGE_RULES if e.rule.reason == EMBED_FURNITURE),
)  # fmt: skip
_FINISHED = re.compile(r"[.!?…][\"”’)]*$")
_LEADING_ON = re.compile(r"^\s*(?:on|·)\s+")


@dataclass(frozen=True)
class Attribution:
    """The fields an attribution line gives, where it starts, and what of it has no field."""

    start: int
    end: int
    platform: str
    author: str | None
    handle: str | None
    date: str | None
    leftover: str


def _attribution(match: re.Match[str], platform: str) -> Attribution:
    """The fields of a matched attribution line (the date out of its rest, the platform refined
    by the handle's shape)."""
    rest = match["rest"].strip()
    found = find_date(rest)
    date = found[0] if found else None
    if found:
        rest = rest[: found[1].start()] + rest[found[1].end() :]
    leftover = _LEADING_ON.sub("", rest).strip(" ,.·")
    groups = match.groupdict()
    handle = groups.get("handle")
    if handle:
        refined = (
            p for p, shape, of in PLATFORM_BY_HANDLE if platform in of and shape.match(handle)
        )
        platform = next(refined, platform)
    author = (groups.get("author") or "").strip() or None
    return Attribution(match.start(), match.end(), platform, author, handle, date, leftover)


def parse_attribution(text: str, *, whole: bool) -> Attribution | None:
    """The attribution ending `text` (or being all of it, if `whole`), else None."""
    if "@" not in text:
        return None
    for platform, pattern in _TRAILING:
        match = pattern.search(text)
        if match is None or (whole and text[: match.start()].strip()):
            continue
        return _attribution(match, platform)
    return None


def _markup_attribution(text: str) -> Attribution | None:
    """An attribution only an embed's markup has (`MARKUP_ATTRIBUTIONS`), else None."""
    for platform, line in MARKUP_ATTRIBUTIONS:
        if match := line.pattern.search(text):
            return _attribution(match, platform)
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


def _without_noise(
    spans: Inlines, cut: tuple[int, int], where: str, dropped: list[Dropped]
) -> Inlines:
    """The post's spans without the `cut` range (its attribution) nor links and buttons (each
    recorded)."""
    text = plain(spans)
    start, end = cut
    cuts = [(len(text[:start].rstrip()) if end == len(text) else start, end)]
    for match, kind, noise in _post_noise(text):
        if match.end() <= start or match.start() >= end:
            dropped.append(Dropped(kind, match.group(0).strip(), noise.reason, where))
            cuts.append(match.span())
    return tidy(cut_spans(spans, cuts), keep_newlines=True)


def _embed(spans: Inlines, found: Attribution, dropped: list[Dropped], base: Embed) -> Embed:
    """An Embed from post spans holding an attribution; links and leftovers are recorded."""
    where = f"in the post by {found.author or f'@{found.handle}'}"
    text_spans = _without_noise(spans, (found.start, found.end), where, dropped)
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
        shift = len(plain(post)) + 1
        found = replace(found, start=found.start + shift, end=found.end + shift)
        spans = (*post, Span("\n"), *spans)
    return _embed(spans, found, dropped, Embed(platform="", text_spans=()))


def _from_embed(block: Embed, dropped: list[Dropped]) -> Embed | None:
    """An embed from the HTML reader: links and buttons out, then its attribution to fields."""
    furniture: list[Dropped] = []
    spans = _without_noise(block.text_spans, (0, 0), "", furniture)
    found = None
    if block.author is None:
        found = parse_attribution(plain(spans), whole=False) or _markup_attribution(plain(spans))
    author = found.author or f"@{found.handle}" if found else block.author
    where = f"in the post by {author}" if author else "in an embedded post"
    dropped += [replace(entry, where=where) for entry in furniture]
    if found:
        return _embed(spans, found, dropped, block)
    return replace(block, text_spans=spans) if spans != block.text_spans else None


def merge_embeds(article: Article) -> Article:
    """Attribution lines and the posts above them to Embeds; HTML embeds get their fields."""
    out: list[Block] = []
    dropped: list[Dropped] = []
    for block in article.blocks:
        out.append(_from_block(block, out, dropped) or block)
    return rebuilt(article, out, dropped)
