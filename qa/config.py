"""Find, validate and merge configuration into one frozen Settings per document.

Where settings come from, lowest first (later layers win)::

    defaults < nearest config file < its matching [[overrides]]
             < --config FILE < its matching [[overrides]] < command line

The nearest config file is the first ``.qa.toml`` or ``pyproject.toml`` with a ``[tool.qa]``
table found walking up from the checked file's directory (``.qa.toml`` wins in one directory).
Lists replace what is below them, except ``ignore`` and ``accept``, which add up (a layer can
only switch more rules off or accept more names); tables (``severity``, ``thresholds``) merge
key by key. Unknown keys and wrong types are errors naming the file and the key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from qa.errors import ConfigError
from qa.finding import Severity
from qa.settings import FAIL_ON, Settings

CONFIG_NAMES = (".qa.toml", "pyproject.toml")
GRAMMARS = ("off", "harper", "languagetool")
#: Settings that belong to the whole run, not to a file: not allowed in [[overrides]].
RUN_LEVEL = ("fail-on", "extensions", "jobs", "cache-dir")


def _strings(file: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{file}: key '{key}': must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _string(file: str, key: str, value: Any, choices: tuple[str, ...] = ()) -> str:
    if not isinstance(value, str) or (choices and value not in choices):
        want = "one of " + ", ".join(choices) if choices else "a string"
        raise ConfigError(f"{file}: key '{key}': must be {want}, not {value!r}")
    return value


def _table(file: str, key: str, value: Any, check: Callable[[str, Any], Any]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{file}: key '{key}': must be a table")
    return {k: check(f"{key}.{k}", v) for k, v in value.items()}


def _severity(file: str, key: str, value: Any) -> Severity | str:
    if value == "off":
        return "off"
    try:
        return Severity.parse(_string(file, key, value))
    except ValueError:
        raise ConfigError(f"{file}: key '{key}': must be info, warning, error or off, not {value!r}") from None


def _number(file: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{file}: key '{key}': must be a number, not {value!r}")
    return float(value)


def _jobs(file: str, key: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{file}: key '{key}': must be a whole number, 0 or more (0 = one per CPU), not {value!r}")
    return value


def _extension(e: str) -> str:
    e = e.lower()
    return e if e.startswith(".") else "." + e


#: TOML key -> (Settings field, validator(file, key, value, config_dir) -> field value).
KEYS: dict[str, tuple[str, Callable[[str, str, Any, Path], Any]]] = {
    "select": ("select", lambda f, k, v, d: _strings(f, k, v)),
    "ignore": ("ignore", lambda f, k, v, d: _strings(f, k, v)),
    "severity": ("severity", lambda f, k, v, d: _table(f, k, v, lambda kk, vv: _severity(f, kk, vv))),
    "fail-on": ("fail_on", lambda f, k, v, d: _string(f, k, v, FAIL_ON)),
    "rules": ("pack_dirs", lambda f, k, v, d: tuple((d / p).resolve() for p in _strings(f, k, v))),
    "grammar": ("grammar", lambda f, k, v, d: _string(f, k, v, GRAMMARS)),
    "languagetool-url": ("languagetool_url", lambda f, k, v, d: _string(f, k, v)),
    "thresholds": ("thresholds", lambda f, k, v, d: _table(f, k, v, lambda kk, vv: _number(f, kk, vv))),
    "accept": ("accept", lambda f, k, v, d: _strings(f, k, v)),
    "extensions": ("extensions", lambda f, k, v, d: tuple(_extension(e) for e in _strings(f, k, v))),
    "jobs": ("jobs", lambda f, k, v, d: _jobs(f, k, v)),  # worker processes, 0 = one per CPU
    "html": ("html", lambda f, k, v, d: _string(f, k, v, ("article", "page"))),  # what of an HTML page is checked
    "cache-dir": ("cache_dir", lambda f, k, v, d: _cache_dir(f, k, v, d)),
    "against": ("against", lambda f, k, v, d: (d / _string(f, k, v)).resolve()),  # the original (reference mode)
}


def _cache_dir(file: str, key: str, value: Any, config_dir: Path) -> Path:
    """Relative to the config file and inside its directory: a repository's config must not make
    qa write elsewhere (``cache-dir = "/etc"``). Anywhere else only with ``--cache-dir``."""
    root = config_dir.resolve()
    path = (root / _string(file, key, value)).resolve()
    if path == root or root not in path.parents:
        raise ConfigError(
            f"{file}: key '{key}': {value!r} is not a directory inside {root}; a cache directory "
            "from a config file must be below the file's own directory (use --cache-dir for another place)"
        )
    return path


@dataclass(frozen=True)
class Layer:
    """Validated values (Settings field -> value) and where they came from."""

    origin: str
    values: Mapping[str, Any]
    #: Fields this layer adds to (rather than replaces): ``--ext`` adds extensions.
    adds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Override:
    globs: tuple[str, ...]
    layer: Layer


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    base: Layer
    overrides: tuple[Override, ...]

    def layers_for(self, file: Path | None) -> list[Layer]:
        out = [self.base]
        if file is not None:
            try:
                rel = file.resolve().relative_to(self.path.parent.resolve()).as_posix()
            except ValueError:
                rel = None
            if rel is not None:
                out.extend(o.layer for o in self.overrides if any(_glob_match(g, rel) for g in o.globs))
        return out


def _layer(data: Mapping[str, Any], file: str, prefix: str, config_dir: Path, origin: str, allow_run: bool) -> Layer:
    values: dict[str, Any] = {}
    for key, value in data.items():
        full = prefix + key
        if key not in KEYS:
            raise ConfigError(f"{file}: key '{full}': unknown key (known: {', '.join([*KEYS, 'overrides'])})")
        if not allow_run and key in RUN_LEVEL:
            raise ConfigError(f"{file}: key '{full}': applies to the whole run, not allowed in overrides")
        field_name, validate = KEYS[key]
        values[field_name] = validate(file, full, value, config_dir)
    return Layer(origin, values)


@lru_cache(maxsize=None)
def load_config(path: Path) -> ConfigFile | None:
    """Parse and validate one config file; None for a pyproject.toml without [tool.qa]."""
    file = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{file}: no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: invalid TOML: {exc}") from None
    prefix = ""
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("qa")
        if data is None:
            return None
        if not isinstance(data, dict):
            raise ConfigError(f"{file}: key 'tool.qa': must be a table")
        prefix = "tool.qa."
    data = dict(data)
    raw_overrides = data.pop("overrides", [])
    if not isinstance(raw_overrides, list) or not all(isinstance(o, dict) for o in raw_overrides):
        raise ConfigError(f"{file}: key '{prefix}overrides': must be an array of tables ([[{prefix}overrides]])")
    base = _layer(data, file, prefix, path.parent, file, allow_run=True)
    overrides = []
    for n, entry in enumerate(raw_overrides, 1):
        entry = dict(entry)
        where = f"{prefix}overrides[{n}]."
        if "files" not in entry:
            raise ConfigError(f"{file}: key '{where}files': missing (a list of globs such as [\"archive/**\"])")
        globs = _strings(file, where + "files", entry.pop("files"))
        origin = f"{file} [overrides {n}: {', '.join(globs)}]"
        overrides.append(Override(globs, _layer(entry, file, where, path.parent, origin, allow_run=False)))
    return ConfigFile(path, base, tuple(overrides))


@lru_cache(maxsize=None)
def nearest_config(directory: Path) -> ConfigFile | None:
    """The first .qa.toml or pyproject.toml with [tool.qa] at or above ``directory``."""
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file():
            found = load_config(candidate)
            if found is not None:
                return found
    parent = directory.parent
    return None if parent == directory else nearest_config(parent)


def _glob_match(pattern: str, rel: str) -> bool:
    """gitignore-like globs: ``**`` spans directories, ``*`` does not; a pattern without ``/``
    matches a file name in any directory."""
    pattern = pattern.strip("/") if not pattern.startswith("./") else pattern[2:]
    if "/" not in pattern:
        return bool(_glob_re(pattern).fullmatch(rel.rsplit("/", 1)[-1])) or bool(_glob_re(pattern).fullmatch(rel))
    return bool(_glob_re(pattern).fullmatch(rel))


@lru_cache(maxsize=256)
def _glob_re(pattern: str) -> "re.Pattern[str]":
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


DEFAULTS = Layer("default", {})
ACCUMULATE = ("ignore", "accept")
MERGE = ("severity", "thresholds")


def merge(layers: list[Layer]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Fold layers (lowest first) into Settings keyword arguments and their origins."""
    values: dict[str, Any] = {}
    origins: dict[str, list[str]] = {}
    for layer in layers:
        for name, value in layer.values.items():
            if name in layer.adds:
                below = values.get(name, getattr(Settings, name))
                values[name] = tuple(dict.fromkeys([*below, *value]))
                origins.setdefault(name, ["default"]).append(layer.origin)
            elif name in ACCUMULATE and name in values:
                values[name] = tuple(dict.fromkeys([*values[name], *value]))
                origins[name].append(layer.origin)
            elif name in MERGE and name in values:
                values[name] = {**values[name], **value}
                origins[name].append(layer.origin)
            else:
                values[name] = value
                origins[name] = [layer.origin]
    return values, origins


