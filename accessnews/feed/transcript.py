"""An HTML transcript of the article's model: what the narration says, for reading along.

Podcast apps show a `podcast:transcript` of type text/html as the episode's text; it is the
model's text (headline, byline, standfirst, every block, figure captions without credits),
never the spoken form's announcements.
"""

from __future__ import annotations

from html import escape

from ..braille.labels import labels_for
from ..markup import block
from ..model import Article


def transcript_html(article: Article) -> str:
    """A standalone HTML5 page of the article."""
    head = [f"<h1>{escape(article.headline, quote=False)}</h1>"]
    byline = ", ".join(article.bylines)
    facts = [part for part in (byline, article.published, article.publication) if part]
    if facts:
        head.append(f'<p class="byline">{escape(" · ".join(facts), quote=False)}</p>')
    if article.standfirst:
        head.append(f'<p class="standfirst">{escape(article.standfirst, quote=False)}</p>')
    picture = labels_for(article.language).image
    body = "\n".join(head + [block(b, picture=picture) for b in article.blocks])
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(article.language)}">\n<head>\n'
        f'<meta charset="utf-8"/>\n<title>{escape(article.headline, quote=False)}</title>\n'
        f"</head>\n<body>\n<article>\n{body}\n</article>\n</body>\n</html>\n"
    )
