"""Reference mode (issue 15): a copy checked against its original.

The fixtures in fixtures/reference/ are one wire story (``original.md``, Markdown with links)
and four copies made from it: a synonym spin, a round-trip-style rewording with moved
clauses, a scrape that lost every linked phrase and gained page furniture, and a faithful
copy with house-style edits only. Each expected change is listed with its copy span and the
original wording, and no other warning or error may appear.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, run_qa

from qa.finding import Severity
from qa.reference import check_files, compare
from qa.source import Source

REF = FIXTURES / "reference"
ORIGINAL = REF / "original.md"

# (rule, copy span, original wording given as the suggestion)
EXPECTED = {
    "spin.txt": [
        ("REF001", "enlargement", "expansion"),
        ("REF004", "Related", "Associated"),
        ("REF001", "authorized", "approved"),
        ("REF001", "enlargement", "expansion"),
        ("REF001", "quantity", "number"),
        ("REF001", "mentioned", "said"),
        ("REF002", "largest", "biggest"),
        ("REF001", "informed", "told"),
        ("REF001", "provides", "adds"),
        ("REF001", "Development is anticipated to start", "Construction is expected to begin"),
        ("REF001", "staff", "workers"),
        ("REF001", "in accordance with", "according to"),
        ("REF001", "division", "department"),
        ("REF001", "together with", "including"),
        ("REF001", "hurt lobster fields", "harm lobster grounds"),
        ("REF004", "Military", "Army"),
        ("REF001", "problem", "issue"),
        ("REF001", "resolution", "decision"),
        ("REF001", "mentioned in a press release", "said in a statement"),
        ("REF001", "Delivery site visitors", "Shipping traffic"),
        ("REF001", "final", "last"),
    ],
    "roundtrip.txt": [
        ("REF001", "project foresees", "plan adds"),
        ("REF001", "railway branch", "rail spur"),
        ("REF001", "The works should start", "hall. Construction is expected to begin"),
        ("REF003", "May and will employ approximately", "March and employ about"),
        ("REF001", "the", "its"),
        ("REF001", "The opponents, among them", "Opponents, including"),
        ("REF001", "affirm that", "say"),
        ("REF001", "damage the lobster grounds of", "harm lobster grounds in"),
        ("REF002", "employment, but we are against the destruction of", "jobs, but we are against destroying"),
        ("REF001", "The maritime traffic in the port increased by", "Shipping traffic through the port rose"),
        ("REF003", "41,000", "410,000"),
    ],
    "scrape.txt": [
        ("REF008", "Advertisement", ""),
        ("REF008", "Share this article: Facebook Twitter Email", ""),
        ("REF005", "a", "a report by the state labor department"),
        ("REF005", "the , say", "the Casco Shore Residents Association, say"),
        ("REF008", "Read more: Maine ports see a record summer for cruise ships", ""),
        ("REF005", "a", "a statement"),
        ("REF008", "2026 Coastal Daily Media. All rights reserved", ""),
    ],
    "faithful.txt": [],
}

VERDICTS = {"spin.txt": "spun", "roundtrip.txt": "translated", "scrape.txt": "edited", "faithful.txt": "verbatim"}


def counted(findings):
    return [f for f in findings if f.severity >= Severity.WARNING]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_expected_change_at_its_span_with_the_original_wording(name):
    findings, summary = check_files(ORIGINAL, REF / name)
    got = [(f.rule, f.text, f.suggestions[0] if f.suggestions else None) for f in counted(findings)]
    assert got == EXPECTED[name]
    text = (REF / name).read_text(encoding="utf-8")
    for f in findings:
        assert text[f.start : f.end] == f.text
    assert summary["verdict"] == VERDICTS[name]


def test_quotation_and_number_changes_are_errors_the_rest_warnings():
    for name in ("spin.txt", "roundtrip.txt"):
        findings, _ = check_files(ORIGINAL, REF / name)
        for f in counted(findings):
            expected = Severity.ERROR if f.rule in ("REF002", "REF003", "REF004") else Severity.WARNING
            assert f.severity == expected, f
    findings, _ = check_files(ORIGINAL, REF / "roundtrip.txt")
    assert {f.rule for f in findings if f.severity == Severity.ERROR} == {"REF002", "REF003"}


def test_moved_clause_and_moved_sentence_are_reported():
    findings, summary = check_files(ORIGINAL, REF / "roundtrip.txt")
    moved = [f.text for f in findings if f.rule == "REF009"]
    assert moved == ["On Tuesday", "The U.S. Army Corps of Engineers must still issue a dredging permit"]
    assert summary["moved"] > 0.05


def test_faithful_copy_gives_nothing_and_a_text_against_itself_gives_nothing():
    assert check_files(ORIGINAL, REF / "faithful.txt")[0] == []
    for name in EXPECTED:
        findings, summary = check_files(REF / name, REF / name)
        assert findings == [] and summary["verbatim"] == 1.0 and summary["verdict"] == "verbatim"


def test_duplicated_and_dropped_passages():
    original = Source("o.txt", "The mayor spoke on Monday. The council voted on the budget for next year. Taxes stay the same.\n")
    copy = Source("c.txt", "The mayor spoke on Monday. The council voted on the budget for next year. "
                           "The council voted on the budget for next year.\n")
    kinds = [(c.kind, copy.text[c.start : c.end]) for c in compare(original, copy).changes]
    assert ("duplicated", "The council voted on the budget for next year") in kinds
    assert ("excerpt", "year") in kinds or any(k == "dropped-passage" for k, _ in kinds)


def test_an_excerpt_is_reported_once_as_info():
    original = Source("o.txt", "One sentence here about the port. Another sentence about the ships. A third one about the fish.\n")
    copy = Source("c.txt", "Another sentence about the ships.\n")
    changes = compare(original, copy).changes
    assert [c.kind for c in changes] == ["excerpt", "excerpt"]


def test_cli_against_in_every_format_and_exit_code(tmp_path):
    proc = run_qa("check", "--no-cache", "--against", str(ORIGINAL), "--format", "json", str(REF / "spin.txt"))
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    (entry,) = report["files"]
    assert entry["reference"]["verdict"] == "spun"
    ref = [f for f in entry["findings"] if f["category"] == "reference"]
    assert len(ref) >= len(EXPECTED["spin.txt"])
    text = run_qa("check", "--no-cache", "--against", str(ORIGINAL), str(REF / "spin.txt")).stdout.decode()
    assert "REF002 error quotation altered" in text and "against " in text and ": spun" in text
    for fmt in ("sarif", "github", "junit", "html"):
        out = run_qa("check", "--no-cache", "--against", str(ORIGINAL), "--format", fmt, str(REF / "spin.txt"))
        assert out.returncode == 1 and b"REF002" in out.stdout, (fmt, out.stderr)


def test_cli_ignore_baseline_and_missing_original(tmp_path):
    args = ["check", "--no-cache", "--against", str(ORIGINAL), "--select", "reference", "--format", "json"]
    proc = run_qa(*args, "--ignore", "REF001,REF004", str(REF / "spin.txt"))
    rules = {f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert rules == {"REF002", "REF007"}
    missing = run_qa("check", "--against", str(tmp_path / "nope.txt"), str(REF / "spin.txt"))
    assert missing.returncode == 2
    assert missing.stderr.decode().strip() == f"qa: error: {tmp_path / 'nope.txt'}: no such file (the original given to --against)"


def test_baseline_hides_accepted_reference_findings(tmp_path):
    (tmp_path / "wire.md").write_bytes(ORIGINAL.read_bytes())
    (tmp_path / "copy.txt").write_bytes((REF / "scrape.txt").read_bytes())
    (tmp_path / ".qa.toml").write_text('select = ["reference"]\nagainst = "wire.md"\n')
    check = ["check", "--no-cache", "copy.txt"]
    assert run_qa(*check, cwd=tmp_path).returncode == 1
    assert run_qa("baseline", "-o", "base.json", "copy.txt", cwd=tmp_path).returncode == 0
    assert "REF005" in (tmp_path / "base.json").read_text()
    proc = run_qa(*check, "--baseline", "base.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout


def test_config_key_against_relative_to_the_config_file(tmp_path):
    (tmp_path / "orig").mkdir()
    (tmp_path / "orig" / "wire.md").write_bytes(ORIGINAL.read_bytes())
    (tmp_path / "copy.txt").write_bytes((REF / "roundtrip.txt").read_bytes())
    (tmp_path / ".qa.toml").write_text('[[overrides]]\nfiles = ["copy.txt"]\nagainst = "orig/wire.md"\n')
    proc = run_qa("check", "--no-cache", "--select", "reference", "--format", "json", "copy.txt", cwd=tmp_path)
    entry = json.loads(proc.stdout)["files"][0]
    assert entry["reference"]["verdict"] == "translated"
    assert {"REF002", "REF003", "REF009"} <= {f["rule"] for f in entry["findings"]}


def test_cached_results_follow_the_original(tmp_path):
    original = tmp_path / "wire.md"
    original.write_bytes(ORIGINAL.read_bytes())
    copy = tmp_path / "copy.txt"
    copy.write_bytes((REF / "faithful.txt").read_bytes())
    args = ["check", "--cache-dir", str(tmp_path / "cache"), "--select", "reference", "--against", str(original), str(copy)]
    assert run_qa(*args).returncode == 0
    assert run_qa(*args).returncode == 0  # from the cache
    original.write_text(ORIGINAL.read_text(encoding="utf-8").replace("biggest decision", "biggest choice"), encoding="utf-8")
    proc = run_qa(*args)
    assert proc.returncode == 1 and b"REF002" in proc.stdout  # the changed original is not answered from the cache


def test_calendar_words_are_dates_only_when_capitalised():
    changes = compare(Source("o.txt", "Officials may meet the city council again in March.\n"), Source("c.txt", "Officials might meet the city council again in May.\n")).changes
    assert [(c.kind, c.original) for c in changes] == [("substituted", "may"), ("number", "March")]


def test_alignment_survives_merged_paragraphs_restyled_quotes_and_a_page_of_furniture(tmp_path):
    """The faithful copy, its paragraphs merged two by two, its quotes made straight, inside an
    HTML page three times its length: nothing is substituted, the furniture is added text."""
    body = (REF / "faithful.txt").read_text(encoding="utf-8").replace("“", '"').replace("”", '"')
    paragraphs = body.strip().split("\n\n")
    merged = ["<p>" + " ".join(paragraphs[k : k + 2]) + "</p>" for k in range(0, len(paragraphs), 2)]
    menu = "".join(f"<li>Section {n} news, sport, weather and opinion</li>" for n in range(40))
    related = "".join(f"<p>Related story number {n}: a council votes on parking fees in a nearby town.</p>" for n in range(25))
    page = f"<html><body><ul>{menu}</ul><article>{''.join(merged)}</article><aside>{related}</aside></body></html>"
    copy = tmp_path / "page.html"
    copy.write_text(page, encoding="utf-8")
    findings, summary = check_files(ORIGINAL, copy, html="page")  # the whole page, furniture included
    assert not [f for f in findings if f.rule in ("REF001", "REF002", "REF003", "REF004", "REF005", "REF006")], findings
    assert {f.rule for f in findings} <= {"REF008", "REF011"}
    assert summary["verbatim"] >= 0.97 and summary["added"] > 0.6
    findings, summary = check_files(ORIGINAL, copy)  # by default the article body: the furniture is left out
    assert not [f for f in findings if f.rule in ("REF001", "REF002", "REF003", "REF004", "REF005", "REF006")], findings
    assert summary["verbatim"] >= 0.97 and summary["added"] < 0.1


def test_a_name_replaced_by_a_common_noun_is_a_changed_name():
    original = Source("o.txt", "The plan was approved on a vote, said Tom Becker, who leads the group.\n")
    copy = Source("c.txt", "The plan was approved on a vote, said the man, who leads the group.\n")
    (change,) = compare(original, copy).changes
    assert (change.kind, copy.text[change.start : change.end], change.original) == ("name", "the man", "Tom Becker")


def test_an_unreadable_original_is_one_error_before_any_copy_is_checked(tmp_path):
    original = tmp_path / "wire.txt"
    original.write_bytes(b"\x00\x01binary")
    proc = run_qa("check", "--no-cache", "--against", str(original), str(REF / "spin.txt"), str(REF / "scrape.txt"))
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode().splitlines() == [f"qa: error: {original}: looks like a binary file (contains NUL bytes); not checked"]


def test_a_name_and_its_demonym_are_the_same_name():
    original = Source("o.txt", "The talks with China's foreign minister went on for two hours.\n")
    copy = Source("c.txt", "The talks with the Chinese foreign minister went on for two hours.\n")
    assert [c.kind for c in compare(original, copy).changes] == ["substituted"]


def test_python_api_run_check_with_an_original_runs_the_normal_rules_too(tmp_path):
    from qa.app import run_check
    from qa.settings import Settings

    copy = tmp_path / "copy.txt"
    copy.write_text((REF / "spin.txt").read_text(encoding="utf-8").replace("group's president", "groupâ€™s president"), encoding="utf-8")
    report = run_check([str(copy)], Settings(against=ORIGINAL, cache_dir=None, jobs=1))
    (entry,) = report.files
    assert entry.extras["reference"]["verdict"] == "spun"
    rules = {f.rule for f in entry.findings}
    assert {"REF002", "MOJ001"} <= rules  # reference findings and the packs' on the same copy


def test_title_case_headline_words_are_not_names_unless_the_story_says_so():
    text = "Harbour Authority Approves Expansion Of Port Millbrook\n\nThe plan for Port Millbrook was approved on Tuesday by the board.\n"
    for copy, expected in (
        (text.replace("Expansion", "Enlargement"), [("substituted", "Expansion")]),
        (text.replace("Port Millbrook\n", "Port Milbrook\n"), [("name", "Millbrook")]),
    ):
        assert [(c.kind, c.original) for c in compare(Source("o.txt", text), Source("c.txt", copy)).changes] == expected


def test_spelled_out_abbreviations_are_house_style():
    original = Source("o.txt", "Gov. Ana Ruiz will visit the plant on Main St. on Oct. 5, the first visit since the fire.\n")
    copy = Source("c.txt", "Governor Ana Ruiz will visit the plant on Main Street on October 5, the 1st visit since the fire.\n")
    assert compare(original, copy).changes == ()
    changed = Source("c.txt", "Gov. Ana Ruiz will visit the plant on Main St. on Nov. 5, the first visit since the fire.\n")
    assert [(c.kind, c.original) for c in compare(original, changed).changes] == [("number", "Oct")]


def test_a_moved_and_reworded_sentence_is_moved_with_its_substitutions():
    o = ("The council met on Monday to discuss the budget. The mayor said the city would hire forty new teachers "
         "next year. Residents asked about road repairs and parking fees. The meeting ended after three hours of debate.\n")
    c = ("The council met on Monday to discuss the budget. Residents asked about road repairs and parking fees. The "
         "meeting ended after three hours of debate. The mayor stated the city would employ forty new teachers next year.\n")
    changes = compare(Source("o.txt", o), Source("c.txt", c)).changes
    assert [(ch.kind, c[ch.start : ch.end], ch.original) for ch in changes] == [
        ("moved", "The mayor stated the city would employ forty new teachers next year", None),
        ("substituted", "stated", "said"),
        ("substituted", "employ", "hire"),
    ]


def test_a_clause_moved_inside_its_sentence_is_moved_and_the_rest_replaced():
    o = "The foreign minister on Monday ended a two-day visit to the capital with a short statement.\n"
    c = "The foreign minister concluded on Monday a two-day visit to the capital with a short statement.\n"
    changes = compare(Source("o.txt", o), Source("c.txt", c)).changes
    assert [(ch.kind, c[ch.start : ch.end], ch.original) for ch in changes] == [
        ("substituted", "concluded", "ended"),
        ("moved", "on Monday", None),
    ]
