"""Start-up tuning: when the cyclic garbage collector runs, decided in one place.

Start-up creates ~30,000 long-lived objects (modules, classes, functions); the collector would
walk them again and again while they are made (~5% of a render's start-up), again in a forked
child, and once more at exit.
"""

from __future__ import annotations

import gc
from typing import Literal

Moment = Literal["start", "loaded", "forked", "exit"]


def collector(moment: Moment) -> None:
    """Tune the collector for a moment of the command's life.

    - start: off while the command's modules load (`python -m accessnews` and `accessnews`).
    - loaded: the command has loaded what it needs; its objects are frozen, so the collector
      never walks them again, and it is turned back on (only if `start` turned it off: a
      program calling `main` keeps its own collector).
    - forked: a read-ahead child; frozen, the objects inherited from the parent are never
      walked (a first collection over all of them cost the child ~15 ms) nor copied by writes
      to their collector headers.
    - exit: the interpreter's collector would walk every object left (the readers' and the
      speech engine's modules): ~50 ms, a tenth of a short article's render. Frozen objects
      are skipped; outputs are closed and on disk already, the OS frees the memory.
    """
    if moment == "start":
        gc.disable()
    elif moment == "exit":
        gc.freeze()
    elif moment == "forked" or not gc.isenabled():
        gc.freeze()
        gc.enable()
