"""The grammar layer: one small backend interface, the choice of backend, and our policy.

A backend (:mod:`qa.adapters.harper`, :mod:`qa.adapters.languagetool`) implements
:class:`Backend`: ``check(text) -> list[GrammarMatch]`` with offsets in code points of
``text``. Everything else is here, the same for every engine:

- **choice** (:func:`choose`): ``--grammar``/config ``grammar`` if given; otherwise
  LanguageTool when a server is configured (``--languagetool-url``/``QA_LANGUAGETOOL_URL``),
  else :data:`DEFAULT`;
- **once per run** (:func:`prepare`, :func:`backend`): a LanguageTool server is located,
  started (local install) and probed once in the parent process before any file is checked;
  each process keeps one backend per configuration; Harper's dictionary is built on the
  first document, never at import;
- **policy** (:func:`severity`): an engine's match keeps its rule id (namespaced ``harper.X`` /
  ``lt.X``), span, message and replacements; we only decide the severity, or drop it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator, Protocol

from qa.errors import EngineError
from qa.finding import Finding, Severity

if TYPE_CHECKING:
    from qa.engine import Provider
    from qa.settings import Settings
    from qa.source import Source

BACKENDS = ("off", "harper", "languagetool")
#: The backend when none is chosen and no LanguageTool server is configured: off. Harper
#: meets the false-alarm budget on the clean dev documents with this module's policy (0
#: warnings), but it found 1 annotated problem in 8 warnings on the damaged ones while
#: costing 0.6-1.2 s of start-up and ~200 MB in every process and a third of the checking
#: time (README, "Speed"); editors turn it on with ``--grammar harper`` or config
#: ``grammar = "harper"``.
DEFAULT = "off"
ENV_URL = "QA_LANGUAGETOOL_URL"
PUBLIC_URL = "https://api.languagetool.org/v2/"


@dataclass(frozen=True)
class GrammarMatch:
    """One engine match, in the engine's own terms (offsets: code points of the text)."""

    start: int
    end: int
    rule: str  # namespaced engine rule id: "harper.AnA", "lt.EN_A_VS_AN"
    message: str
    replacements: tuple[str, ...] = ()
    kind: str = ""  # the engine's category: Harper lint kind, LanguageTool issueType
    spelling: bool = False


class Backend(Protocol):
    name: str

    def check(self, text: str) -> list[GrammarMatch]: ...


def languagetool_url(settings: "Settings") -> str | None:
    """The configured server: the flag/config, else $QA_LANGUAGETOOL_URL, else the public
    API only with the explicit opt-in."""
    url = settings.languagetool_url or os.environ.get(ENV_URL) or None
    if url is None and getattr(settings, "languagetool_public", False):
        url = PUBLIC_URL
    return url


def choose(settings: "Settings") -> str:
    name = settings.grammar
    if name is None:
        return "languagetool" if languagetool_url(settings) else DEFAULT
    if name not in BACKENDS:
        raise EngineError(f"unknown grammar backend '{name}' (use {', '.join(BACKENDS)})")
    return name


@lru_cache(maxsize=None)
def prepare(settings: "Settings") -> "Settings":
    """Called once per distinct Settings in the parent before checking: for LanguageTool,
    find (or start) the server and make sure it answers; fills in ``languagetool_url``."""
    if choose(settings) != "languagetool":
        return settings
    from qa.adapters import languagetool

    url = languagetool_url(settings) or languagetool.start_local()
    _backend("languagetool", url).ping()
    return replace(settings, grammar="languagetool", languagetool_url=url)


@lru_cache(maxsize=None)
def _backend(name: str, url: str | None) -> Backend:
    if name == "harper":
        from qa.adapters.harper import Harper

        return Harper()
    from qa.adapters.languagetool import LanguageToolServer

    assert url is not None
    return LanguageToolServer(url)


def backend(settings: "Settings") -> Backend | None:
    """This process's backend for these settings (one per configuration), or None for off."""
    name = choose(settings)
    if name == "off":
        return None
    url = languagetool_url(settings) if name == "languagetool" else None
    if name == "languagetool" and url is None:
        url = prepare(settings).languagetool_url
    return _backend(name, url)


def provider(settings: "Settings") -> "Provider | None":
    """The engine Provider for these settings (None when grammar is off)."""
    engine = backend(settings)
    if engine is None:
        return None
    policy = Policy(frozenset(w.casefold() for w in settings.accept), tuple(settings.select))

    def check(source: "Source") -> Iterator[Finding]:
        return to_findings(source, engine.check(source.text), policy, getattr(engine, "other_dialect", None))

    return check


# --- policy -----------------------------------------------------------------------------

