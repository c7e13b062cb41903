"""``qa fix``: apply the suggestions of rules marked ``fix: safe`` to the files themselves.

``qa fix`` applies exactly the findings ``qa check`` reports with the same options (config
files, ``--select``/``--ignore``, ``--rules``): one check of the file as it is, one pass of
edits, never a second check of the edited text (which could find, and delete, something
``check`` never reported). Only ``Finding.fixable`` findings are applied, and only when the
matched text stands verbatim at the finding's raw offsets (a span that crosses markup or a
decoded entity is left alone). Overlapping fixes: the earlier one (by start, then end, then
rule id) wins; the other is left for a person (run ``qa fix`` again to apply it after a new
check). A deletion that empties a whole line takes the line's break with it.

Writing keeps the bytes that are not fixed: the encoding and its byte-order mark, CRLF
newlines (offsets point into the undecoded text, and a span that ends in the CR of a CRLF
keeps it), the file's permissions, owner and group; see :mod:`qa.atomic` for how a file
another process is writing is detected and left alone.
"""

from __future__ import annotations

import codecs
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from qa.engine import Engine
from qa.errors import QaError
from qa.finding import Finding
from qa.readers import from_bytes, read_bytes
from qa.run import Target
from qa.source import Source

@dataclass
class FileFix:
    """What fixing one file did (or would do)."""

    display: str
    path: Path
    original: bytes
    before: str
    after: str
    data: bytes = b""
    applied: list[Finding] = field(default_factory=list)
    unfixed: int = 0  # findings left that qa fix may not apply
    error: str | None = None
    stamp: tuple | None = None  # (device, inode, size, mtime) of the file when it was read

    @property
    def changed(self) -> bool:
        return self.after != self.before


def select_fixes(findings: Iterable[Finding], raw: str) -> list[Finding]:
    """The fixable findings to apply in one pass: verbatim spans, no overlaps, in order."""
    chosen: list[Finding] = []
    last_end = -1
    last_start = -1
    for f in sorted(set(findings), key=lambda f: (f.start, f.end, f.rule)):
        if not f.fixable or not f.suggestions or raw[f.start : f.end] != f.text:
            continue
        if f.start < last_end or (f.start == last_start and (f.start == f.end or last_start == last_end)):
            continue  # overlaps (or inserts at the same point as) a fix already chosen
        chosen.append(f)
        last_start, last_end = f.start, f.end
    return chosen


def apply(raw: str, fixes: Sequence[Finding]) -> str:
    """``raw`` with each fix's first suggestion in place of its span (fixes must not overlap)."""
    out: list[str] = []
    pos = 0
    for f in fixes:
        start, end = f.start, f.end
        if end > start and raw[end - 1] == "\r" and not f.suggestions[0].endswith("\r"):
            end -= 1  # a pattern's [^\n]* took the CR of a CRLF: the line ending stays
        if not f.suggestions[0]:
            end = _with_line_break(raw, start, end)
        out += [raw[pos:start], f.suggestions[0]]
        pos = max(pos, end)
    out.append(raw[pos:])
    return "".join(out)


def _with_line_break(raw: str, start: int, end: int) -> int:
    """The end of a deletion: past the line break when it deletes whole lines (LF, CRLF, CR),
    so that no blank line is left where a line was."""
    if end <= start or (start > 0 and raw[start - 1] not in "\r\n"):
        return end
    if raw.startswith("\r\n", end):
        return end + 2
    if raw.startswith(("\n", "\r"), end):
        return end + 1
    return end


