"""The Textual app (a view over smassist.core); start it with `smassist`."""
