"""One cache entry on disk: sealed, bound to what it answers for, and validated field by field.

An entry is two lines: an HMAC-SHA256 seal, then the JSON payload it seals::

    <seal hex>
    {"key": ..., "content": <sha256 of the file's bytes>, "rules": <settings + rule-set digest>,
     "reports": [...]}

The seal's key is a secret of the user running qa (``$XDG_CACHE_HOME/qa/cache-secret``, made on
first use, mode 0600), never stored beside the cache: whoever can commit to a repository can
write its cache directory, but cannot seal an entry that hides a finding. An entry is used only
when the seal, the key, the content hash and the rule-set hash all match and every field has the
type the formatters expect; anything else is a miss (and is rewritten after checking). A cache
made by another user or machine is therefore a miss too: that is the price of trusting it.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
from typing import Any, Sequence

from qa.finding import Finding, Severity
from qa.run import FileReport
from qa.seal import SECRET_NAME, seal, secret  # noqa: F401  (the seal lives in qa.seal)



class BadEntry(ValueError):
    """An entry that must not be used (a miss)."""


def encode(key: str, content: str, rules: str, reports: Sequence[FileReport]) -> bytes:
    payload = json.dumps(
        {"key": key, "content": content, "rules": rules, "reports": [report_to_dict(r) for r in reports]},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return seal(payload).encode("ascii") + b"\n" + payload


def decode(raw: bytes, key: str, content: str, rules: str) -> list[FileReport]:
    """The reports of a sealed entry bound to exactly ``key``, ``content`` and ``rules``."""
    mark, sep, payload = raw.partition(b"\n")
    if not sep or not hmac.compare_digest(mark, seal(payload).encode("ascii")):
        raise BadEntry("seal does not match")
    try:
        doc = json.loads(payload)
    except ValueError:
        raise BadEntry("not JSON") from None
    if not isinstance(doc, dict) or (doc.get("key"), doc.get("content"), doc.get("rules")) != (key, content, rules):
        raise BadEntry("bound to another file or rule set")
    reports = doc.get("reports")
    if not isinstance(reports, list) or not reports:
        raise BadEntry("no reports")
    return [report_from_dict(r) for r in reports]


# ----- (de)serialisation with strict types --------------------------------------------------

_INT = ("start", "end", "line", "column", "end_line", "end_column")
_STR = ("rule", "name", "category", "message", "text")
FINDING_FIELDS = frozenset(f.name for f in dataclasses.fields(Finding))
REPORT_FIELDS = frozenset(f.name for f in dataclasses.fields(FileReport)) - {"source"}


def report_to_dict(report: FileReport) -> dict[str, Any]:
    """Every field JSON can hold; an optional one it cannot (``source``) is left to its default."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(report):
        if f.name not in REPORT_FIELDS:
            continue
        value = getattr(report, f.name)
        if f.name == "findings":
            out[f.name] = [finding_to_dict(x) for x in value]
            continue
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise
            continue
        out[f.name] = value
    return out


def report_from_dict(doc: Any) -> FileReport:
    if not isinstance(doc, dict) or not set(doc) <= REPORT_FIELDS or "path" not in doc:
        raise BadEntry("report fields")
    if not isinstance(doc["path"], str) or not _is_int(doc.get("words", 0)):
        raise BadEntry("report path or words")
    findings, errors, extras = doc.get("findings", []), doc.get("errors", []), doc.get("extras", {})
    if not isinstance(findings, list) or errors != [] or not isinstance(extras, dict):
        raise BadEntry("report findings, errors or extras")  # errors are never stored
    if not all(isinstance(k, str) and isinstance(v, (dict, str, int, float, list)) for k, v in extras.items()):
        raise BadEntry("report extras")
    return FileReport(doc["path"], words=doc.get("words", 0), findings=[finding_from_dict(x) for x in findings], extras=extras)


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    out = {f.name: getattr(finding, f.name) for f in dataclasses.fields(finding)}
    out["severity"] = int(finding.severity)
    return out


def finding_from_dict(doc: Any) -> Finding:
    if not isinstance(doc, dict) or set(doc) != FINDING_FIELDS:
        raise BadEntry("finding fields")
    if not all(_is_int(doc[k]) and doc[k] >= 0 for k in _INT) or doc["end"] < doc["start"]:
        raise BadEntry("finding offsets")
    if not all(isinstance(doc[k], str) for k in _STR) or not isinstance(doc["fixable"], bool):
        raise BadEntry("finding text fields")
    suggestions = doc["suggestions"]
    if not isinstance(suggestions, list) or not all(isinstance(s, str) for s in suggestions):
        raise BadEntry("finding suggestions")
    if doc["severity"] not in (1, 2, 3) or isinstance(doc["severity"], bool):
        raise BadEntry("finding severity")
    return Finding(**{**doc, "severity": Severity(doc["severity"]), "suggestions": tuple(suggestions)})


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
