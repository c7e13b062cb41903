"""Errors that reach the user as one line each; nothing else may escape the CLI."""

from __future__ import annotations


class QaError(Exception):
    """An error the user can act on. ``str(err)`` is the one line we print."""


class InputError(QaError):
    """A document could not be read or decoded."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class PackError(QaError):
    """A rule pack is malformed; names the file, the rule and the field."""

    def __init__(self, path: str, problem: str, rule: str | None = None, field: str | None = None) -> None:
        where = path
        if rule:
            where += f": rule {rule}"
        if field:
            where += f": field '{field}'"
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.rule = rule
        self.field = field


class ConfigError(QaError):
    """A configuration file or option is wrong."""


class EngineError(QaError):
    """An external engine (LanguageTool, Harper) failed."""


class Terminated(BaseException):
    """SIGTERM arrived while a pool of workers ran: stop them and exit (128 + signal)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
