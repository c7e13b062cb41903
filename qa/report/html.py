"""One self-contained HTML page for editors: each document's text with its findings marked.

Nothing is fetched: the CSS and the script are inline and a Content-Security-Policy admits
exactly those two (by hash), so text from a document can never run as script even if escaping
failed. Findings are highlighted by severity in the text as it stands in the file (raw
offsets); hovering or clicking a highlight shows its message and suggestions, and the list
below each document links back to the highlights. Report extras (readability, MT score, ...)
are rendered generically as tables, with any ``score`` shown beside the document's name.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_right
from dataclasses import replace
from html import escape
from typing import Any, Iterable, Mapping

from qa.finding import Finding, Severity
from qa.discover import GENERATOR
from qa.report import summary
from qa.report.text import describe_suggestion, label, plural, render_summary
from qa.run import FileReport, Report
from qa.source import Source

_CSS = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--bg:#fff;--fg:#1d1d1d;--mute:#666}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:70rem;padding:1rem 1.5rem 4rem}
h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.1rem;margin:0;word-break:break-all}
.summary{color:var(--mute)}.filters label{margin-right:1rem}
section.doc{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1.25rem 0}
.doc header{display:flex;gap:.75rem;align-items:baseline;flex-wrap:wrap;margin-bottom:.5rem}
.badge{border-radius:1rem;padding:0 .6rem;font-size:.85rem;background:#eee}
.badge.score{background:#263238;color:#fff}
pre.text{white-space:pre-wrap;word-wrap:break-word;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;background:#fafafa;border:1px solid #eee;padding:.75rem;margin:.5rem 0;max-height:70vh;overflow:auto}
mark{background:none;color:inherit;cursor:pointer;border-bottom:2px solid;border-radius:2px}
mark.sev-error{background:#ffebee;border-color:var(--err)}
mark.sev-warning{background:#fff3e0;border-color:var(--warn)}
mark.sev-info{background:#e3f2fd;border-color:var(--info)}
mark.point::before{content:"\\2038";color:var(--err);font-weight:bold}
mark.active{outline:2px solid #000}
ol.findings{padding-left:1.5rem}ol.findings li{margin:.2rem 0}
.sev{font-weight:600;font-size:.75rem;letter-spacing:.03em}
.sev-error .sev,.sev.sev-error{color:var(--err)}.sev.sev-warning{color:var(--warn)}.sev.sev-info{color:var(--info)}
.sugg{color:#2e7d32}.pos{color:var(--mute);font-variant-numeric:tabular-nums}
table.extras{border-collapse:collapse;margin:.25rem 0 .5rem;font-size:.9rem}
table.extras th,table.extras td{border:1px solid #e0e0e0;padding:.15rem .5rem;text-align:left;vertical-align:top}
table.extras th{background:#f5f5f5;font-weight:600}
.errors{color:var(--err)}
#qa-popup{position:absolute;z-index:10;max-width:32rem;background:#fff;border:1px solid #999;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.2);padding:.5rem .75rem;font-size:.9rem}
#qa-popup .detail+.detail{border-top:1px solid #eee;margin-top:.4rem;padding-top:.4rem}
body.hide-info mark.sev-info,body.hide-warning mark.sev-warning{background:none;border-color:transparent}
body.hide-info li.sev-info,body.hide-warning li.sev-warning{display:none}
"""

_JS = """
(function () {
  "use strict";
  var pop = document.getElementById("qa-popup");
  var pinned = null;
  function show(mark) {
    pop.textContent = "";
    (mark.getAttribute("data-f") || "").split(" ").forEach(function (id) {
      var item = document.getElementById("d-" + id);
      if (item) { pop.appendChild(item.querySelector(".detail").cloneNode(true)); }
    });
    var r = mark.getBoundingClientRect();
    pop.style.left = Math.max(0, window.scrollX + r.left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 4) + "px";
    pop.hidden = false;
    document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    mark.classList.add("active");
  }
  function hide() { pop.hidden = true; pinned = null; }
  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest ? e.target.closest("mark[data-f]") : null;
    if (m && !pinned) { show(m); }
  });
  document.addEventListener("mouseout", function (e) {
    var m = e.target.closest ? e.target.closest("mark[data-f]") : null;
    if (m && !pinned) { pop.hidden = true; }
  });
  document.addEventListener("click", function (e) {
    var m = e.target.closest("mark[data-f]");
    if (m) { pinned = m; show(m); return; }
    var a = e.target.closest("a[data-mark]");
    if (a) {
      var target = document.getElementById(a.getAttribute("data-mark"));
      if (target) { e.preventDefault(); target.scrollIntoView({block: "center"}); target.focus(); pinned = target; show(target); }
      return;
    }
    if (!e.target.closest("#qa-popup")) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); }
    var m = document.activeElement;
    if ((e.key === "Enter" || e.key === " ") && m && m.matches("mark[data-f]")) { e.preventDefault(); pinned = m; show(m); }
  });
  document.querySelectorAll("input[data-hide]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-hide"), !box.checked);
    });
  });
})();
"""

