"""github annotations, JUnit XML and the HTML page: escaping, order, structure."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from reportcase import build_report, source_of

from qa.finding import Finding, Severity
from qa.report import github, html, junit
from qa.run import FileReport, Report
from qa.source import Source

COMMAND = re.compile(r"^::(error|warning|notice)( [A-Za-z]+=[^,:]*(,[A-Za-z]+=[^,:]*)*)?::[^\r\n]*$")


def _finding(sev=Severity.WARNING, message="m", text="x", start=0, end=1, suggestions=()):
    return Finding(start, end, "TST002", "test.name", "c", sev, message, 1, start + 1, 1, end + 1, text, suggestions)


def test_github_escapes_data_and_properties():
    f = _finding(message="100% sure\r\nnext line: a, b")
    line = github.annotation("wire, desk: 2.txt", f)
    assert line.startswith("::warning file=wire%2C desk%3A 2.txt,line=1,col=1,endLine=1,endColumn=2,title=TST002 test.name::")
    assert line.endswith("::100%25 sure%0D%0Anext line: a, b")
    assert COMMAND.match(line)


def test_github_orders_errors_first_and_ends_with_summary():
    lines = github.render(build_report()).splitlines()
    assert all(COMMAND.match(line) for line in lines[:-1])
    kinds = [line.split(" ", 1)[0].split("::")[1] for line in lines[:-1]]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    assert lines[-1].startswith("4 findings (1 error, 2 warnings, 1 info)")
    assert "::notice file=input/damaged.txt,line=4,col=15" in "\n".join(lines)


def test_github_feed_item_names_the_file_and_the_item():
    line = github.annotation("feeds/wire.xml#item-2", _finding())
    assert "file=feeds/wire.xml," in line and line.endswith("(item-2)")


def test_junit_is_well_formed_and_strips_forbidden_characters():
    bad = _finding(message="bell\x07 and \x1b[31m escape & <tag>")
    report = Report([FileReport("a\x00b.txt", findings=[bad]), FileReport("ok.txt")])
    root = ET.fromstring(junit.render(report).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    (failure,) = root.iter("failure")
    assert "bell and [31m escape & <tag>" in failure.text
    assert [c.get("name") for c in root.iter("testcase")] == ["ab.txt", "ok.txt"]


def test_junit_threshold_moves_lower_findings_to_system_out():
    report = Report([FileReport("a.txt", findings=[_finding(Severity.INFO)])])
    root = ET.fromstring(junit.render(report, Severity.WARNING))
    assert root.find("testsuite").get("failures") == "0"
    assert "TST002" in root.find(".//system-out").text
    root = ET.fromstring(junit.render(report, Severity.INFO))
    assert root.find("testsuite").get("failures") == "1"


def test_html_escapes_the_document_and_messages():
    page = html.render(build_report())
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;" in page
    assert page.count("<script>") == 1
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing fetched
    assert "default-src 'none'" in page


def test_html_csp_hashes_match_the_inline_code():
    import base64
    import hashlib

    page = html.render(build_report())
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page


def test_html_marks_overlaps_and_zero_width_findings():
    text = "Click here to subscribe now"
    src = Source("a.txt", text)
    a = _finding(Severity.ERROR, "first", text[:23], 0, 23)
    b = _finding(Severity.INFO, "second", text[14:], 14, 27)
    point = _finding(Severity.WARNING, "insert", "", 5, 5)
    file = FileReport("a.txt", findings=[a, point, b], source=src)
    body = html.highlight(file, 0, text)
    assert re.sub(r"<[^>]+>", "", body) == text
    assert '<mark class="sev-error" id="m-0-0" data-f="0-0"' in body
    assert 'data-f="0-0 0-2"' in body  # "subscribe" is under both
    assert '<mark class="sev-warning point" id="m-0-1" data-f="0-1"' in body


def test_html_renders_extras_generically():
    report = build_report()
    damaged = source_of(report, "damaged.txt")
    damaged.extras["mt"] = {"score": 0.8123, "signals": [{"name": "VRC", "weight": 2}]}
    damaged.extras["feed"] = {"title": "<b>Wire</b>", "link": "https://example.org/a?b=1&c=2"}
    page = html.render(report)
    assert "mt score 0.81" in page
    assert "<th>name</th><th>weight</th>" in page
    assert "&lt;b&gt;Wire&lt;/b&gt;" in page and "b=1&amp;c=2" in page


def test_output_file_gets_the_report_and_terminal_the_summary(qa, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Trade with the VRC grew.\n", encoding="utf-8")
    for fmt in ("github", "junit", "html", "json", "text"):
        out = tmp_path / f"report.{fmt}"
        proc = qa("check", "--no-cache", "--format", fmt, "--output", str(out), str(doc))
        assert proc.returncode == 1, proc.err
        assert re.fullmatch(r"\d+ findings? .* in 1 of 1 file\.\n", proc.out), proc.out
        assert out.stat().st_size > 0
    assert "FRN001" in (tmp_path / "report.github").read_text(encoding="utf-8")


def test_html_highlighting_is_linear_in_findings():
    """Each cut rescanned every finding: 25,000 findings took 104 s (issue 14.3)."""
    from steps import growth

    from qa.finding import Finding, Severity
    from qa.report.html import highlight
    from qa.run import FileReport

    def page(n: int) -> str:
        raw = "word " * (3 * n)
        findings = [
            Finding(7 * k, 7 * k + 4 + 5 * (k % 3), "X001", "x", "c", Severity.WARNING, "m", 1, 1, 1, 1, "word")
            for k in range(n)
        ]
        return highlight(FileReport("a.txt", findings=findings), 0, raw)

    assert page(3).count("<mark") == 4  # two overlapping findings split into three pieces
    assert growth(page, 300) < 2.6
