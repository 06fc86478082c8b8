"""A returning user's start (role and protocol remembered, caches warm) parses no YAML and loads no register code."""

from __future__ import annotations

from smassist.core.preferences import Preferences, save_preferences
from tests.tui.start_process import start_and_report


def test_a_returning_users_start_imports_no_yaml_and_no_incident_register(isolated_home):
    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    report = 'app.screen.query_one("#topics").option_count, sorted(n for n in ("yaml", "smassist.core.incidents") if n in sys.modules)'
    runs = [start_and_report(isolated_home, report) for _ in range(2)]  # the first start fills the caches, as after installing
    topics, loaded = runs[1].split(" ", 1)
    assert int(topics) > 5
    assert loaded.strip() == "[]"