def encode_like(text: str, original: bytes, encoding: str) -> bytes:
    """Encode ``text`` the way the original file was: same codec, same byte-order mark."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if original.startswith(bom):
            return bom + text.encode(codec)
    codec = "utf-8" if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf8") else encoding
    return text.encode(codec)


def _findings(sources: list[Source], engine: Engine) -> list[Finding]:
    found: list[Finding] = []
    for source in sources:
        found.extend(engine.check(source))
    return found


def plan(target: Target, engine: Engine, data: bytes | None = None, html: str = "article") -> FileFix:
    """Work out one document's fixed text (nothing is written). ``data``: its bytes, if read;
    ``html``: the scope an HTML page is read with (``article`` or ``page``), as for check."""
    path = target.path or Path("-")
    suffix = path.suffix.lower() if target.path is not None else ".txt"
    before = _stamp(target.path) if data is None else None
    original = read_bytes(path, target.display) if data is None else data
    sources = from_bytes(original, target.display, suffix, html)
    raw = sources[0].raw or "" if sources else ""
    encoding = sources[0].encoding if sources else "utf-8"
    fix = FileFix(target.display, path, original, raw, raw, data=original)
    if before is not None and before == _stamp(target.path):  # unchanged while read: trust it
        fix.stamp = before
    findings = _findings(sources, engine)
    chosen = select_fixes(findings, raw)
    fix.unfixed = len(findings) - len(chosen)
    if not chosen:
        return fix
    fix.after = apply(raw, chosen)
    try:
        fix.data = encode_like(fix.after, original, encoding)
    except UnicodeEncodeError as exc:
        fix.error = f"{target.display}: a suggestion cannot be written in the file's encoding ({encoding}): {exc.reason}"
        fix.after, fix.data = fix.before, original
        fix.unfixed = len(findings)
        return fix
    fix.applied = chosen
    return fix


def _stamp(path: Path | None) -> tuple | None:
    from qa.atomic import stamp

    try:
        return stamp(os.stat(path)) if path is not None else None
    except OSError:
        return None


def unified_diff(fix: FileFix) -> str:
    lines = difflib.unified_diff(
        fix.before.splitlines(keepends=True),
        fix.after.splitlines(keepends=True),
        fromfile=f"a/{fix.display}",
        tofile=f"b/{fix.display}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


class ChangedOnDisk(QaError):
    pass


def write(fix: FileFix) -> None:
    """Replace the file with the fixed bytes, atomically, only if it is still exactly what was
    read and no other process is writing it (see :func:`qa.atomic.replace_unchanged`)."""
    from qa.atomic import Changed, Refused, replace_unchanged

    real = Path(os.path.realpath(fix.path))  # write through a symlink, keep the link
    try:
        replace_unchanged(real, fix.data, fix.original, fix.stamp)
    except Changed as exc:
        raise ChangedOnDisk(f"{fix.display}: {exc}") from None
    except Refused as exc:
        raise QaError(f"{fix.display}: {exc}") from None
    except OSError as exc:
        raise QaError(f"{fix.display}: cannot be written: {exc.strerror or exc}") from None


def fix_paths(paths: Sequence[str], settings, stdin: bytes | None = None, resolve=None) -> tuple[list[FileFix], list[str]]:
    """Plan the fixes of every file named, each with the engine ``qa check`` would use for it
    (``resolve(path)`` gives its Settings, as for check; grammar engines off: their
    suggestions are never safe). ``stdin`` holds the bytes read for '-'."""
    from dataclasses import replace

    from qa.app import build_engine
    from qa.run import collect

    errors: list[str] = []
    engines: dict = {}

    def engine_for(s):
        if hasattr(s, "grammar"):
            s = replace(s, grammar="off")
        if s not in engines:
            engines[s] = build_engine(s, errors)
        return engines[s]

    resolve = resolve or (lambda _path: settings)
    targets, missing = collect(paths, settings.extensions)
    errors.extend(missing)
    fixes: list[FileFix] = []
    for target in targets:
        try:
            own = resolve(target.path)
            fix = plan(target, engine_for(own), stdin if target.path is None else None, getattr(own, "html", "article"))
        except QaError as exc:
            errors.append(str(exc))
            continue
        if fix.error:
            errors.append(fix.error)
        fixes.append(fix)
    return fixes, errors


def summary_line(fixes: Sequence[FileFix], written: bool) -> str:
    applied = sum(len(f.applied) for f in fixes)
    files = sum(1 for f in fixes if f.changed)
    left = sum(f.unfixed for f in fixes)
    verb = "Fixed" if written else "Would fix"
    line = f"{verb} {applied} finding{'s' if applied != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    if left:
        line += f"; {left} left that need a person (run 'qa check')"
    return line + "."
