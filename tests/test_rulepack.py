"""Pack validation: every broken pack is an error naming file, rule and field."""

from __future__ import annotations

import textwrap

import pytest

from qa.errors import PackError
from qa.rulepack import load_pack, load_rules, parse_marked

GOOD_RULE = """\
  - id: TST001
    name: test.sample
    kind: existence
    category: other
    severity: warning
    message: "Found {match}."
    description: A test rule.
    phrases: [alpha beta]
    examples:
      bad: ["x {{alpha beta}} y"]
      good: ["alpha gamma"]
"""


def write(tmp_path, body: str, name: str = "pack.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


def pack(rules: str) -> str:
    return "pack: t\nversion: 1\nrules:\n" + rules


def test_valid_pack_loads(tmp_path):
    (rule,) = load_pack(write(tmp_path, pack(GOOD_RULE)))
    assert rule.id == "TST001" and rule.check is not None


@pytest.mark.parametrize(
    "change, field, words",
    [
        (("    phrases: [alpha beta]\n", "    phrases: [alpha beta]\n    colour: red\n"), "colour", "unknown key"),
        (("    message: \"Found {match}.\"\n", ""), "message", "missing required field"),
        (("    phrases: [alpha beta]\n", "    phrases: []\n"), "phrases", "non-empty list"),
        (("    phrases: [alpha beta]\n", "    patterns: ['(unclosed']\n"), "patterns", "invalid regular expression"),
        (("kind: existence", "kind: teleport"), "kind", "unknown kind"),
        (("severity: warning", "severity: fatal"), "severity", "unknown severity"),
        (("id: TST001", "id: bad-id"), "id", "must look like"),
        (("name: test.sample", "name: Sample"), "name", "dotted"),
        (("Found {match}.", "Found {nothing}."), "message", "unknown placeholder"),
        (("      bad: [\"x {{alpha beta}} y\"]\n", "      bad: [\"x alpha beta y\"]\n"), "examples.bad", "mark the expected span"),
        (("      good: [\"alpha gamma\"]\n", ""), "examples.good", "at least one good example"),
    ],
)
def test_broken_rule_is_named(tmp_path, change, field, words):
    old, new = change
    assert old in GOOD_RULE
    path = write(tmp_path, pack(GOOD_RULE.replace(old, new)))
    with pytest.raises(PackError) as err:
        load_pack(path)
    msg = str(err.value)
    assert str(path) in msg and f"field '{field}'" in msg and words in msg
    assert err.value.field == field
    if "id: bad-id" not in new:
        assert "rule TST001" in msg


def test_duplicate_ids_across_packs(tmp_path):
    write(tmp_path, pack(GOOD_RULE), "a.yaml")
    write(tmp_path, pack(GOOD_RULE.replace("name: test.sample", "name: test.other")), "b.yaml")
    with pytest.raises(PackError, match=r"b\.yaml: rule TST001: field 'id': duplicate id or name 'TST001'"):
        load_rules([tmp_path])


def test_duplicate_ids_in_one_pack(tmp_path):
    path = write(tmp_path, pack(GOOD_RULE + GOOD_RULE.replace("name: test.sample", "name: test.two")))
    with pytest.raises(PackError, match="duplicate id"):
        load_rules([path])


def test_broken_pack_is_skipped_when_collecting(tmp_path):
    write(tmp_path, pack(GOOD_RULE), "a.yaml")
    write(tmp_path, "pack: [unclosed", "b.yaml")
    errors: list[PackError] = []
    rules = load_rules([tmp_path], errors)
    assert [r.id for r in rules] == ["TST001"]
    assert len(errors) == 1 and "b.yaml" in str(errors[0]) and "invalid YAML" in str(errors[0])


def test_top_level_keys_are_strict(tmp_path):
    with pytest.raises(PackError, match="unknown top-level key 'extra'"):
        load_pack(write(tmp_path, "extra: 1\n" + pack(GOOD_RULE)))
    with pytest.raises(PackError, match="missing top-level key 'version'"):
        load_pack(write(tmp_path, "pack: t\nrules:\n" + GOOD_RULE))


def test_pattern_group_must_exist(tmp_path):
    rule = GOOD_RULE.replace("kind: existence", "kind: pattern").replace(
        "    phrases: [alpha beta]\n", "    pattern: 'alpha (?P<w>beta)'\n    group: missing\n"
    )
    with pytest.raises(PackError, match="field 'group'"):
        load_pack(write(tmp_path, pack(rule)))


def test_parse_marked():
    text, spans = parse_marked("a {{bc}} d {{e}}")
    assert text == "a bc d e"
    assert [text[s:e] for s, e in spans] == ["bc", "e"]
