"""accessnews: news articles as narrated MP3 with chapters and Grade 2 braille."""

__version__ = "0.1.0"
