"""`python -m accessnews` and the `accessnews` command."""

import gc
import sys


def run() -> None:
    """Run the command line with the collector off during start-up.

    Start-up creates ~30,000 long-lived objects (modules, classes, functions) and the collector
    would walk them again and again while they are made: ~5% of a render's start-up. cli.main
    turns it back on once the command has loaded what it needs.
    """
    gc.disable()
    from .cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
