"""smassist: a decision assistant for Dutch schools' social-media protocols."""

__version__ = "0.1.0"
