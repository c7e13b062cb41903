"""What every rule kind provides, and the small field validator kinds share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator, Mapping, Sequence

from qa.finding import Match

if TYPE_CHECKING:
    from qa.phrases import PhraseHit
    from qa.rulepack import Rule
    from qa.source import Source


class FieldError(ValueError):
    """Raised by kinds while validating their data; the loader adds file and rule."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field


@dataclass(frozen=True)
class Field:
    check: Callable[[Any], bool]
    expected: str
    required: bool = False
    default: Any = None


def is_str(v: Any) -> bool:
    return isinstance(v, str) and v != ""


def is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_str_list(v: Any) -> bool:
    return isinstance(v, list) and len(v) > 0 and all(is_str(x) for x in v)


def is_str_map(v: Any) -> bool:
    """A non-empty mapping of phrase -> suggestion or list of suggestions."""
    return (
        isinstance(v, dict)
        and len(v) > 0
        and all(is_str(k) and (is_str(x) or is_str_list(x)) for k, x in v.items())
    )


STR = Field(is_str, "a non-empty string")
BOOL = Field(is_bool, "true or false")
INT = Field(is_int, "an integer")
NUMBER = Field(is_number, "a number")
STR_LIST = Field(is_str_list, "a non-empty list of strings")
STR_MAP = Field(is_str_map, "a non-empty mapping of strings to a string or a list of strings")


def required(f: Field) -> Field:
    return Field(f.check, f.expected, True, f.default)


def default(f: Field, value: Any) -> Field:
    return Field(f.check, f.expected, False, value)


def validate(data: Mapping[str, Any], fields: Mapping[str, Field]) -> dict[str, Any]:
    """Check kind data against its field table; unknown keys and wrong types are errors."""
    for key in data:
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise FieldError(key, f"unknown key for this kind (known: {known})")
    out: dict[str, Any] = {}
    for key, spec in fields.items():
        if key not in data:
            if spec.required:
                raise FieldError(key, "missing required field")
            out[key] = spec.default
            continue
        if not spec.check(data[key]):
            raise FieldError(key, f"must be {spec.expected}")
        out[key] = data[key]
    return out


class Check:
    """A compiled rule. Subclasses set FIELDS and MESSAGE_VALUES and implement ``run``."""

    FIELDS: ClassVar[Mapping[str, Field]] = {}
    #: Names a message may interpolate besides ``match`` and ``suggestion``.
    MESSAGE_VALUES: ClassVar[frozenset[str]] = frozenset()
    #: Whether matches inside quotation marks are kept by default for this kind.
    QUOTES_DEFAULT: ClassVar[bool] = True

    def __init__(self, rule: "Rule", data: Mapping[str, Any]) -> None:
        self.rule = rule
        self.data = data

    def phrases(self) -> Iterable[tuple[str, Any]]:
        """Phrases (lower-case keys) this rule wants from the document's single phrase pass."""
        return ()

    def regexes(self) -> Sequence[Any] | None:
        """The compiled RE2 patterns that, with its phrases, are all this rule searches for:
        the engine searches them all in one RE2 set pass and skips the rule when none of them
        (and none of its phrases) is in the document. None (the default): always run."""
        return None

    def run(self, source: "Source", hits: Sequence["PhraseHit"]) -> Iterator[Match]:
        raise NotImplementedError


class Choice(Check):
    """A kind that offers several named checks, one per rule: the rule's ``check`` field picks
    one of ``CHECKS`` and ``self._run`` is the method of that name (``missing-space`` ->
    ``_missing_space``). Subclasses add their own fields and call ``self._run`` in ``run``."""

    CHECKS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, rule: "Rule", data: Mapping[str, Any]) -> None:
        super().__init__(rule, data)
        if data["check"] not in self.CHECKS:
            raise FieldError("check", f"must be one of {', '.join(self.CHECKS)}")
        self._run = getattr(self, "_" + data["check"].replace("-", "_"))
