"""Page chrome: the parts of a news page around the article (menus, banners, ads, boxes).

One table maps markers in an element's class, id, data-component, data-testid, role or
aria-label to the reason it is page chrome, so a new site's quirk is one line. Every removed
element that had visible text is recorded in the audit trail: readers drop structure, never
text, silently.
"""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

from ...model import Dropped
from .content import BODY_CLASS, prose_under
from .media import EMBED_CLASSES
from .signal import Signal

KIND = "page chrome"
_SHORT = 100


def _words(*alternatives: str) -> re.Pattern[str]:
    """A pattern matching any alternative as a whole word of a class/id (`-`/`_` separate)."""
    return re.compile(r"(?<![a-z])(?:" + "|".join(alternatives) + r")(?![a-z])")


# (reason, pattern over the lower-cased class, id, data-component, data-testid, role and
# aria-label); the first match wins.
CHROME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cookie banner", re.compile(r"cookie|consent|gdpr|onetrust|didomi|(?<![a-z])cmp(?![a-z])")),
    (
        "advertisement",
        _words(
            r"ads?",
            r"advert\w*",
            "adslot",
            "adunit",
            "dfp",
            "gpt",
            "sponsored",
            "outbrain",
            "taboola",
            "publicidad",
            "publicite",
            "werbung",
            "anzeige",
        ),
    ),
    (
        "share bar",
        re.compile(
            r"(?<![a-z])(?:shar(?:e|ing)|social[-_]*(?:share|links|buttons|bar|tools|media))"
            r"|compartir|partager|redes[-_]*sociales"
        ),
    ),
    ("comments", _words(r"comments?", "comentarios", "commentaires", "disqus", "discussion")),
    ("newsletter box", re.compile(r"newsletter|(?<![a-z])sign[-_]*up(?![a-z])|bolet[ií]n")),
    (
        "subscribe prompt",
        # Not `subscriber-content`/`-only` wrappers: those hold the article's paid part.
        re.compile(
            r"(?:subscri|suscri|abonne)(?![a-z]*[-_]*(?:content|body|text|only|article))"
            r"|paywall[-_]*(?:prompt|banner|box|offer)|regwall"
        ),
    ),
    (
        "related stories",
        re.compile(
            r"related|relacionad|recommend|(?<![a-z])(?:more-(?:stories|from|news)"
            r"|read[-_]*more|most[-_]*(?:read|popular|viewed)|popular|trending|also[-_]*read"
            r"|further[-_]*reading|recirc|latest|links[-_]*block|lire[-_]*aussi|voir[-_]*aussi"
            r"|lea[-_]*tambien|leer[-_]*mas|mehr[-_]*zum[-_]*thema)(?![a-z])"
        ),
    ),
    ("promotion", _words(r"promo\w*", "teaser", "cta")),
    ("topic tags", _words(r"tags?", r"topics?", "keywords", "etiquetas")),
    (
        "navigation",
        _words("nav", "navbar", "navigation", "menu", r"breadcrumbs?", r"skip(?:[-_]*link)?"),
    ),
    ("page header", _words(r"site[-_]*header", "masthead", r"global[-_]*header", r"top[-_]*bar")),
    ("footer", _words(r"site[-_]*footer", "footer")),
    ("sidebar", _words("sidebar", "rail", "widget")),
    ("pop-up", _words("modal", "popup", "overlay")),
)
# One search tells whether any rule can match; most elements match none.
_ANY_RULE = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in CHROME_RULES))
ROLE_REASONS = {
    "navigation": "navigation",
    "banner": "page header",
    "contentinfo": "footer",
    "complementary": "sidebar",
    "search": "search",
    "dialog": "pop-up",
    "alertdialog": "pop-up",
}
TAG_REASONS = {
    "nav": "navigation",
    "aside": "sidebar",
    "form": "form",
    "dialog": "pop-up",
    "button": "button",
    "select": "form",
    "textarea": "form",
    "noscript": "script fallback",
}
# Containers that hold the article itself are never chrome, whatever their classes say.
_NEVER_CHROME = frozenset({"html", "body", "main", "article"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
# An element holding more than this share of the page's text is content, not chrome.
_CONTENT_SHARE = 0.4
_MIN_CONTENT_CHARS = 500
# Chrome whose text is prose too: long comments, a cookie notice.
_PROSE_IS_NOT_CONTENT = frozenset({"comments", "cookie banner", "hidden"})
# Chrome that trafilatura sometimes takes into the article: its text is no reason to keep it.
_SIGNAL_IS_NOT_CONTENT = _PROSE_IS_NOT_CONTENT | {"subscribe prompt", "newsletter box", "pop-up"}
# Chrome whose text the signal holds because it repeats the article's own (its subheadings):
# only holding most of the signal protects it.
_REPEATS_CONTENT = frozenset({"table of contents"})
_SIGNAL_MOST = 0.5
# A table of contents: this many links, all to places in the page, and most of its text.
_CONTENTS_LINKS = 3
_CONTENTS_LINKED = 0.6
_IN_PAGE = re.compile(r"#[^\s!/]")
# An element this much of whose text the signal holds is the article's, whatever its class.
_SIGNAL_OWN_SHARE = 0.6
# ... or one with a twentieth of the article's text that is not mostly something else
# (product boxes of a buying guide classed as sidebars).
_SIGNAL_SHARE = 0.05
_SIGNAL_SOME = 0.15
_SIGNAL_MIN_CHARS = 150
_CODE = frozenset({"pre", "code"})
_MARK_ATTRIBUTES = ("class", "id", "data-component", "data-testid")


def marks(element: HtmlElement, *extra: str) -> str:
    """The lower-cased attributes through which sites name their page parts."""
    return " ".join(element.get(name, "") for name in (*_MARK_ATTRIBUTES, *extra)).lower()


def visible_text(element: HtmlElement) -> str:
    """An element's text with whitespace collapsed."""
    return " ".join(element.text_content().split())


def audit_text(element: HtmlElement) -> str:
    """An element's text for the audit trail, shortened; separate items stay separate words."""
    text = " ".join(" ".join(element.itertext()).split())
    return textwrap.shorten(text, _SHORT, placeholder=" …") if text else text


def chrome_reason(element: HtmlElement) -> str | None:
    """Why `element` is page chrome, or None if it may be content."""
    tag = element.tag
    if tag in _NEVER_CHROME:
        return None
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return "hidden"
    if _HIDDEN_STYLE.search(element.get("style", "")):
        return "hidden"
    role = element.get("role", "")
    signature = marks(element, "role", "aria-label")
    if _ANY_RULE.search(signature):
        for reason, pattern in CHROME_RULES:
            if pattern.search(signature):
                return reason
    return ROLE_REASONS.get(role) or TAG_REASONS.get(tag)


def _children(element: HtmlElement) -> Iterator[HtmlElement]:
    return (child for child in element if isinstance(child.tag, str))


def _is_embed(element: HtmlElement) -> bool:
    """An embedded post: inside a "social-media" wrapper it is content, not a share bar."""
    return not EMBED_CLASSES.keys().isdisjoint((element.get("class") or "").split())


@dataclass(frozen=True)
class _Page:
    """What protects an element from being taken for chrome, computed once per page."""

    total: int  # characters of text on the page
    holders: frozenset[HtmlElement]  # the h1, <main>, embedded posts and their ancestors
    prose: dict[HtmlElement, int]  # unlinked paragraph text under each element
    total_prose: int
    signal: Signal | None
    contents: frozenset[HtmlElement]  # tables of contents (lists of links into the page)

    @classmethod
    def of(cls, body: HtmlElement, signal: Signal | None) -> _Page:
        marks_ = [*body.iter("h1", "main"), *filter(_is_embed, body.iter())]
        holders = {a for mark in marks_ for a in (mark, *mark.iterancestors())}
        prose, total_prose = prose_under(body)
        total = len(body.text_content())
        return cls(total, frozenset(holders), prose, total_prose, signal, _contents(body))

    def protects(self, element: HtmlElement, reason: str) -> bool:
        """A container of the article (the h1, the article body, an embedded post, most of a
        page's text or most of its prose) is never chrome, whatever its classes say: layouts
        name the article's column `has-sidebar` or `content-sidebar-wrap`. (`<article>` alone
        does not protect: related boxes are lists of `<article>` cards; neither does prose
        protect comments or a cookie notice.)"""
        if reason == "hidden" and self.signal and not self.signal.held.get(element):
            return False  # a closed pop-up (a "republish" box with a copy of the story)
        if element in self.holders or element.get("itemprop") == "articleBody":
            return True
        if BODY_CLASS.search(marks(element)):
            return True
        length = len(element.text_content())
        if length > _CONTENT_SHARE * self.total and length > _MIN_CONTENT_CHARS:
            return True
        if reason in _REPEATS_CONTENT:
            return self.signal is not None and self.signal.share(element) > _SIGNAL_MOST
        if self.signal and self._in_signal(element, length):
            # A prompt or pop-up that trafilatura took in is short; an article in a wrapper
            # classed like one (`signup-modal-wrapper`) is not.
            return reason not in _SIGNAL_IS_NOT_CONTENT or length > _MIN_CONTENT_CHARS
        prose = self.prose.get(element, 0)
        return (
            reason not in _PROSE_IS_NOT_CONTENT
            and prose > _CONTENT_SHARE * self.total_prose
            and prose > _MIN_CONTENT_CHARS
        )

    def _in_signal(self, element: HtmlElement, length: int) -> bool:
        """A part of the article's text that is not mostly other text, or an element that is
        mostly article text."""
        assert self.signal is not None
        held = self.signal.held.get(element, 0)
        if self.signal.share(element) > _SIGNAL_SHARE and held >= _SIGNAL_SOME * length:
            return True
        return held >= _SIGNAL_MIN_CHARS and held >= _SIGNAL_OWN_SHARE * length


def _contents(body: HtmlElement) -> frozenset[HtmlElement]:
    """Elements whose links all lead to places in the page, at least a few, and whose text is
    mostly those links: a table of contents (its title beside it). Counted up from the links,
    once per page, so no element's subtree is read twice."""
    anchors: dict[HtmlElement, list[int]] = defaultdict(lambda: [0, 0])
    other: set[HtmlElement] = set()
    for link in body.iter("a"):
        ancestors = list(link.iterancestors())
        if _IN_PAGE.match(link.get("href", "")):
            length = len(link.text_content().strip())
            for ancestor in ancestors:
                anchors[ancestor][0] += 1
                anchors[ancestor][1] += length
        elif link.get("href"):
            other.update(ancestors)
    return frozenset(
        element
        for element, (count, linked) in anchors.items()
        if count >= _CONTENTS_LINKS
        and element not in other
        and linked >= _CONTENTS_LINKED * len(element.text_content().strip())
    )


def _chrome(element: HtmlElement, page: _Page) -> Iterator[tuple[HtmlElement, str]]:
    """Top-most chrome elements under `element` (descendants of a match are not visited).
    A code listing is never looked into: syntax highlighters class its parts `comment`,
    `tag` or `nav` after the language's tokens."""
    for child in _children(element):
        if child.tag in _CODE:
            continue
        reason = chrome_reason(child) or ("table of contents" if child in page.contents else None)
        if reason and not page.protects(child, reason):
            yield child, reason
        else:
            yield from _chrome(child, page)


def strip_chrome(body: HtmlElement, signal: Signal | None = None) -> list[Dropped]:
    """Remove page chrome from the tree; the audit entries of the removed text."""
    dropped: list[Dropped] = []
    for element, reason in list(_chrome(body, _Page.of(body, signal))):
        text = audit_text(element)
        if text:
            dropped.append(Dropped(KIND, text, reason))
        element.drop_tree()
    return dropped


_PAGE_ENDS = {"header": "page header", "footer": "footer"}


def outside(body: HtmlElement, root: HtmlElement) -> list[Dropped]:
    """Remove what remains outside the article `root`, recording the text it had. When the
    article is the whole body (a bare page of a headline and paragraphs), only the page's own
    `<header>` and `<footer>` are outside it."""
    dropped: list[Dropped] = []
    if root is body or body in root.iterdescendants():
        subtrees = [child for child in _children(body) if child.tag in _PAGE_ENDS]
    else:
        subtrees = list(_outside_subtrees(body, root, set(root.iterancestors())))
    for element in subtrees:
        text = audit_text(element)
        reason = _PAGE_ENDS.get(element.tag)
        if text:
            dropped.append(Dropped(KIND, text, reason or "outside the article"))
        dropped += (
            Dropped("image", alt, "outside the article")
            for alt in (" ".join(img.get("alt", "").split()) for img in element.iter("img"))
            if alt
        )
        element.drop_tree()
    return dropped


def _outside_subtrees(
    element: HtmlElement, root: HtmlElement, ancestors: set[HtmlElement]
) -> Iterator[HtmlElement]:
    for child in _children(element):
        if child is root:
            continue
        if child in ancestors:
            yield from _outside_subtrees(child, root, ancestors)
        else:
            yield child


# Elements that never show text to a reader; removed before anything else looks at the page.
INVISIBLE_TAGS = (
    "script",
    "style",
    "template",
    "svg",
    "canvas",
    "link",
    "meta",
    "object",
    "embed",
    "iframe",
)
# An embedded frame's source -> its platform: the post's text is not in the page, only its link.
FRAME_PLATFORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("twitter", re.compile(r"//(?:[\w-]+\.)?(?:twitter|x)\.com/")),
    ("instagram", re.compile(r"//(?:www\.)?instagram\.com/")),
    ("bluesky", re.compile(r"//(?:embed\.)?bsky\.app/")),
    ("mastodon", re.compile(r"//[^/]+/@[^/]+/\d+/embed")),
    ("youtube", re.compile(r"//(?:www\.)?youtube(?:-nocookie)?\.com/")),
    ("facebook", re.compile(r"//(?:www\.)?facebook\.com/")),
    ("tiktok", re.compile(r"//(?:www\.)?tiktok\.com/")),
)


def frame_platform(src: str) -> str | None:
    return next((name for name, pattern in FRAME_PLATFORMS if pattern.search(src)), None)


def strip_invisible(body: HtmlElement) -> list[Dropped]:
    """Remove scripts, styles and frames; a frame of a known platform is recorded by its link."""
    dropped: list[Dropped] = []
    for element in list(body.iter(*INVISIBLE_TAGS)):
        src = element.get("src", "")
        platform = frame_platform(src) if element.tag == "iframe" else None
        if platform:
            dropped.append(Dropped("embed", f"{platform} {src}", "embedded frame without text"))
        element.drop_tree()
    return dropped
