"""The command line's help text: examples, exit codes, settings, and each option's default."""

from __future__ import annotations

import argparse

EXIT_CODES = """\
exit codes:
  0    everything asked for was written
  1    some articles of a batch failed, or another error (see the message)
  2    usage error: a bad option, value or config file; an unreadable input; outputs that
       exist already (without --force)
  3    an article's outputs could not be rendered
  4    some outputs of an article were written and another failed
  130  interrupted"""

SETTINGS_HELP = """\
settings: flags win over environment variables (ACCESSNEWS_VOICE, ACCESSNEWS_RATE ...), which
win over $XDG_CONFIG_HOME/accessnews/config.toml (keys: voice, engine, rate, bitrate,
braille_table, embosser, cells, lines, interpoint, page_numbers, running_head, volume_pages);
pronunciations of your own go in lexicon.toml beside it."""

EXAMPLES = {
    "clean": "example:\n  accessnews clean story.html --json > story.json\n"
    "  curl -s https://example.org/story | accessnews clean -",
    "render": "examples:\n  accessnews render story.html -o out/\n"
    "  accessnews render story.txt --voice en-US --rate 160 --no-braille --force",
    "batch": "examples:\n  accessnews batch archive.zip -o out/ --edition\n"
    "  accessnews batch folder/ -o out/ --dry-run",
    "emboss": "example:\n  accessnews emboss out/story.brf --embosser index-everest:a4",
    "feed": "example:\n  accessnews feed out/ --base-url https://news.example/audio/",
    "voices": "example:\n  accessnews voices",
}


class Help(argparse.RawDescriptionHelpFormatter):
    """Help that shows each default: argparse's own, or for a setting the options dataclass's
    default (read only when help is shown: the writers take ~0.1 s to import)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        from ..settings import SETTINGS

        text = action.help or ""
        if "default" in text or action.default in (None, False, argparse.SUPPRESS):
            default = _option_default(action.dest) if action.dest in SETTINGS else None
            return text if default is None else f"{text} (default: {default})"
        return f"{text} (default: {action.default})"


def _option_default(key: str) -> object:
    from dataclasses import MISSING, fields

    from ..braille.writer import BrailleOptions
    from ..speech.writer import AudioOptions

    name = {"braille_table": "table"}.get(key, key)
    found = [f.default for cls in (AudioOptions, BrailleOptions) for f in fields(cls)
             if f.name == name and f.default is not MISSING]  # fmt: skip
    return found[0] if found and found[0] not in (None, False) else None


class Version(argparse.Action):
    """--version names the engines too; finding their versions loads them, so only on demand."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from ..versions import versions

        print(versions())
        parser.exit()
