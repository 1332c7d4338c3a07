"""Braille to paper: embosser profiles (geometry and control bytes) and jobs sent through CUPS."""
