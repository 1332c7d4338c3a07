"""Figures and embedded social-media posts, as their markup shows them.

The reader separates what the markup separates (a credit in `<cite>`, a tweet in its own
blockquote) and leaves textual credits and attribution lines to the cleaning transforms.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml.html import HtmlElement

from ...clean.credits import whole_credit
from ...model import Dropped, Embed, Figure, Inlines, Span, plain, spans_of
from .inline import (
    INLINE_TAGS,
    absolute_link,
    address,
    child_nodes,
    classes,
    first_under,
    inline_spans,
    is_element,
    node_spans,
    normalise,
    tags_under,
    take_out,
    words,
)

# Class of an embed's outer element -> platform name in the model.
EMBED_CLASSES = {
    "twitter-tweet": "twitter",
    "twitter-video": "twitter",
    "instagram-media": "instagram",
    "bluesky-embed": "bluesky",
    "mastodon-embed": "mastodon",
    "tiktok-embed": "tiktok",
    "text-post-media": "threads",
    "fb-post": "facebook",
    "fb-xfbml-parse-ignore": "facebook",
}
# The whitespace before the dash that opens an attribution: "… tonight. — Name (@handle)".
_ATTRIBUTION = re.compile(r"\s+(?=[—–]\s)")
CREDIT_TAGS = frozenset({"cite", "small"})
CREDIT_CLASSES = ("credit", "copyright", "attribution")
# schema.org's properties of an image's author, as figures mark their credit line.
CREDIT_PROPS = frozenset({"copyrightholder", "creator", "author", "copyrightnotice"})
# Words a page writes for screen readers only, alone in an element of a figure ("Image",
# "Credit"): the writers announce a picture in their own words, and a credit is never read.
PICTURE_LABELS = frozenset(
    {
        *("image", "photo", "photograph", "picture", "video", "caption", "imagen", "foto"),
        *("fotografía", "vídeo", "leyenda", "légende", "bild", "bildunterschrift", "immagine"),
        *("didascalia", "fotografia", "imagem", "legenda", "afbeelding", "beeld"),
    }
)
SCREEN_READER_LABELS = PICTURE_LABELS | {
    *("credit", "credits", "crédito", "créditos", "crédit", "crédits", "credito", "crediti"),
}
_LABEL_END = " :…."
_NOT_A_PICTURE = frozenset({"blockquote", "pre", "code", "ul", "ol", "table", "form"})
IMAGES = frozenset({"img", "amp-img"})  # elements whose alt text describes a picture
IMAGE_TAGS = IMAGES | {"picture", "video", "svg", "canvas"}
_NOT_IN_A_FIGURE = frozenset({"table", "h1", "h2", "h3", "h4", "h5", "h6"})
_MAX_FIGURE_CHARS = 1500
_TEXT_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table"})


def _class(tag: HtmlElement) -> str:
    return tag.get("class") or ""


def is_credit(tag: HtmlElement) -> bool:
    """Credit markup: `<cite>`, `<small>`, a class containing credit/copyright/attribution, or
    an author's itemprop; never an element that holds caption markup (a figcaption classed
    `lead-image__credit` around the caption and the credit is both, so neither)."""
    props = (tag.get("itemprop") or "").lower().split()
    marked = (
        tag.tag in CREDIT_TAGS
        or any(word in _class(tag) for word in CREDIT_CLASSES)
        or any(p in CREDIT_PROPS for p in props)
    )
    return marked and not any(map(is_caption, tags_under(tag)))


def is_caption(tag: HtmlElement) -> bool:
    return tag.tag == "figcaption" or "caption" in _class(tag)


def _bare(text: str) -> str:
    return text.rstrip(_LABEL_END).casefold()


def _is_label(text: str) -> bool:
    return _bare(text) in SCREEN_READER_LABELS


def take_labels(tag: HtmlElement) -> list[Dropped]:
    """Labels a page writes for screen readers, alone in an element of a figure ("Image",
    "Credit"), which would be read as the caption's first word or glued to the credit
    ("CreditAnn Lee"). A picture word that opens the figure is taken out (the writers announce
    a picture in their own words), as is a label with nothing after it or a repeated one; the
    first other label marks the credit that follows it, as "Credit: " (the cleaner splits the
    credit there). What is taken out is recorded."""
    found = [
        t
        for t in tags_under(tag)
        if t.tag not in IMAGE_TAGS
        and _is_label(words(t))
        and not any(d.tag in IMAGE_TAGS for d in tags_under(t))
    ]
    outermost = [t for t in found if not any(a in found for a in t.iterancestors())]
    dropped: list[Dropped] = []
    marked = False
    for index, label in enumerate(outermost):
        word = words(label)
        text = " ".join(tag.text_content().split())
        opening = index == 0 and text.startswith(word) and _bare(word) in PICTURE_LABELS
        if opening or marked or text.endswith(word):
            dropped.append(Dropped("caption prefix", word, "screen-reader label"))
            if is_caption(label):  # emptied, not removed: the figure keeps its caption
                label.clear(keep_tail=True)
            else:
                take_out(label)
        else:
            label.clear(keep_tail=True)
            label.text = (word if word[-1] in _LABEL_END else f"{word}:") + " "
            marked = True
    return dropped


def embed_platform(tag: HtmlElement) -> str | None:
    """The platform of an embedded post, from its class; None for anything else."""
    return next((EMBED_CLASSES[c] for c in classes(tag) if c in EMBED_CLASSES), None)


def _lines(node: HtmlElement, base: str | None) -> list[list[Span]]:
    """The embed's text as lines: every block element starts a new line."""
    lines: list[list[Span]] = [[]]
    for child in child_nodes(node):
        if not is_element(child) or child.tag in INLINE_TAGS:
            lines[-1] += node_spans(child, base)
        else:
            lines += _lines(child, base)
            lines.append([])
    return lines