def to_settings(values: Mapping[str, Any]) -> Settings:
    kw = dict(values)
    severity = dict(kw.pop("severity", {}))
    off = tuple(k for k, v in severity.items() if v == "off")
    if off:
        kw["ignore"] = tuple(dict.fromkeys([*kw.get("ignore", ()), *off]))
    kw["severity"] = tuple(sorted((k, v) for k, v in severity.items() if v != "off"))
    if "thresholds" in kw:
        kw["thresholds"] = tuple(sorted(dict(kw["thresholds"]).items()))
    return Settings(**kw)


class Resolver:
    """The effective Settings of each checked path (cached by the layers that apply)."""

    def __init__(self, cli: Mapping[str, Any] | None = None, config: Path | None = None, cwd: Path | None = None) -> None:
        known = {f.name for f in fields(Settings)}
        unknown = set(cli or {}) - known
        assert not unknown, f"not Settings fields: {unknown}"
        self.cli = Layer("command line", dict(cli or {}), adds=("extensions",))
        self.config = load_config(config) if config is not None else None
        if config is not None and self.config is None:
            raise ConfigError(f"{config}: has no [tool.qa] table")
        self.cwd = cwd or Path.cwd()
        self._cache: dict[tuple[int, ...], Settings] = {}

    def layers(self, path: Optional[Path]) -> list[Layer]:
        where = (self.cwd / path) if path is not None else None
        directory = (where if where is not None and where.is_dir() else (where.parent if where else self.cwd)).resolve()
        layers = [DEFAULTS]
        near = nearest_config(directory)
        if near is not None:
            layers.extend(near.layers_for(where))
        if self.config is not None:
            layers.extend(self.config.layers_for(where))
        layers.append(self.cli)
        return layers

    def __call__(self, path: Optional[Path]) -> Settings:
        layers = self.layers(path)
        key = tuple(id(layer) for layer in layers)
        if key not in self._cache:
            self._cache[key] = to_settings(merge(layers)[0])
        return self._cache[key]

    def explain(self, path: Optional[Path]) -> list[tuple[str, str, str]]:
        """(key as written in a config file, value as TOML, where it came from) for every
        setting, for ``qa config``. A setting with no config key shows its flag (``--x``)."""
        values, origins = merge(self.layers(path))
        settings = to_settings(values)
        out = []
        for f in fields(Settings):
            origin = " + ".join(origins.get(f.name, ["default"]))
            if f.name == "ignore" and "severity" in origins and set(settings.ignore) - set(values.get("ignore", ())):
                origin += " + severity = off"
            value = getattr(settings, f.name)
            shown = render_table(value) if f.name in MERGE else render_value(value)
            out.append((CONFIG_KEY.get(f.name, "--" + f.name.replace("_", "-")), shown, origin))
        return out


