"""The process entry: `smassist` (console script) and `python -m smassist`.

`run()` is `cli.main()` for a whole process. A short read-only command
(`ask`, `article`, ...) unpickles the catalogue, prints and exits; Python's
cyclic garbage collector would walk those ~10^5 objects about 25 times while
they are made and four more times at exit, only to find no garbage: ~8% of
`smassist ask`. Such a command runs with the collector off and freezes what it
made before exit. Everything else (the app, serve, import, ...) runs as usual,
and so does `main()` called in-process (tests).
"""

from __future__ import annotations

import gc
import sys

SHORT_COMMANDS = frozenset({"ask", "article", "articles", "protocols", "trees"})


def run() -> int:
    argv = sys.argv[1:]
    short = bool(argv) and argv[0] in SHORT_COMMANDS
    if short:
        gc.disable()  # before the imports, which make most of the objects
    from smassist.cli import main

    code = main(argv)
    if short:
        gc.freeze()  # the exit's collections then skip what the command made; the process ends right after
    return code


if __name__ == "__main__":
    raise SystemExit(run())
