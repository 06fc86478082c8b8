"""Objects that live as long as the process are made without the cyclic garbage collector, then frozen.

The app's imports (Textual: ~10^5 objects) and its catalogue stay alive until
the process ends, yet every full collection while the first screen was being
built walked all of them again and found nothing: ~8 % of a start's
instructions. Inside `long_lived(place)` the collector is off; at the end
what is alive is frozen (`gc.freeze`), the first time per place only, and the
collector is back as it was. Once per place and process: a second make_app
(tests) would otherwise also freeze the garbage of the apps before it, which
could then never be collected.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

_frozen: set[str] = set()


@contextmanager
def long_lived(place: str):
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if place not in _frozen:
            _frozen.add(place)
            gc.freeze()
        if collecting:
            gc.enable()
