"""A copy of the floor app (../shared/bench/floor_hello.py), used when that file is not found.

Performance floor: a bare Textual app that renders one screen, then exits.

Run headless so it can be timed as a whole process; the project's own startup
bench must do the same work (first screen ready) to compare against it.
"""
import asyncio
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList


class Hello(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList("Medewerker", "Leerling", "Ouder")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit)


async def main() -> None:
    async with Hello().run_test(size=(80, 24)) as pilot:
        await pilot.pause()


asyncio.run(main())
