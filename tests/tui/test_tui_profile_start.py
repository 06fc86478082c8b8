"""A returning user WITH a school profile starts the app without importing YAML (core/profile_copy.py),
and the school's name from a profile edited by hand since the last start is the one shown."""

from __future__ import annotations

from smassist.core.preferences import Preferences, save_preferences
from smassist.core.profile import profile_path
from tests.tui.start_process import start_and_report


def _start(home) -> tuple[str, bool]:
    name, imported = start_and_report(home, '"|".join((app.profile.school_name, str("yaml" in sys.modules)))').strip().rsplit("|", 1)
    return name, imported == "True"


def test_a_returning_user_with_a_profile_starts_without_yaml(isolated_home):
    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# met de hand\nschool_name: De Regenboog\n", encoding="utf-8")
    assert _start(isolated_home)[0] == "De Regenboog"  # the first start reads the YAML
    assert _start(isolated_home) == ("De Regenboog", False)
    path.write_text("# met de hand\nschool_name: De Zonnebloem\n", encoding="utf-8")
    assert _start(isolated_home)[0] == "De Zonnebloem"
    assert _start(isolated_home) == ("De Zonnebloem", False)