#: Long-sentence and long-paragraph lints: the readability pack (RDB001/RDB002) owns these.
READABILITY_RULES = frozenset(
    {"harper.LongSentences", "lt.TOO_LONG_SENTENCE", "lt.TOO_LONG_PARAGRAPH", "lt.EN_TOO_LONG_SENTENCE"}
)
#: Engine categories that are about grammar proper: a warning. Everything else (style,
#: word choice, formatting, typography, spelling) is advisory: info.
WARNING_KINDS = frozenset(
    {
        # Harper lint kinds
        "Grammar", "Agreement", "Repetition", "Miscellaneous", "Typo", "Usage",
        "Capitalization", "Malapropism", "Eggcorn", "BoundaryError",
        # LanguageTool issue types
        "grammar", "duplication", "inconsistency",
    }
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Policy:
    accept: frozenset[str] = frozenset()  # casefolded accepted words and names
    select: tuple[str, ...] = ()  # --select: spelling is reported only when named here

    def wants_spelling(self, rule: str) -> bool:
        from qa.engine import Selector

        return bool(self.select) and Selector(self.select).wants(rule, rule_name(rule), "spelling", enabled=False)


def severity(match: GrammarMatch, source: "Source", policy: Policy = Policy(), other_dialect=None) -> Severity | None:
    """Our severity for an engine match, or None to drop it."""
    if match.rule in READABILITY_RULES:
        return None
    flagged = source.text[match.start : match.end]
    if match.spelling:
        return _spelling(match, flagged.strip(), source, policy, other_dialect)
    if _names_a_name(source, match.start, match.end) or _accepted(flagged, policy.accept):
        return Severity.INFO  # "Theresa May will ..." is not a double modal
    if source.in_quotes(match.start, match.end):
        return Severity.INFO  # quoted speech is reported verbatim
    return Severity.WARNING if match.kind in WARNING_KINDS else Severity.INFO


def _spelling(match: GrammarMatch, word: str, source: "Source", policy: Policy, other_dialect) -> Severity | None:
    """Spell-checker matches are off unless selected (``--select harper.SpellCheck``,
    ``--select lt.MORFOLOGIK_RULE_EN_US``, ``--select spelling``): on news they are mostly
    names and other dialects' spellings. When on, accepted words and names the document
    spells consistently are dropped; the rest is advisory."""
    if not policy.wants_spelling(match.rule) or word.casefold() in policy.accept:
        return None
    if word[:1].isupper():
        return Severity.INFO if _variants(word, source.text) else None
    if other_dialect is not None and other_dialect(word):
        return None  # "stabilise", "storey": right in British English
    return Severity.INFO


def _variants(word: str, text: str) -> bool:
    """Whether the document also spells a near-identical capitalised word differently
    ("Blinken" / "Blinkin"): then the name is not used consistently."""
    import difflib

    base = _POSSESSIVE.sub("", word)
    others = {_POSSESSIVE.sub("", w) for w in re.findall(r"\b[A-Z][\w'’-]+", text)}
    others = {w for w in others if w != base and abs(len(w) - len(base)) <= 2}  # "Taemin's" is "Taemin"
    return bool(difflib.get_close_matches(base, sorted(others), n=1, cutoff=0.8))


_POSSESSIVE = re.compile(r"['’]s?$")


def _accepted(flagged: str, accept: frozenset[str]) -> bool:
    return bool(accept) and any(w.casefold() in accept for w in _WORD.findall(flagged))


def _names_a_name(source: "Source", start: int, end: int) -> bool:
    """True when the span holds a capitalised word inside a sentence (not after . ! ? or a
    paragraph break): "Theresa May will", "Javier May, director"."""
    text = source.text
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if word[0].isupper() and (not _starts_sentence(text, m.start()) or _used_as_name(text, word)):
            return True
    return False


def _used_as_name(text: str, word: str) -> bool:
    """Whether the document writes ``word`` capitalised inside a sentence somewhere
    ("... said Javier May." makes a paragraph's "May offered ..." a name too)."""
    for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
        if not _starts_sentence(text, m.start()):
            return True
    return False


def _starts_sentence(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and (text[i] in " \t\"'“‘([" ):
        i -= 1
    return i < 0 or text[i] in ".!?…:\n"


def to_findings(source: "Source", matches: Iterable[GrammarMatch], policy: Policy = Policy(), other_dialect=None) -> Iterator[Finding]:
    for m in matches:
        level = severity(m, source, policy, other_dialect)
        if level is None:
            continue
        raw_start, raw_end, line, column, end_line, end_column = source.locate(m.start, m.end)
        yield Finding(
            start=raw_start,
            end=raw_end,
            rule=m.rule,
            name=rule_name(m.rule),
            category="grammar",
            severity=level,
            message=m.message,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=source.text[m.start : m.end],
            suggestions=m.replacements,
        )


def rule_name(rule: str) -> str:
    """``lt.EN_A_VS_AN`` -> ``lt.en_a_vs_an`` (a dotted lower-case name for --select)."""
    return re.sub(r"[^a-z0-9_.-]", "-", rule.lower())
