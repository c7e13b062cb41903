"""Reference mode: check a copy against its original (``qa check --against ORIGINAL COPY``).

From Python::

    from qa.reference import check_files
    findings, summary = check_files("wire.txt", "copy.html")

or :func:`qa.app.run_check` with ``Settings(against=Path("wire.txt"))``, which also runs the
normal rules. The pieces: :mod:`~qa.reference.units` (what is compared),
:mod:`~qa.reference.align` (word alignment), :mod:`~qa.reference.moves`,
:mod:`~qa.reference.classify` (changes), :mod:`~qa.reference.rules` (REF001-REF011) and
:mod:`~qa.reference.summary` (shares and verdict).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qa.finding import Finding
from qa.reference.compare import Comparison, compare
from qa.reference.rules import RULES, findings
from qa.reference.summary import summarise


def check_files(original: str | Path, copy: str | Path, html: str = "article") -> tuple[list[Finding], dict[str, Any]]:
    """Reference findings in ``copy`` and the document summary (reference checks only); an HTML
    copy is read as ``qa check`` reads it (``html``: its article body, or the whole ``page``)."""
    from qa.readers import read
    from qa.reference.check import read_original

    source = read_original(Path(original))
    copies = read(Path(copy), html=html)
    if len(copies) != 1:
        from qa.errors import QaError

        raise QaError(f"{copy}: holds {len(copies)} documents; check them one at a time")
    comparison = compare(source, copies[0])
    return findings(comparison), summarise(comparison, str(original))


__all__ = ["Comparison", "RULES", "check_files", "compare", "findings", "summarise"]
