"""The effective settings of one run (CLI flags merged over config and defaults)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from qa.finding import Severity

DEFAULT_EXTENSIONS = (".txt", ".md", ".html")
FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    pack_dirs: tuple[Path, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)

    def fail_threshold(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)
