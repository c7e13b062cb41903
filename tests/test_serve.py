"""`qa serve` for real: the server started as a user starts it, called over HTTP on a free port.

The API must answer exactly what `qa check --format json` prints for the same bytes (findings,
offsets, readability, scores), refuse bad input with a 4xx and one line, and keep serving.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DAMAGED = (
    "Harbour Courier Online\n\n"
    "LISBON — Portugal's foreign minister met his Chinese counterpart on Monday for rallies on "
    "trade, and said both sides would “seek a balanced relationship between Lisbon and the manage VRC”.\n\n"
    "(TagsToTranslate)World: Portugal, China, Trade\n"
)


def _start(args: list[str], cwd: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--port", "0", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = proc.stdout.readline()
    match = re.search(r"http://\S+?/", line)
    if not match:
        proc.kill()
        raise AssertionError(f"no URL printed: {line!r} {proc.stderr.read()}")
    return proc, match.group().rstrip("/")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("serve")
    proc, url = _start(["--max-bytes", "200000"], cwd)
    try:
        yield url, cwd
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("qa serve did not stop on Ctrl-C")


def call(url: str, path: str, data: bytes | None = None, content_type: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url + path, data=data, method="POST" if data is not None else "GET")
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def post_json(url: str, payload: dict) -> tuple[int, dict]:
    status, body = call(url, "/api/check", json.dumps(payload).encode(), "application/json")
    return status, json.loads(body)


def cli_json(cwd: Path, name: str, data: bytes) -> dict:
    path = cwd / name
    path.write_bytes(data)
    out = subprocess.run(
        [sys.executable, "-m", "qa", "check", "--no-cache", "--format", "json", name],
        cwd=cwd, capture_output=True, env={**os.environ, "NO_COLOR": "1"},
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


MARKDOWN = "# Storm hits coast\n\nThe storm *hit* the coast at dawn, officials said.\n\nRead also: [Floods in the north](https://example.org/floods)\n"
HTML = "<html><body><article><h1>Markets</h1><p>The index rose 2% on Monday, traders said.</p><p>aly song | Reuters</p></article></body></html>"


@pytest.mark.parametrize(
    "name, data",
    [
        ("story.txt", DAMAGED.encode()),
        ("crlf.txt", DAMAGED.replace("\n", "\r\n").encode()),
        ("accents.txt", "São Paulo — Zürich’s mayor met “the manage VRC” delegation. 北京 was not named.\n".encode()),
        ("story.md", MARKDOWN.encode()),
        ("page.html", HTML.encode()),
    ],
)
def test_api_answers_what_qa_check_prints(server, name, data):
    url, cwd = server
    expected = cli_json(cwd, name, data)
    status, got = post_json(url, {"text": data.decode(), "filename": name})
    assert status == 200
    assert got == expected  # same findings, offsets, readability, scores and summary
    # The raw-bytes and multipart forms give the same report as the JSON form.
    status, raw = call(url, f"/api/check?filename={name}", data, "application/octet-stream")
    assert status == 200 and json.loads(raw) == expected
    boundary = uuid.uuid4().hex
    form = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
        f"Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    status, body = call(url, "/api/check", form, f"multipart/form-data; boundary={boundary}")
    assert status == 200 and json.loads(body) == expected


def test_findings_land_on_the_damaged_words(server):
    url, _ = server
    status, report = post_json(url, {"text": DAMAGED, "filename": "story.txt"})
    assert status == 200
    spans = {DAMAGED[f["start"] : f["end"]] for f in report["files"][0]["findings"]}
    assert "VRC" in spans and "the manage" in spans
    assert any(s.startswith("(TagsToTranslate)") for s in spans)


def test_sarif_on_request(server):
    url, _ = server
    status, body = post_json(url, {"text": DAMAGED, "filename": "story.txt", "format": "sarif"})
    assert status == 200 and body["version"] == "2.1.0"
    assert {r["ruleId"] for r in body["runs"][0]["results"]} >= {"FRN001", "RES001"}


def test_rules_and_health(server):
    url, _ = server
    status, body = call(url, "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, body = call(url, "/api/rules")
    rules = json.loads(body)["rules"]
    assert status == 200 and any(r["id"] == "RES001" and r["severity"] == "error" for r in rules)


@pytest.mark.parametrize(
    "data, content_type, status, reason",
    [
        (b"x" * 300_000, "text/plain", 413, "limit"),
        (b"caf\xe9 au lait", "application/octet-stream", 422, "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "application/octet-stream", 422, "binary"),
        (b'{"text": ', "application/json", 400, "not valid JSON"),
        (b'{"text": 42}', "application/json", 400, '"text"'),
        (b'{"text": "a", "format": "yaml"}', "application/json", 400, "unknown format"),
    ],
)
def test_bad_input_is_a_4xx_with_one_line_and_the_server_keeps_serving(server, data, content_type, status, reason):
    url, _ = server
    got, body = call(url, "/api/check", data, content_type)
    assert got == status
    message = json.loads(body)["error"]
    assert reason in message and "\n" not in message and "Traceback" not in message
    assert call(url, "/healthz")[0] == 200


def test_concurrent_requests_each_get_their_own_report(server):
    url, _ = server
    texts = [DAMAGED.replace("Portugal", f"Country{i}") + f"Footer line {i}.\n" for i in range(8)]
    results: list = [None] * len(texts)

    def one(i: int) -> None:
        results[i] = post_json(url, {"text": texts[i], "filename": f"s{i}.txt"})

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, (status, report) in enumerate(results):
        assert status == 200
        assert report["files"][0]["path"] == f"s{i}.txt"
        assert report["files"][0]["words"] == len(texts[i].split())


def test_binds_loopback_by_default_and_reports_a_busy_port(tmp_path):
    proc, url = _start([], tmp_path)
    try:
        assert url.startswith("http://127.0.0.1:")
        port = url.rsplit(":", 1)[1]
        busy = subprocess.run(
            [sys.executable, "-m", "qa", "serve", "--port", port], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        assert busy.returncode == 2
        assert busy.stderr.startswith("qa: error: cannot listen on 127.0.0.1:") and "Traceback" not in busy.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) is not None


def test_check_does_not_import_the_web_stack():
    code = "import sys, qa.cli, qa.app, qa.run; print(any(m.split('.')[0] in ('starlette', 'uvicorn') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _wait_for(condition, seconds: float = 60.0) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_workers_share_one_socket_replace_the_dead_and_stop_together(tmp_path):
    proc, url = _start(["--workers", "2"], tmp_path)
    try:
        assert _wait_for(lambda: len(_children(proc.pid)) == 2), _children(proc.pid)
        workers = _children(proc.pid)
        results: list = [None] * 6

        def one(i: int) -> None:
            results[i] = post_json(url, {"text": DAMAGED, "filename": f"w{i}.txt"})

        threads = [threading.Thread(target=one, args=(i,)) for i in range(len(results))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [r[0] for r in results] == [200] * 6
        assert all(r[1]["files"][0]["path"] == f"w{i}.txt" for i, r in enumerate(results))
        dead = sorted(workers)[0]
        os.kill(dead, signal.SIGKILL)
        assert _wait_for(lambda: len(_children(proc.pid)) == 2 and dead not in _children(proc.pid))
        assert post_json(url, {"text": DAMAGED, "filename": "after.txt"})[0] == 200
        workers = _children(proc.pid)
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
    assert "starting another" in proc.stdout.read() and "Traceback" not in proc.stderr.read()
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)  # every worker stopped and reaped