_CLASSES = {Severity.ERROR: "sev-error", Severity.WARNING: "sev-warning", Severity.INFO: "sev-info"}


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


# ----- extras ---------------------------------------------------------------------------


def _label(key: Any) -> str:
    return str(key).replace("_", " ")


def _scalar(value: Any) -> str:
    if value is None:
        return "\u2014"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 1e6 else f"{value:.3g}"
    return _e(value)


def render_value(value: Any, depth: int = 0) -> str:
    """Any JSON-like value as HTML: mappings and lists of mappings as tables, the rest inline."""
    if isinstance(value, Mapping) and depth < 4:
        rows = "".join(f"<tr><th>{_e(_label(k))}</th><td>{render_value(v, depth + 1)}</td></tr>" for k, v in value.items())
        return f'<table class="extras">{rows}</table>'
    if isinstance(value, (list, tuple)) and depth < 4:
        if value and all(isinstance(v, Mapping) for v in value):
            cols = list(dict.fromkeys(k for v in value for k in v))
            head = "".join(f"<th>{_e(_label(c))}</th>" for c in cols)
            body = "".join(
                "<tr>" + "".join(f"<td>{render_value(v.get(c), depth + 1)}</td>" for c in cols) + "</tr>" for v in value
            )
            return f'<table class="extras"><tr>{head}</tr>{body}</table>'
        return ", ".join(render_value(v, depth + 1) for v in value)
    if isinstance(value, (Mapping, list, tuple)):
        return _e(value)
    return _scalar(value)


def _scores(extras: Mapping[str, Any]) -> Iterable[str]:
    for key, value in extras.items():
        if isinstance(value, Mapping) and isinstance(value.get("score"), (int, float)) and not isinstance(value.get("score"), bool):
            yield f'<span class="badge score" title="{_e(_label(key))} score">{_e(_label(key))} score {_scalar(value["score"])}</span>'
        elif key == "score" and isinstance(value, (int, float)):
            yield f'<span class="badge score">score {_scalar(value)}</span>'


# ----- the text with highlights ------------------------------------------------------------


def _window(file: FileReport, raw: str) -> tuple[int, int]:
    """The part of the raw file this document covers (a feed item is part of its feed)."""
    source = file.source
    lo, hi = 0, len(raw)
    if source is not None and source.offset_map is not None and source.offset_map.segments and len(source.text):
        lo = source.offset_map.to_raw(0)
        hi = source.offset_map.to_raw_end(len(source.text))
    for f in file.findings:
        lo, hi = min(lo, f.start), max(hi, f.end)
    lo = raw.rfind("\n", 0, lo) + 1
    nl = raw.find("\n", hi)
    return lo, len(raw) if nl == -1 else nl


def _mark(ids: list[str], findings: list[Finding], first: set[str], text: str, point: bool = False) -> str:
    worst = max(f.severity for f in findings)
    anchor = next((i for i in ids if i in first), None)
    if anchor is not None:
        first.discard(anchor)
    attrs = f' id="m-{anchor}"' if anchor else ""
    title = _e("\n".join(f"{f.rule} {f.severity.label}: {f.message}" for f in findings))
    cls = _CLASSES[worst] + (" point" if point else "")
    return f'<mark class="{cls}"{attrs} data-f="{" ".join(ids)}" tabindex="0" title="{title}">{_e(text)}</mark>'


def extracted(file: FileReport) -> FileReport | None:
    """For a document read from markup (HTML, a feed item, Markdown): the same report with its
    findings moved from file offsets to offsets of the extracted text, and the text itself as
    its Source (no offset map), so :func:`highlight` shows what was checked. None otherwise."""
    source = file.source
    if source is None or not source.meta.get("markup") or source.offset_map is None or not source.offset_map.segments:
        return None
    segments = source.offset_map.segments
    raws = [r for _, r, _ in segments]
    if any(b < a for a, b in zip(raws, raws[1:])):
        return None  # pieces out of file order: no single place in the text for a file offset

    def to_text(r: int, end: bool) -> int:
        i = bisect_right(raws, r) - 1
        if i >= 0:
            t, raw_start, length = segments[i]
            if r - raw_start < length or (end and r - raw_start == length):
                return t + (r - raw_start)
            return t + length if end else (segments[i + 1][0] if i + 1 < len(segments) else t + length)
        return 0

    moved = [replace(f, start=to_text(f.start, False), end=max(to_text(f.start, False), to_text(f.end, True))) for f in file.findings]
    return FileReport(file.path, words=file.words, findings=moved, source=Source(file.path, source.text))


