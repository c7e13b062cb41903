"""The effective settings of one run (CLI flags merged over config and defaults)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa.finding import Severity

#: Walked in directories; ``--ext`` adds to these (or to config ``extensions``, which replaces
#: them). An ``.xml`` file is checked only when it is a feed (qa/discover.py).
DEFAULT_EXTENSIONS = (".txt", ".md", ".html", ".rss", ".atom", ".xml")
FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    pack_dirs: tuple[Path, ...] = ()
    # Frozen and hashable (one Engine per distinct Settings): mappings are sorted pairs.
    severity: tuple[tuple[str, Severity], ...] = ()  # rule id / name / category -> level
    thresholds: tuple[tuple[str, float], ...] = ()  # rule id -> number (metric kinds read these)
    accept: tuple[str, ...] = ()  # accepted words and names
    grammar: str | None = None  # grammar backend name; None = the default
    languagetool_url: str | None = None
    languagetool_public: bool = False  # explicit opt-in: the text goes to languagetool.org
    html: str = "article"  # HTML input: "article" (the article body, no page furniture) or "page"
    against: Path | None = None  # reference mode: the original each copy is compared with (qa/reference/)
    # How the run goes, not what is found (left out of cache keys: qa/cache.py RUN_ONLY_FIELDS).
    jobs: int = 0  # worker processes; 0 = one per CPU
    cache_dir: Path | None = Path(".qa_cache")  # None = no cache

    def threshold(self, rule_id: str, default: float) -> float:
        return dict(self.thresholds).get(rule_id, default)

    def fail_threshold(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)
