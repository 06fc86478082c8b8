"""The app takes its long-lived start objects out of the collector's rounds, yet the collector stays on and later garbage is freed."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """if True:
    import gc, weakref
    from smassist.tui.app import make_app

    class Node:
        pass

    def garbage_cycle():
        node = Node()
        node.me = node  # only the cycle collector frees this
        return weakref.ref(node)

    collecting_after_import = gc.isenabled()
    first = make_app()
    frozen = gc.get_freeze_count()
    before_second = garbage_cycle()  # garbage of a first app/screen, made before the next make_app
    second = make_app()
    after = garbage_cycle()
    gc.collect()
    print(collecting_after_import, gc.isenabled(), frozen > 0, before_second() is None, after() is None,
          len(first.catalog.protocols) == len(second.catalog.protocols) > 0)
"""


def test_start_objects_are_frozen_once_and_later_garbage_is_still_collected(isolated_home):
    env = dict(os.environ, SMASSIST_HOME=str(isolated_home))
    run = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["True"] * 6
