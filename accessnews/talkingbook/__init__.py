"""Talking books from a narration: DAISY 2.02 (`daisy.py`) and EPUB 3 with Media Overlays
(`epub.py`), sharing the synchronised text and the sentence clips (`sync.py`)."""
