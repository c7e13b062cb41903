"""HTML -> visible text with an offset map into the file.

Uses the standard library's ``html.parser`` with ``convert_charrefs=False`` so that data arrives
exactly as written and entities arrive one by one; ``getpos()`` gives where each event starts.
Skipped: script, style, nav, head, template, code/pre and friends, anything ``hidden``.
Block elements become paragraph breaks, ``<br>`` a line break, whitespace runs one space
(``<pre>`` is skipped, so nothing needs its whitespace kept). Image ``alt`` text is checked as
a paragraph of its own. ``<!-- qa-... -->`` comments become suppression directives.

Scope (``html`` setting): ``article`` (the default) checks the article body only. When the page
marks one (``<article>``, ``<main>``, ``role="main"``, ``itemprop="articleBody"``), text outside
every such element is left out; everywhere, page furniture is left out: ``nav``, ``aside``,
``footer``, ``form``, dialogs, a ``header`` outside the article (the article's own header, with
its headline, is kept), landmark roles (navigation, banner, contentinfo, complementary, search),
and elements whose class or id has a furniture word as one of its parts (cookie/consent banners,
share and social buttons, related and recommended links, newsletter and subscription boxes,
adverts, sidebars, breadcrumbs, comments; :data:`FURNITURE`). ``page`` checks all visible text.
Offsets stay exact either way: text is left out, never moved. Suppression comments count
wherever they stand.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from qa.readers.extract import Emitter, decode_declared
from qa.source import OffsetMapBuilder, Source

SKIP = frozenset(
    "script style nav head title template noscript svg math code pre kbd samp textarea select button iframe object".split()
)
BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu ol p
    section summary table tbody td tfoot th thead tr ul""".split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
SCOPES = ("article", "page")
#: Elements that are page furniture, never article text (scope ``article``).
FURNITURE_TAGS = frozenset("nav aside footer form dialog menu".split())
FURNITURE_ROLES = frozenset("navigation banner contentinfo complementary search dialog alertdialog menu menubar".split())
#: Parts of a class or id (split at '-', '_', spaces and case changes) that name furniture.
FURNITURE = frozenset(
    """cookie cookies consent gdpr share sharing sharebar social socials related recommended recommendations
    newsletter subscribe subscription paywall promo promos advert adverts advertisement ad ads adslot sponsor
    sponsored sidebar breadcrumb breadcrumbs navbar navigation menu masthead comments comment disqus
    outbrain taboola popup modal toolbar""".split()
)
#: How a page marks its article body (scope ``article``): text outside it is left out.
_ROOT_MARK = re.compile(r"""<(?:article|main)\b|\srole\s*=\s*["']?main\b|\sitemprop\s*=\s*["']?articleBody\b""", re.I)
_PARTS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_WS = re.compile(r"\s+")


def read_html(data: bytes, display: str, scope: str = "article") -> list[Source]:
    raw, encoding = decode_declared(data, display, _META_CHARSET, html=True)
    builder = OffsetMapBuilder()
    emitter = Emitter(builder, raw)
    extract_html(raw, emitter, scope)
    text, offset_map = builder.build()
    return [Source(display, text, raw=raw, offset_map=offset_map, encoding=encoding, meta=_meta(emitter))]


def _meta(emitter: Emitter) -> dict:
    return {"directives": tuple(emitter.directives), "markup": True}


def extract_html(doc: str, emitter: Emitter, scope: str = "page") -> None:
    """Append the visible text of ``doc`` (a whole page or a fragment) to ``emitter``;
    ``scope="article"`` leaves page furniture out (see the module docstring)."""
    parser = _Extractor(doc, emitter, scope == "article")
    parser.feed(doc)
    parser.close()
    emitter.brk()


def emit_text(doc: str, start: int, end: int, emitter: Emitter) -> None:
    """Emit ``doc[start:end]`` as flowing text: entities decoded, whitespace runs as one space."""
    pos = start
    for m in _REF.finditer(doc, start, end):
        _emit_plain(doc, pos, m.start(), emitter)
        ref = m.group()
        decoded = html.unescape(ref)
        if decoded == ref:
            emitter.copy(ref, m.start())
        else:
            emitter.insert(decoded, m.start())
        pos = m.end()
    _emit_plain(doc, pos, end, emitter)


