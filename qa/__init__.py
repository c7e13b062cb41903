"""qa: find the damage machine translation, spinning and scraping leave in news text."""

__version__ = "0.1.0"
