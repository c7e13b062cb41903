"""qa: find the damage machine translation, spinning and scraping leave in news text.

The Python API (:mod:`qa.api`): ``qa.check_text``, ``qa.check_paths``, ``qa.render``,
``qa.exit_code``. They are imported on first use, so ``qa`` on the command line starts fast.
"""

__version__ = "0.1.0"

__all__ = ["check_text", "check_paths", "render", "exit_code"]


def __getattr__(name: str):
    if name in __all__:
        from qa import api

        return getattr(api, name)
    raise AttributeError(f"module 'qa' has no attribute {name!r}")
