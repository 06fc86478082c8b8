"""The domain core: pure Python, no user interface imports (checked by a test)."""
