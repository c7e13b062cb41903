"""Config files end to end through the CLI: discovery, precedence, overrides, strict errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from qa.config import Resolver, _glob_match, load_config
from qa.errors import ConfigError
from qa.finding import Severity


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of fixtures/config (so caches and `qa init` never write into the repository)."""
    shutil.copytree(FIXTURES / "config", tmp_path / "config")
    return tmp_path / "config"


def _findings(proc) -> list[tuple[str, str, str]]:
    data = json.loads(proc.out)
    return [(Path(f["path"]).name, x["rule"], x["severity"]) for f in data["files"] for x in f["findings"]]


def test_nearest_config_sets_severity_and_fail_on(qa, tree):
    p = qa("check", "--format", "json", "news/story.txt", cwd=tree / "project")
    assert _findings(p) == [("story.txt", "FRN001", "error")]
    assert p.returncode == 1  # fail-on = "error" from .qa.toml


def test_command_line_beats_config(qa, tree):
    p = qa("check", "--format", "json", "--fail-on", "never", "news/story.txt", cwd=tree / "project")
    assert p.returncode == 0 and _findings(p) == [("story.txt", "FRN001", "error")]
    p = qa("check", "--format", "json", "--select", "RES", "news/story.txt", cwd=tree / "project")
    assert _findings(p) == []


def test_config_option_sits_between_nearest_file_and_command_line(qa, tree):
    p = qa("check", "--format", "json", "--config", "strict.toml", "news/story.txt", cwd=tree / "project")
    assert _findings(p) == [("story.txt", "FRN001", "warning")]
    assert p.returncode == 0  # still fail-on "error" from the nearest file


def test_per_glob_override_and_nearest_file_per_directory(qa, tree):
    p = qa("check", "--format", "json", "--fail-on", "never", ".", cwd=tree / "project")
    got = _findings(p)
    assert ("story.txt", "FRN001", "error") in got
    assert ("note.txt", "FRN001", "info") in got  # sub/pyproject.toml [tool.qa] is nearer
    assert not [f for f in got if f[0] == "old.txt"]  # [[overrides]] files = ["archive/**"]


def test_unknown_key_is_one_line_naming_file_and_key(qa, tree):
    p = qa("check", "a.txt", cwd=tree / "bad-key")
    assert p.returncode == 2
    lines = p.err.strip().splitlines()
    assert len(lines) == 1 and ".qa.toml" in lines[0] and "key 'selcet': unknown key" in lines[0]


def test_wrong_type_names_file_and_key(qa, tree):
    p = qa("check", "a.txt", cwd=tree / "bad-type")
    assert p.returncode == 2
    assert "pyproject.toml: key 'tool.qa.select': must be a list of non-empty strings" in p.err
    assert len(p.err.strip().splitlines()) == 1


def test_qa_config_prints_merged_values_and_origins(qa, tree):
    p = qa("config", "archive/old.txt", cwd=tree / "project")
    assert p.returncode == 0, p.err
    lines = {line.split("=")[0].strip(): line for line in p.out.splitlines()}
    assert '["FRN", "QA"]' in lines["select"] and ".qa.toml" in lines["select"]
    assert "FRN001" in lines["ignore"] and "overrides 1: archive/**" in lines["ignore"]
    assert '"error"' in lines["fail-on"]
    assert "# default" in lines["extensions"]


def test_qa_config_prints_the_keys_users_write(qa, tree):
    """Issue 14 item 15: `fail-on` and `rules` (the TOML keys), not `fail_on` and `pack_dirs`."""
    p = qa("config", cwd=tree / "project")
    keys = [line.split("=")[0].strip() for line in p.out.splitlines()]
    assert "fail-on" in keys and "rules" in keys and "cache-dir" in keys and "languagetool-url" in keys
    assert not [k for k in keys if "_" in k], keys
    from qa.config import KEYS

    assert set(keys) - set(KEYS) == {"--languagetool-public"}  # the one setting that is a flag only


