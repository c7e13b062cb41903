"""Load rule packs (YAML, one file per phenomenon) and validate them strictly.

Every error names the pack file, and where it can, the rule id and the field.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from typing import TYPE_CHECKING

from qa.errors import PackError
from qa.finding import Severity

if TYPE_CHECKING:
    from qa.kinds.base import Check

# YAML and the kinds (with their compiled data) are imported on the first pack load, so
# that a run answered wholly from the cache never pays for them.

ID_RE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$")
CATEGORY_RE = re.compile(r"^[a-z][a-z_]*$")
MARK_RE = re.compile(r"\{\{(.+?)\}\}", re.S)

PACK_KEYS = {"pack", "version", "description", "rules"}
RULE_KEYS = {
    "id", "name", "kind", "category", "severity", "message", "description", "examples",
    "quotes", "fix", "aliases", "enabled",
}
REQUIRED_RULE_KEYS = ("id", "name", "kind", "category", "severity", "message", "description", "examples")


@dataclass(frozen=True)
class BadExample:
    text: str
    spans: tuple[tuple[int, int], ...]
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class Examples:
    bad: tuple[BadExample, ...]
    good: tuple[str, ...]
    known_false_positives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    kind: str
    category: str
    severity: Severity
    message: str
    description: str
    examples: Examples
    pack: str
    pack_version: int
    quotes: bool
    fix_safe: bool
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    check: Check | None = field(default=None, compare=False, repr=False)

    @property
    def fix(self) -> str:
        """The pack's own word for the fix (``safe`` or ``unsafe``): what every view shows."""
        return "safe" if self.fix_safe else "unsafe"

    @property
    def summary(self) -> str:
        """The description's first sentence, on one line."""
        flat = " ".join(self.description.split())
        end = flat.find(". ")
        return flat if end == -1 else flat[: end + 1]

    def format_message(self, values: Mapping[str, str]) -> str:
        return self.message.format_map(_Blank(values))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def default_pack_dir() -> Path:
    """Packs shipped in the wheel (qa/_packs), else the repository's rules/ folder."""
    here = Path(__file__).resolve().parent
    installed = here / "_packs"
    return installed if installed.is_dir() else here.parent / "rules"