def _emit_plain(doc: str, start: int, end: int, emitter: Emitter) -> None:
    pos = start
    for m in _WS.finditer(doc, start, end):
        emitter.copy(doc[pos : m.start()], pos)
        _space(emitter, m.start(), m.group())
        pos = m.end()
    emitter.copy(doc[pos:end], pos)


def _space(emitter: Emitter, at: int, run: str) -> None:
    b = emitter.builder
    if b.length == 0 or b.ends_with(" ") or b.ends_with("\n"):
        return
    if run[0] == " ":
        emitter.copy(" ", at)
    else:
        emitter.insert(" ", at)


class _Extractor(HTMLParser):
    def __init__(self, doc: str, emitter: Emitter, article: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self.doc = doc
        self.out = emitter
        self._starts = [0] + [m.end() for m in re.finditer("\n", doc)]
        self._skip: str | None = None  # the element being skipped ...
        self._skip_depth = 0  # ... and how deeply it is nested in itself
        self._article = article
        # With a marked article body, text counts only inside it: the root element and its depth.
        self._rooted = article and _ROOT_MARK.search(doc) is not None
        self._root: str | None = None
        self._root_depth = 0

    def _outside(self) -> bool:
        return self._rooted and self._root is None

    def _furniture(self, tag: str, attrs: list) -> bool:
        if tag in FURNITURE_TAGS or (tag == "header" and self._root is None):
            return True
        for k, v in attrs:
            if not v:
                continue
            if k == "role" and v.strip().lower() in FURNITURE_ROLES:
                return True
            if k in ("class", "id") and any(p.lower() in FURNITURE for p in _PARTS.findall(v)):
                return True
        return False

    def _is_root(self, tag: str, attrs: list) -> bool:
        if tag in ("article", "main"):
            return True
        return any(
            (k == "role" and (v or "").strip().lower() == "main") or (k == "itemprop" and (v or "").strip() == "articleBody")
            for k, v in attrs
        )

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self._skip == "head" and tag == "body":  # an unclosed <head>
            self._skip = None
        if self._skip is not None:
            if tag == self._skip and tag not in VOID:
                self._skip_depth += 1
            return
        hidden = any(k == "hidden" or (k == "aria-hidden" and v == "true") for k, v in attrs)
        furniture = self._article and tag not in VOID and self._furniture(tag, attrs)
        if tag in SKIP or (hidden and tag not in VOID) or furniture:
            self._skip, self._skip_depth = tag, 1
            return
        if self._rooted and tag not in VOID:
            if self._root is None and self._is_root(tag, attrs):
                self._root, self._root_depth = tag, 1
            elif tag == self._root:
                self._root_depth += 1
        if self._outside():
            return
        at = self._offset()
        if tag == "br":
            self.out.brk("\n", at)
        elif tag in BLOCK:
            self.out.brk("\n\n", at)
        elif tag == "img" and not hidden:
            self._alt(at)

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None:
            if tag == self._skip:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip = None
            return
        if self._outside():
            return
        if tag == self._root:
            self._root_depth -= 1
            if self._root_depth == 0:
                self._root = None
        if tag in BLOCK:
            self.out.brk("\n\n", self._offset())

    def handle_data(self, data: str) -> None:
        if self._skip is None and not self._outside():
            start = self._offset()
            emit_text(self.doc, start, start + len(data), self.out)

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()

    def _ref(self) -> None:
        if self._skip is not None or self._outside():
            return
        start = self._offset()
        m = _REF.match(self.doc, start)
        end = m.end() if m else start + 1
        emit_text(self.doc, start, end, self.out)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        end = self.doc.find("-->", start + 4)
        end = len(self.doc) if end == -1 else end + 3
        self.out.directive(data, start, end)

    def _alt(self, at: int) -> None:
        tag_text = self.get_starttag_text() or ""
        m = _ALT.search(tag_text)
        if not m:
            return
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        if not m.group(group).strip():
            return
        self.out.brk("\n\n", at)
        emit_text(self.doc, at + m.start(group), at + m.end(group), self.out)
        self.out.brk("\n\n", at + m.end(group))