def test_qa_config_and_help_tell_the_grammar_default(qa, tmp_path):
    """Issue 14 item 14: the default is off; $QA_LANGUAGETOOL_URL alone turns LanguageTool on."""
    help_text = re.sub(r"[\s│]+", " ", qa("check", "--help").out)
    assert "(default off;" in help_text and "else harper" not in help_text
    assert "$QA_LANGUAGETOOL_URL" in help_text
    env = {"QA_LANGUAGETOOL_URL": ""}
    lines = {line.split("=")[0].strip(): line for line in qa("config", cwd=tmp_path, env=env).out.splitlines()}
    assert '"off"' in lines["grammar"] and "(unset)" in lines["languagetool-url"]
    env = {"QA_LANGUAGETOOL_URL": "http://localhost:8081"}
    lines = {line.split("=")[0].strip(): line for line in qa("config", cwd=tmp_path, env=env).out.splitlines()}
    assert '"languagetool"' in lines["grammar"] and "$QA_LANGUAGETOOL_URL" in lines["grammar"]
    assert '"http://localhost:8081"' in lines["languagetool-url"] and "# $QA_LANGUAGETOOL_URL" in lines["languagetool-url"]


def test_qa_init_writes_a_valid_starter_and_never_overwrites(qa, tmp_path):
    p = qa("init", cwd=tmp_path)
    assert p.returncode == 0 and (tmp_path / ".qa.toml").is_file()
    assert load_config(tmp_path / ".qa.toml") is not None  # all commented out, but valid TOML
    (tmp_path / ".qa.toml").write_text("# mine\n")
    p = qa("init", cwd=tmp_path)
    assert p.returncode == 2 and "already exists" in p.err
    assert (tmp_path / ".qa.toml").read_text() == "# mine\n"


def test_starter_uncommented_is_valid(tmp_path):
    from qa.config import STARTER

    setting = re.compile(r'^# (\[|[\w"-]+ = )')
    body = "\n".join(line[2:] if setting.match(line) else line for line in STARTER.splitlines())
    (tmp_path / ".qa.toml").write_text(body)
    assert load_config(tmp_path / ".qa.toml").base.values["fail_on"] == "warning"


def test_resolver_settings_are_hashable_and_shared(tree):
    resolve = Resolver({}, cwd=tree / "project")
    a = resolve(tree / "project" / "news" / "story.txt")
    b = resolve(tree / "project" / "news" / "other.txt")
    assert a is b and hash(a) == hash(b)
    assert dict(a.severity) == {"FRN001": Severity.ERROR}
    archived = resolve(tree / "project" / "archive" / "old.txt")
    assert "FRN001" in archived.ignore and archived != a


def test_severity_off_and_thresholds(tmp_path):
    (tmp_path / ".qa.toml").write_text('[severity]\nRES = "off"\n[thresholds]\nRDB001 = 30\n')
    s = Resolver({}, cwd=tmp_path)(tmp_path / "x.txt")
    assert "RES" in s.ignore and s.threshold("RDB001", 0) == 30.0


@pytest.mark.parametrize(
    "body, message",
    [
        ("fail-on = 'sometimes'", "key 'fail-on': must be one of error, warning, info, never"),
        ("[severity]\nFRN001 = 'loud'", "key 'severity.FRN001': must be info, warning, error or off"),
        ("[thresholds]\nRDB001 = 'high'", "key 'thresholds.RDB001': must be a number"),
        ("[[overrides]]\nignore = ['X']", "key 'overrides[1].files': missing"),
        ("[[overrides]]\nfiles = ['a/**']\nfail-on = 'error'", "key 'overrides[1].fail-on': applies to the whole run"),
        ("select = [", "invalid TOML"),
    ],
)
def test_invalid_values(tmp_path, body, message):
    (tmp_path / ".qa.toml").write_text(body + "\n")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_config.__wrapped__(tmp_path / ".qa.toml")


@pytest.mark.parametrize(
    "pattern, path, expected",
    [
        ("archive/**", "archive/2020/a.md", True),
        ("archive/**", "news/archive/a.md", False),
        ("**/drafts/*.md", "a/b/drafts/x.md", True),
        ("*.md", "deep/dir/x.md", True),
        ("*.md", "deep/dir/x.txt", False),
        ("news/*.txt", "news/sub/a.txt", False),
    ],
)
def test_globs(pattern, path, expected):
    assert _glob_match(pattern, path) is expected
