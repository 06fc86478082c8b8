"""The one Dutch date convention: shown as dd-mm-jjjj in every form; 2026-11-22 is accepted as well.

A module of its own so a screen can use it without importing the documents package.
"""

DATE_PLACEHOLDER = "dd-mm-jjjj"
