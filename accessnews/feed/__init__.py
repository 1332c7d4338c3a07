"""`accessnews feed`: a podcast feed (RSS 2.0, iTunes and Podcasting 2.0 tags) of a batch folder."""

from .rss import FEED_NAME, write_feed

__all__ = ["FEED_NAME", "write_feed"]
