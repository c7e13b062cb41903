"""LanguageTool: our side for real against a local HTTP server that answers in
LanguageTool's documented ``/v2/check`` format (offsets and lengths in UTF-16 code units).

No LanguageTool server can be installed on the build machine; ``test_real_server`` runs
against one only when $QA_LANGUAGETOOL_URL is set.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from qa.adapters.grammar import Policy, to_findings
from qa.adapters.languagetool import LanguageToolServer, RunBudget, chunks, utf16_to_code_points
from qa.errors import EngineError
from qa.source import Source

# word -> (rule id, issueType, category, message, replacements)
RULES = {
    "an apple pie": ("EN_A_VS_AN_TEST", "grammar", "GRAMMAR", "Use 'a' here.", ["a apple pie"]),
    "the the": ("ENGLISH_WORD_REPEAT_RULE", "duplication", "MISC", "Possible typo: you repeated a word.", ["the"]),
    "😀 wrd": ("EMOJI_WORD", "grammar", "GRAMMAR", "A span that starts with an astral character.", ["😀 word"]),
    "recieve": ("MORFOLOGIK_RULE_EN_US", "misspelling", "TYPOS", "Possible spelling mistake found.", ["receive"]),
}


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


class FakeLanguageTool(BaseHTTPRequestHandler):
    """Answers like LanguageTool 6: GET /v2/languages, POST /v2/check (form-encoded)."""

    requests: list[dict] = []
    mode = "ok"

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, kind="application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.rstrip("/") == "/v2/languages":
            self._send(200, json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]).encode())
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8")).items()}
        type(self).requests.append(form)
        if self.mode == "slow":
            time.sleep(3)
        if self.mode == "silent":  # answers the probe, never a check
            time.sleep(3600)
        if self.mode == "trickle":  # a byte every 50 ms, forever
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            while True:
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.05)
        if self.mode == "error":
            return self._send(500, b"Error: Internal Server Error\njava.lang.Exception", "text/plain")
        if self.mode == "garbage":
            return self._send(200, b"<html>proxy login</html>", "text/html")
        if self.mode == "wrong-json":
            return self._send(200, json.dumps({"matches": [{"offset": 1}]}).encode())
        text = form["text"]
        matches = []
        for phrase, (rid, issue, cat, message, repl) in RULES.items():
            i = text.find(phrase)
            while i != -1:
                start = utf16(text, i)
                matches.append({
                    "message": message,
                    "shortMessage": "",
                    "replacements": [{"value": r} for r in repl],
                    "offset": start,
                    "length": utf16(text, i + len(phrase)) - start,
                    "context": {"text": text, "offset": start, "length": 0},
                    "sentence": text,
                    "rule": {"id": rid, "description": message, "issueType": issue,
                             "category": {"id": cat, "name": cat}},
                })
                i = text.find(phrase, i + 1)
        self._send(200, json.dumps({"software": {"name": "LanguageTool", "version": "6.8"},
                                    "language": {"code": form.get("language")}, "matches": matches}).encode())


@pytest.fixture
def server():
    FakeLanguageTool.requests = []
    FakeLanguageTool.mode = "ok"
    RunBudget.reset()  # every test is a run of its own
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_request_and_mapping(server):
    lt = LanguageToolServer(server)
    lt.ping()
    text = "I saw the the cat."
    (m,) = lt.check(text)
    assert FakeLanguageTool.requests == [{"text": text, "language": "en-US"}]
    assert (m.start, m.end, m.rule, m.kind, m.replacements) == (6, 13, "lt.ENGLISH_WORD_REPEAT_RULE", "duplication", ("the",))
    (f,) = to_findings(Source("t.txt", text), [m])
    assert (f.rule, f.name, f.category, f.severity.label) == ("lt.ENGLISH_WORD_REPEAT_RULE", "lt.english_word_repeat_rule", "grammar", "warning")
    assert f.message == "Possible typo: you repeated a word." and f.text == "the the"


def test_astral_characters_map_to_code_points(server):
    text = "𝒞𝒞 Fine 🎉🎉 she ate an apple pie, then 😀 wrd and the the end 🚀."
    found = {m.rule: m for m in LanguageToolServer(server).check(text)}
    assert text[found["lt.EN_A_VS_AN_TEST"].start : found["lt.EN_A_VS_AN_TEST"].end] == "an apple pie"
    assert text[found["lt.ENGLISH_WORD_REPEAT_RULE"].start : found["lt.ENGLISH_WORD_REPEAT_RULE"].end] == "the the"
    assert text[found["lt.EMOJI_WORD"].start : found["lt.EMOJI_WORD"].end] == "😀 wrd"  # length spans an emoji


def test_utf16_conversion():
    text = "a😀b😀c"
    to_cp = utf16_to_code_points(text)
    assert [to_cp(u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert utf16_to_code_points("plain")(3) == 3


def test_long_texts_are_sent_in_pieces(server):
    para = "Officials met on Monday to discuss the the plan. 😀\n"
    text = para * 40
    pieces = list(chunks(text, limit=500))
    assert len(pieces) > 1 and "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    matches = LanguageToolServer(server, max_chunk=500).check(text)
    assert len(FakeLanguageTool.requests) == len(pieces)
    assert len(matches) == 40 and all(text[m.start : m.end] == "the the" for m in matches)


def test_spelling_policy_applies(server):
    text = "We will recieve them."
    (m,) = LanguageToolServer(server).check(text)
    assert m.spelling
    assert list(to_findings(Source("t", text), [m])) == []  # spelling is off unless selected
    (f,) = to_findings(Source("t", text), [m], Policy(select=("lt",)))
    assert f.severity.label == "info" and f.suggestions == ("receive",)


@pytest.mark.parametrize(
    "mode, problem",
    [("error", "answered HTTP 500: Error: Internal Server Error"),
     ("garbage", "did not answer in LanguageTool's JSON format"),
     ("wrong-json", "did not answer in LanguageTool's /v2/check format"),
     ("slow", "did not answer within 0.5 s")],
)
def test_server_errors_are_one_line(server, mode, problem):
    FakeLanguageTool.mode = mode
    lt = LanguageToolServer(server, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(EngineError) as exc:
        lt.check("Some text.")
    assert time.monotonic() - started < 2.5
    message = str(exc.value)
    assert "\n" not in message and problem in message and message.startswith("languagetool: server http://127.0.0.1:")


def test_refused_connection():
    lt = LanguageToolServer(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(EngineError, match="refused the connection"):
        lt.ping()


def test_cli_refused_server_exits_2_quickly(qa, tmp_path):
    doc = tmp_path / "f.txt"
    doc.write_text("This is an test.\n", encoding="utf-8")
    started = time.monotonic()
    p = qa("check", "--grammar", "languagetool", "--languagetool-url", "http://127.0.0.1:9", str(doc))
    assert time.monotonic() - started < 10
    assert p.returncode == 2
    assert p.err.strip().splitlines() == ["qa: error: languagetool: server http://127.0.0.1:9/v2/ refused the connection"]
    assert "Traceback" not in p.out + p.err


def test_cli_silent_server_times_out(qa, tmp_path):
    """A server that accepts the connection and never answers: bounded, exit 2."""
    doc = tmp_path / "f.txt"
    doc.write_text("This is an test.\n", encoding="utf-8")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        started = time.monotonic()
        p = qa("check", "--languagetool-url", f"http://127.0.0.1:{listener.getsockname()[1]}", str(doc))
    assert time.monotonic() - started < 15
    assert p.returncode == 2 and "did not answer within 3 s" in p.err and len(p.err.strip().splitlines()) == 1


def test_cli_against_the_fake_server(qa, tmp_path, server):
    doc = tmp_path / "f.txt"
    doc.write_text("Emoji 🎉 first, then the the end.\n", encoding="utf-8")
    # $QA_LANGUAGETOOL_URL alone selects LanguageTool (no --grammar needed)
    p = qa("check", "--format", "json", "--no-cache", str(doc), env={"QA_LANGUAGETOOL_URL": server})
    assert p.returncode == 1, p.err
    (x,) = [x for x in json.loads(p.out)["files"][0]["findings"] if x["category"] == "grammar"]
    assert (x["rule"], x["text"], x["start"], x["column"]) == ("lt.ENGLISH_WORD_REPEAT_RULE", "the the", 20, 21)


def test_cli_without_any_server(qa, tmp_path):
    doc = tmp_path / "f.txt"
    doc.write_text("Text.\n", encoding="utf-8")
    env = {"QA_LANGUAGETOOL_URL": "", "LTP_JAR_DIR_PATH": ""}
    p = qa("check", "--grammar", "languagetool", str(doc), env=env)
    assert p.returncode == 2 and "no server configured" in p.err and len(p.err.strip().splitlines()) == 1
    p = qa("check", "--grammar", "languagetool", str(doc), env={**env, "LTP_JAR_DIR_PATH": str(tmp_path)})
    assert p.returncode == 2 and "not an unpacked LanguageTool-<version> directory" in p.err


@pytest.mark.skipif(not os.environ.get("QA_LANGUAGETOOL_URL"), reason="set QA_LANGUAGETOOL_URL to test a real server")
def test_real_server():
    lt = LanguageToolServer(os.environ["QA_LANGUAGETOOL_URL"])
    lt.ping()
    text = "🎉 He have went to the the meeting. This is an test."
    matches = lt.check(text)
    flagged = {text[m.start : m.end] for m in matches}
    assert "an" in flagged or "an test" in flagged
    assert any("the the" in f for f in flagged)
    assert all(m.rule.startswith("lt.") for m in matches)


# ----- deadlines per request and per run, backend down after the first timeout (issue 14.5) --


def _finishes(fn, limit=60.0):
    """Run ``fn`` in a thread; (finished, result or exception). Not a timing assertion: a
    generous bound so that a request that never ends fails the test instead of hanging it."""
    out: list = []

    def call():
        try:
            out.append(fn())
        except Exception as exc:  # noqa: BLE001 - handed to the test
            out.append(exc)

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(limit)
    return (not thread.is_alive()), (out[0] if out else None)


def test_a_trickling_server_is_cut_at_the_request_deadline(server):
    """A byte every 50 ms resets a socket timeout forever; the deadline is for the whole request."""
    FakeLanguageTool.mode = "trickle"
    lt = LanguageToolServer(server, timeout=0.5)
    done, result = _finishes(lambda: lt.check("Some text."))
    assert done, "the request never ended"
    assert isinstance(result, EngineError) and "did not answer within 0.5 s" in str(result)


def test_after_the_first_timeout_the_server_is_down_for_the_run(server):
    FakeLanguageTool.mode = "silent"
    lt = LanguageToolServer(server, timeout=0.3)
    with pytest.raises(EngineError, match="off for the rest of this run") as exc:
        lt.check("First file.")
    assert "\n" not in str(exc.value)
    assert lt.check("Second file.") == [] and lt.check("Third file.") == []
    assert len(FakeLanguageTool.requests) == 1  # nothing more was sent


def test_the_run_budget_bounds_all_requests_together(server):
    FakeLanguageTool.mode = "slow"  # 3 s per answer, each under the request deadline
    lt = LanguageToolServer(server, timeout=10, run=RunBudget(budget=0.0))
    with pytest.raises(EngineError, match="used up this run's 0 s for LanguageTool"):
        lt.check("First file.")
    assert lt.check("Second file.") == [] and FakeLanguageTool.requests == []


def test_cli_one_line_for_a_server_that_never_answers_checks(qa, tmp_path, server):
    """Three files against a server that answers the probe only: one timeout, one line, no
    request after it (it cost one timeout per file before)."""
    FakeLanguageTool.mode = "silent"
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("Some plain text here.\n", encoding="utf-8")
    env = {"QA_LANGUAGETOOL_URL": server, "QA_LANGUAGETOOL_TIMEOUT": "1"}
    p = qa("check", "--no-cache", "-j", "1", "a.txt", "b.txt", "c.txt", cwd=tmp_path, env=env)
    errors = [line for line in p.err.splitlines() if line.startswith("qa: error:")]
    assert p.returncode == 2 and len(errors) == 1 and "off for the rest of this run" in errors[0], p.err
    assert len(FakeLanguageTool.requests) == 1


def test_cli_workers_share_the_down_mark(qa, tmp_path, server):
    FakeLanguageTool.mode = "silent"
    for n in range(14):  # enough files for worker processes
        (tmp_path / f"f{n:02}.txt").write_text("Some plain text here.\n", encoding="utf-8")
    p = qa("check", "--no-cache", "-j", "2", ".", cwd=tmp_path, env={"QA_LANGUAGETOOL_URL": server, "QA_LANGUAGETOOL_TIMEOUT": "1"})
    errors = [line for line in p.err.splitlines() if line.startswith("qa: error:")]
    assert p.returncode == 2 and len(errors) == 1, p.err
    assert len(FakeLanguageTool.requests) <= 2  # at most one in flight per worker when it went down


def test_serve_gives_every_request_its_own_budget(server, monkeypatch):
    """``qa serve`` is one long process: a request whose LanguageTool call timed out must not
    leave LanguageTool off (or its budget spent) for every later request."""
    from qa.settings import Settings
    from qa.web.service import Service

    monkeypatch.setenv("QA_LANGUAGETOOL_TIMEOUT", "1")
    service = Service(Settings(grammar="languagetool", languagetool_url=server, cache_dir=None))
    FakeLanguageTool.mode = "silent"
    (slow,) = service.check(b"I saw the the cat.\n", "slow.txt").files
    assert any("off for the rest of this run" in e for e in slow.errors), slow.errors
    FakeLanguageTool.mode = "ok"
    (later,) = service.check(b"I saw the the cat.\n", "later.txt").files
    assert later.errors == [] and "ENGLISH_WORD_REPEAT_RULE" in {f.rule.split(".")[-1] for f in later.findings}, later