def highlight(file: FileReport, doc: int, raw: str) -> str:
    """The covered window of ``raw`` escaped, with a <mark> over every piece a finding covers.

    One sweep over the cut points (every finding's start and end), keeping the findings that
    cover the current piece: linear in findings plus text (not findings x cuts).
    """
    lo, hi = _window(file, raw)
    ranged = [(f.start, f.end, f"{doc}-{i}", f) for i, f in enumerate(file.findings)]
    cuts = sorted({lo, hi, *(s for s, *_ in ranged), *(e for _, e, *_ in ranged)})
    first = {key for *_, key, _f in ranged}
    points: dict[int, list[int]] = {}
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, e, _k, _f) in enumerate(ranged):
        if s == e:
            points.setdefault(s, []).append(i)
        else:
            opening.setdefault(s, []).append(i)
            closing.setdefault(e, []).append(i)
    active: dict[int, None] = {}  # indices of the findings covering the piece from the cut on
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:] + [hi]):
        for i in closing.get(a, ()):
            active.pop(i, None)
        for i in opening.get(a, ()):
            active[i] = None
        if a in points:
            here = [ranged[i] for i in points[a]]
            out.append(_mark([k for _, _, k, _ in here], [f for *_, f in here], first, "", point=True))
        if b <= a:
            continue
        piece = raw[a:b]
        if active:
            cover = [ranged[i] for i in sorted(active)]
            out.append(_mark([k for _, _, k, _ in cover], [f for *_, f in cover], first, piece))
        else:
            out.append(_e(piece))
    return "".join(out)


# ----- the page -------------------------------------------------------------------------


def _detail(path: str, f: Finding) -> str:
    sugg = ""
    if f.suggestions:
        sugg = ' <span class="sugg">\u2192 ' + _e(" | ".join(describe_suggestion(s) for s in f.suggestions[:5])) + "</span>"
    fix = " (qa fix)" if f.fixable else ""
    return (
        f'<span class="detail"><span class="sev {_CLASSES[f.severity]}">{f.severity.label}</span> '
        f"<code>{_e(f.rule)}</code> {_e(f.name)}: {_e(f.message)}{sugg}{_e(fix)}</span>"
    )


def _document(file: FileReport, doc: int) -> str:
    counts = {s: sum(1 for f in file.findings if f.severity is s) for s in Severity}
    badges = "".join(
        f'<span class="badge {_CLASSES[s]}"><span class="sev {_CLASSES[s]}">{plural(n, s.label)}</span></span>'
        for s, n in sorted(counts.items(), reverse=True)
        if n
    )
    parts = [
        f'<section class="doc" id="doc-{doc}"><header><h2>{_e(label(file))}</h2>',
        f'<span class="badge">{plural(file.words, "word")}</span>{badges}{"".join(_scores(file.extras))}</header>',
    ]
    if file.errors:
        parts.append('<ul class="errors">' + "".join(f"<li>{_e(e)}</li>" for e in file.errors) + "</ul>")
    for key, value in file.extras.items():
        parts.append(f"<details open><summary>{_e(_label(key))}</summary>{render_value(value)}</details>")
    raw = file.source.raw if file.source is not None else None
    view = extracted(file)
    if view is not None:  # markup: show the text that was checked, not the page's source
        parts.append('<p class="pos">The text as checked (extracted from the markup):</p>')
        parts.append(f'<pre class="text">{highlight(view, doc, view.source.text)}</pre>')
    elif raw is not None:
        parts.append(f'<pre class="text">{highlight(file, doc, raw)}</pre>')
    if file.findings:
        items = []
        for i, f in enumerate(file.findings):
            link = f'<a href="#m-{doc}-{i}" data-mark="m-{doc}-{i}" class="pos">{f.line}:{f.column}</a>' if raw is not None else f'<span class="pos">{f.line}:{f.column}</span>'
            items.append(f'<li id="d-{doc}-{i}" class="{_CLASSES[f.severity]}">{link} {_detail(file.path, f)}</li>')
        parts.append('<ol class="findings">' + "".join(items) + "</ol>")
    parts.append("</section>")
    return "".join(parts)


def render(report: Report, title: str = "qa report") -> str:
    s = summary(report)
    csp = f"default-src 'none'; style-src '{_sha256(_CSS)}'; script-src '{_sha256(_JS)}'; img-src data:"
    docs = [file for file in report.files]
    toc = "".join(
        f'<li><a href="#doc-{i}">{_e(label(f))}</a> <span class="pos">{len(f.findings)}</span></li>' for i, f in enumerate(docs)
    )
    errors = "".join(f"<li>{_e(e)}</li>" for e in report.errors)
    filters = "".join(
        f'<label><input type="checkbox" checked data-hide="{name}"> {name}</label>' for name in ("warning", "info")
    )
    return "".join(
        [
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
            f'<meta name="generator" content="{GENERATOR}">',  # qa check DIR skips its own reports
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
            f'<h1>{_e(title)}</h1><p class="summary">{_e(render_summary(report))} {plural(s["words"], "word")}.</p>',
            f'<p class="filters">Show: {filters}</p>' if s["findings"] else "",
            f'<ul class="errors">{errors}</ul>' if errors else "",
            f'<nav><ol class="toc">{toc}</ol></nav>' if len(docs) > 1 else "",
            "<main>",
            *(_document(f, i) for i, f in enumerate(docs)),
            '</main><div id="qa-popup" role="tooltip" hidden></div>',
            f"<script>{_JS}</script></body></html>\n",
        ]
    )