#: Settings field -> the key a user writes in a config file.
CONFIG_KEY = {field_name: key for key, (field_name, _) in KEYS.items()}


def render_value(value: Any) -> str:
    """A setting's value as it would be written in TOML (``(unset)`` for none)."""
    if isinstance(value, Severity):
        return json.dumps(value.label)
    if isinstance(value, tuple):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    if isinstance(value, (str, Path)):
        return json.dumps(str(value), ensure_ascii=False)
    if value is None:
        return "(unset)"
    return str(value).lower() if isinstance(value, bool) else str(value)


def render_table(pairs: tuple[tuple[str, Any], ...]) -> str:
    return "{" + ", ".join(f"{json.dumps(k)} = {render_value(v)}" for k, v in pairs) + "}"


STARTER = '''\
# qa configuration (https://pypi.org/project/mtqa/). Precedence, highest first:
# command-line flags > --config FILE > the nearest .qa.toml / pyproject.toml [tool.qa] > defaults.
# Run `qa config PATH` to see the settings a file gets and where each one came from.

# Only these rules (ids, dotted names, id prefixes or categories); empty = every enabled rule.
# select = ["RES", "FRN"]

# Rules to skip (adds up across config layers).
# ignore = ["harper"]

# Lowest severity that makes `qa check` exit 1: error, warning, info or never.
# fail-on = "warning"

# Extra rule pack directories, relative to this file.
# rules = ["qa-rules"]

# Grammar backend: off, harper or languagetool (with a local server URL).
# grammar = "harper"
# languagetool-url = "http://localhost:8081"

# Words and names that are right here even if a rule thinks otherwise.
# accept = ["Xinhua", "Nikkei"]

# Reference mode: compare the checked files with this original (relative to this file);
# usually set per file in [[overrides]]. Same as `qa check --against ORIGINAL`.
# against = "originals/wire-story.txt"

# HTML input: "article" checks the article body (no navigation, cookie banners, share or
# related blocks); "page" checks every visible text.
# html = "page"

# File extensions checked when a directory is named.
# extensions = [".txt", ".md", ".html"]

# Tables come last (in TOML, keys after a [table] belong to it).
# Change a rule's (or a category's) severity; "off" disables it.
# [severity]
# "FRN001" = "error"

# Numbers for metric rules (readability and friends), by rule id.
# [thresholds]
# "RDB001" = 25

# Different settings for some files (globs relative to this file; ** spans directories).
# [[overrides]]
# files = ["archive/**"]
# ignore = ["RES"]
'''