def pack_files(directories: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for d in directories:
        if d.is_file():
            files.append(d)
            continue
        if not d.is_dir():
            raise PackError(str(d), "rule pack directory does not exist")
        files.extend(sorted(p for p in d.iterdir() if p.suffix in (".yaml", ".yml")))
    return files


def load_rules(paths: Iterable[Path], errors: list[PackError] | None = None) -> list[Rule]:
    """Load every pack; duplicate ids or names are errors.

    With ``errors`` given, a broken pack is recorded there and skipped so that the run can
    go on with the others; without it, the first error is raised.
    """
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in pack_files(paths):
        try:
            pack = load_pack(path)
            keys: dict[str, str] = {}
            for rule in pack:
                for key in (rule.id, rule.name, *rule.aliases):
                    if key in seen or key in keys:
                        other = seen.get(key, str(path))
                        raise PackError(str(path), f"duplicate id or name '{key}' (also in {other})", rule.id, "id")
                    keys[key] = str(path)
        except PackError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        seen.update(keys)
        rules.extend(pack)
    return rules


def load_pack(path: Path) -> list[Rule]:
    import yaml

    where = str(path)
    try:
        # libyaml's loader when present: 5-6x faster than the pure-Python one on our packs
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise PackError(where, f"cannot read rule pack: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise PackError(where, "rule pack is not valid UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise PackError(where, f"invalid YAML{at}: {problem}") from None
    if not isinstance(doc, dict):
        raise PackError(where, "a rule pack must be a mapping with 'pack', 'version' and 'rules'")
    for key in doc:
        if key not in PACK_KEYS:
            raise PackError(where, f"unknown top-level key '{key}'")
    for key in ("pack", "version", "rules"):
        if key not in doc:
            raise PackError(where, f"missing top-level key '{key}'")
    version = doc["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise PackError(where, "'version' must be an integer")
    if not isinstance(doc["rules"], list) or not doc["rules"]:
        raise PackError(where, "'rules' must be a non-empty list")
    return [_rule(where, version, i, entry) for i, entry in enumerate(doc["rules"])]


def _rule(where: str, version: int, index: int, entry: Any) -> Rule:
    if not isinstance(entry, dict):
        raise PackError(where, f"rule #{index + 1} is not a mapping")
    rid = entry.get("id") if isinstance(entry.get("id"), str) else f"#{index + 1}"

    def fail(fld: str, problem: str) -> PackError:
        return PackError(where, problem, rid, fld)

    kind_name = entry.get("kind")
    from qa.kinds import KINDS
    from qa.kinds.base import FieldError, validate

    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    data_keys = set(kind.FIELDS) if kind else set()
    for key in REQUIRED_RULE_KEYS:
        if key not in entry:
            raise fail(key, "missing required field")
    if not ID_RE.match(str(entry["id"])):
        raise fail("id", "must look like ABC123 (2-5 capitals, 3 digits)")
    if not isinstance(entry["name"], str) or not NAME_RE.match(entry["name"]):
        raise fail("name", "must be a dotted lower-case name such as 'residue.plugin-marker'")
    if kind is None:
        raise fail("kind", f"unknown kind '{kind_name}' (known: {', '.join(sorted(KINDS))})")
    for key in entry:
        if key not in RULE_KEYS and key not in data_keys:
            raise fail(key, "unknown key")
    if not isinstance(entry["category"], str) or not CATEGORY_RE.match(entry["category"]):
        raise fail("category", "must be a lower-case word such as 'cms_residue'")
    try:
        severity = Severity.parse(str(entry["severity"]))
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    for key in ("message", "description"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise fail(key, "must be a non-empty string")
    for key in ("quotes", "enabled"):
        if key in entry and not isinstance(entry[key], bool):
            raise fail(key, "must be true or false")
    if entry.get("fix", "unsafe") not in ("safe", "unsafe"):
        raise fail("fix", "must be 'safe' or 'unsafe'")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise fail("aliases", "must be a list of old ids or names")

    data = {k: v for k, v in entry.items() if k in data_keys}
    try:
        clean = validate(data, kind.FIELDS)
    except FieldError as exc:
        raise fail(exc.field, str(exc)) from None
    allowed = {"match", "suggestion"} | set(kind.MESSAGE_VALUES)
    try:
        names = {n for _, n, _, _ in string.Formatter().parse(entry["message"]) if n is not None}
    except ValueError as exc:
        raise fail("message", f"bad placeholder: {exc}") from None
    for name in names:
        if name not in allowed:
            raise fail("message", f"unknown placeholder {{{name}}} (allowed: {', '.join(sorted(allowed))})")

    rule = Rule(
        id=entry["id"],
        name=entry["name"],
        kind=kind_name,
        category=entry["category"],
        severity=severity,
        message=entry["message"].strip(),
        description=entry["description"].strip(),
        examples=_examples(entry["examples"], fail),
        pack=where,
        pack_version=version,
        quotes=entry.get("quotes", kind.QUOTES_DEFAULT),
        fix_safe=entry.get("fix") == "safe",
        aliases=tuple(aliases),
        enabled=entry.get("enabled", True),
        data=clean,
    )
    try:
        check = kind(rule, clean)
    except FieldError as exc:
        raise fail(exc.field, str(exc)) from None
    object.__setattr__(rule, "check", check)
    return rule


def _examples(raw: Any, fail) -> Examples:
    if not isinstance(raw, dict):
        raise fail("examples", "must be a mapping with 'bad' and 'good' lists")
    for key in raw:
        if key not in ("bad", "good", "known_false_positives"):
            raise fail("examples", f"unknown key '{key}'")
    bad_raw, good_raw = raw.get("bad"), raw.get("good")
    if not isinstance(bad_raw, list) or not bad_raw:
        raise fail("examples.bad", "needs at least one bad example")
    if not isinstance(good_raw, list) or not good_raw or not all(isinstance(g, str) for g in good_raw):
        raise fail("examples.good", "needs at least one good example (strings)")
    bad = tuple(_bad_example(b, fail) for b in bad_raw)
    kfp = raw.get("known_false_positives", [])
    if not isinstance(kfp, list) or not all(isinstance(k, str) for k in kfp):
        raise fail("examples.known_false_positives", "must be a list of strings")
    return Examples(bad, tuple(good_raw), tuple(kfp))


def _bad_example(raw: Any, fail) -> BadExample:
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise fail("examples.bad", "each bad example is a string or a mapping with 'text'")
    for key in raw:
        if key not in ("text", "suggestions"):
            raise fail("examples.bad", f"unknown key '{key}'")
    suggestions = raw.get("suggestions", [])
    if not isinstance(suggestions, list) or not all(isinstance(s, str) for s in suggestions):
        raise fail("examples.bad", "'suggestions' must be a list of strings")
    text, spans = parse_marked(raw["text"])
    if not spans:
        raise fail("examples.bad", f"mark the expected span with {{{{...}}}}: {raw['text']!r}")
    return BadExample(text, spans, tuple(suggestions))


def parse_marked(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip ``{{...}}`` markers; return the clean text and the marked spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for m in MARK_RE.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        inner = m.group(1)
        spans.append((length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), tuple(spans)
