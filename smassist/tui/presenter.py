"""The presenter theme: large, high-contrast and calm, for a projector at the front of a room.

A Textual theme (pure black and white with yellow for focus and the chosen
option) plus `presenter.tcss`, which applies while the app carries the
`-presenter` class: no dimmed text, bold text, heavy borders, more room
around the verdict. A terminal cannot make its letters larger itself: the
presenter zooms the terminal (or, under `smassist serve --presenter`, the
browser page starts with a larger font).
"""

from __future__ import annotations

from textual.theme import Theme

PRESENTER_THEME_NAME = "smassist-presenter"
PRESENTER_LABEL = "Presentatie (groot contrast, voor een zaal)"
PRESENTER_CLASS = "-presenter"
# Font size (CSS pixels) of a browser session started with `smassist serve --presenter`.
PRESENTER_FONT_SIZE = 26

PRESENTER_THEME = Theme(
    name=PRESENTER_THEME_NAME,
    dark=True,
    primary="#FFD700",
    secondary="#7FDBFF",
    accent="#FFD700",
    warning="#FFB000",
    error="#FF6B6B",
    success="#5CFF8A",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#262626",
    variables={
        "text-muted": "#FFFFFF",
        "block-cursor-background": "#FFD700",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#5A5A5A",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFD700",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFD700",
        "input-cursor-foreground": "#000000",
        "border": "#FFD700",
        "border-blurred": "#BBBBBB",
        "scrollbar": "#BBBBBB",
    },
)


def is_presenter(theme: str) -> bool:
    return theme == PRESENTER_THEME_NAME