def _attribution_apart(line: Inlines) -> list[Span]:
    """A line `Post text — Name (@handle) date` (markup without a `<p>` around the post) split
    before the dash, so the attribution is a line of its own as in the usual embed markup."""
    for index in range(len(line) - 1, -1, -1):
        span = line[index]
        for match in reversed(list(_ATTRIBUTION.finditer(span.text))):
            if (index or match.start()) and "(@" in plain(line[index:])[match.end() :]:
                before, after = span.text[: match.start()], span.text[match.end() :]
                parts = [replace(span, text=before), Span("\n"), replace(span, text=after)]
                return [*line[:index], *parts, *line[index + 1 :]]
    return list(line)


def embed_block(tag: HtmlElement, platform: str, base: str | None) -> Embed | Dropped:
    """The post's whole visible text, one line per block, attribution line included."""
    lines = [normalise(line) for line in _lines(tag, base)]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        lines = [tuple(_attribution_apart(lines[0]))]
    spans: list[Span] = []
    for line in lines:
        spans += [Span("\n")] if spans else []
        spans += line
    links = [href for a in tag.iterdescendants("a") if (href := address(a, "href"))]
    url = (
        tag.get("data-instgrm-permalink")
        or tag.get("cite")
        or tag.get("data-href")
        or (links[-1] if links else None)
    )
    if not spans:
        return Dropped(
            "embed", f"{platform} post {url or ''}".strip(), "embedded post without text"
        )
    return Embed(platform, tuple(spans), url=absolute_link(url, base))


def is_media_figure(tag: HtmlElement) -> bool:
    """A figure of an image or video (not a figure wrapping an embedded post or a quote, nor
    one that holds sections of the article: a data table, subheadings, or pages of text that
    unclosed markup left inside it)."""
    inside = list(tags_under(tag))
    if any(t.tag in _NOT_IN_A_FIGURE for t in inside):
        return False
    if len(tag.text_content()) > _MAX_FIGURE_CHARS:
        return False
    if any(map(embed_platform, inside)):
        return False
    if any(t.tag in IMAGE_TAGS for t in inside):
        return True
    # A figure of only a caption, its image gone (drawn by a script, or taken out with a
    # wrapper classed like page chrome), is still a picture; a captioned quotation, listing or
    # widget (text outside the caption but a screen-reader label) is not.
    captions = [t for t in inside if t.tag == "figcaption"]
    if not captions or any(t.tag in _NOT_A_PICTURE for t in inside):
        return False
    outside = " ".join(tag.text_content().split())
    for caption in captions:
        outside = outside.replace(" ".join(caption.text_content().split()), " ", 1)
    return all(_is_label(word) for word in outside.split())


def looks_like_figure(tag: HtmlElement) -> bool:
    """A non-figure element that is only one image and its caption (`div.photo` layouts)."""
    inside = list(tags_under(tag))
    if sum(t.tag in IMAGES for t in inside) != 1:
        return False
    caption = next(filter(is_caption, inside), None)
    if caption is None:
        return False
    return all(
        b is caption or any(p is caption for p in b.iterancestors())
        for b in inside
        if b.tag in _TEXT_BLOCKS
    )


def is_slide(item: HtmlElement) -> bool:
    """A list item that is only an image and its caption, with no text of its own (a gallery's
    slide; a teaser item has its headline beside the figure)."""
    if not looks_like_figure(item):
        return False
    caption = next(filter(is_caption, tags_under(item)))
    return item.text_content().split() == caption.text_content().split()


def _credits(tag: HtmlElement) -> list[str]:
    """Take the credit markup out of the figure; its texts, outermost elements only."""
    found = [t for t in tags_under(tag) if is_credit(t)]
    outermost = [e for e in found if not any(is_credit(p) for p in e.iterancestors())]
    texts = [words(e) for e in outermost]
    for element in outermost:
        take_out(element)
    return [t for t in texts if t]


def caption_parts(tag: HtmlElement, base: str | None) -> tuple[Inlines, str | None]:
    """A figure's (or caption's) text without its credit markup, and the credit."""
    credits = _credits(tag)  # BBC wraps the image itself in an "image-and-copyright" span
    # The whole figure's text, not only the figcaption: sites put credits and captions beside
    # it ("Image source, Getty Images"), and text must not disappear silently.
    return inline_spans(tag, base), "; ".join(credits) or None


def figure_block(tag: HtmlElement, base: str | None) -> Figure | Dropped:
    """Caption without its credit markup; the image's alt text when there is no caption, or
    when the caption is only a credit ("Photo: Ann Lee", by the cleaner's credit grammar: the
    alt describes the picture, the credit is set apart and recorded as the markup's)."""
    image = tag if tag.tag in IMAGES else first_under(tag, lambda t: t.tag in IMAGES)
    alt = " ".join(((image.get("alt") or "") if image is not None else "").split())
    source = (address(image, "src") or "") if image is not None else ""
    captioned = is_caption(tag) or first_under(tag, is_caption) is not None
    caption, credit = caption_parts(tag, base)
    only_credit = whole_credit(plain(caption)) if caption and alt else None
    if only_credit:
        caption, credit = (), "; ".join(c for c in (credit, only_credit) if c)
    if not caption and alt:
        caption = spans_of(alt)
    if not caption and credit is None and not captioned:
        return Dropped("image", source or "image", "no caption or alt text")
    # A figure with a caption element or a credit is the article's picture even when neither
    # leaves words: it stays, uncaptioned, and the writers announce it as a picture.
    return Figure(caption=caption, credit=credit)
