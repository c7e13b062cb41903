"""``qa archive``: a JSONL or Parquet file of articles in, findings out, in partitions.

Input rows have an ``id`` and a ``text``. A JSONL file is cut into byte ranges of about
``partition_bytes`` (a range owns the lines that start in it, as ``dask.bag.read_text``
does); a Parquet file into its row groups. Each partition is read and checked where it runs
(on a Dask worker, which must see the input path, or in this process) and only its findings
come back. The output is written as partitions complete, in partition order, with at most a
few partitions per worker thread in flight: memory is bounded by the partition size, not by
the archive.

Output rows: one per finding, ``{"id": ..., "rule": ..., "line": ..., ...}`` (the JSON
report's finding fields) and one per article that could not be checked,
``{"id": ..., "error": "..."}``. ``.jsonl`` or ``.parquet`` by the output's extension.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from qa.errors import InputError, QaError
from qa.settings import Settings

PARTITION_BYTES = 16 * 1024 * 1024
WINDOW = 2
FIELDS = ("rule", "name", "category", "severity", "message", "start", "end", "line", "column",
          "end_line", "end_column", "text", "suggestions", "fixable")


@dataclass(frozen=True)
class Partition:
    path: str
    kind: str  # "jsonl" or "parquet"
    start: int  # byte offset (jsonl) or row group (parquet)
    end: int


@dataclass
class Summary:
    articles: int = 0
    findings: int = 0
    errors: int = 0
    partitions: int = 0
    worst: int = 0  # the highest severity level found (Severity value), 0 for none
    messages: list[str] = field(default_factory=list)


def partitions(path: Path, partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    kind = _kind(path)
    if kind == "parquet":
        groups = _parquet(path).num_row_groups
        return [Partition(str(path), kind, g, g + 1) for g in range(groups)]
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    step = max(1, partition_bytes)
    return [Partition(str(path), kind, a, min(a + step, size)) for a in range(0, size, step)] or [
        Partition(str(path), kind, 0, 0)
    ]


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise QaError(f"{path}: an archive is a .jsonl or .parquet file of articles (id, text)")


def _parquet(path: Path | str):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise QaError(f"{path}: Parquet needs pyarrow: pip install 'mtqa[dask]'") from None
    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"is not a readable Parquet file: {exc}") from None


def rows(part: Partition) -> Iterator[tuple[Any, Any]]:
    """``(id, text)`` of every article of the partition (text None for a bad row)."""
    if part.kind == "parquet":
        table = _parquet(part.path).read_row_group(part.start, columns=["id", "text"])
        yield from zip(table.column("id").to_pylist(), table.column("text").to_pylist())
        return
    with open(part.path, "rb") as f:
        offset = part.start
        if offset > 0:
            f.seek(offset - 1)
            offset += len(f.readline()) - 1  # the line that starts before us is not ours
        while offset < part.end:
            line = f.readline()
            if not line:
                break
            here, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield row.get("id", f"{part.path}@{here}"), row["text"]
            except (ValueError, KeyError, TypeError, AttributeError):
                yield f"{part.path}@{here}", None


def check_partition(part: Partition, settings: Settings, build) -> tuple[int, list[dict]]:
    """(articles, output rows) of one partition, checked with this process's engines."""
    from qa.cluster import worker_checker
    from qa.run import check_source
    from qa.source import Source

    engine, annotators, errors = worker_checker(build).parts(settings)
    if errors:
        raise QaError("; ".join(errors))
    out: list[dict] = []
    count = 0
    for ident, text in rows(part):
        count += 1
        if not isinstance(text, str):
            out.append({"id": ident, "error": "no text (each row needs an 'id' and a string 'text')"})
            continue
        try:
            report = check_source(Source(str(ident), text), engine, ())
        except Exception as exc:  # a bug in one rule must not lose the partition
            out.append({"id": ident, "error": f"internal error while checking: {type(exc).__name__}: {exc}"})
            continue
        out.extend({"id": ident, **f.to_dict()} for f in report.findings)
        out.extend({"id": ident, "error": e} for e in report.errors)
    return count, out


def run_archive(inputs: list[Path], output: Path, settings: Settings, build, dask=None,
                partition_bytes: int = PARTITION_BYTES) -> Summary:
    """Check every article of ``inputs`` and write the findings to ``output``. ``build``
    makes (engine, annotators) for a Settings (qa.app.engine_parts)."""
    engine_parts = build
    parts = [p for path in inputs for p in partitions(path, partition_bytes)]
    summary = Summary(partitions=len(parts))
    if dask is not None:
        results = _on_cluster(parts, settings, engine_parts, dask)
    else:
        results = (check_partition(p, settings, engine_parts) for p in parts)
    with _writer(output) as write:
        for count, out in results:
            summary.articles += count
            for row in out:
                if "error" in row:
                    summary.errors += 1
                else:
                    summary.findings += 1
                    summary.worst = max(summary.worst, _level(row["severity"]))
            write(out)
    return summary


def _level(label: str) -> int:
    from qa.finding import Severity

    return int(Severity.parse(label))


def _on_cluster(parts: list[Partition], settings: Settings, build, address) -> Iterator[tuple[int, list[dict]]]:
    """Partitions on Dask, at most WINDOW per worker thread in flight, results in order."""
    from qa.cluster import connect

    client = connect(address)
    try:
        window = max(2, WINDOW * sum(client.nthreads().values()))
        futures: dict[int, Any] = {}
        nxt = 0
        for i in range(len(parts)):
            while nxt < len(parts) and nxt < i + window:
                futures[nxt] = client.submit(check_partition, parts[nxt], settings, build, pure=False)
                nxt += 1
            future = futures.pop(i)
            yield future.result()
            future.release()
    finally:
        if isinstance(address, str):  # a Client the caller gave stays theirs
            client.close()


class _writer:
    """Appends rows to a JSONL file or Parquet row groups; atomic: a temporary file renamed
    into place when every partition is written."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.kind = _kind(output)
        self.tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")

    def __enter__(self):
        try:
            if self.kind == "jsonl":
                self._file = open(self.tmp, "w", encoding="utf-8")
            else:
                self._parquet_writer = None
        except OSError as exc:
            raise QaError(f"{self.output}: cannot be written: {exc.strerror or exc}") from None
        return self.write

    def write(self, rows: list[dict]) -> None:
        if self.kind == "jsonl":
            self._file.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _schema(pa)
        columns = {name: [r.get(name) for r in rows] for name in schema.names}
        columns["id"] = [None if r.get("id") is None else str(r["id"]) for r in rows]
        table = pa.table(columns, schema=schema)
        if self._parquet_writer is None:
            self._parquet_writer = pq.ParquetWriter(self.tmp, schema)
        if rows:
            self._parquet_writer.write_table(table)

    def __exit__(self, kind, exc, tb) -> None:
        if self.kind == "jsonl":
            self._file.close()
        else:
            if self._parquet_writer is None and kind is None:
                self.write([])
            if self._parquet_writer is not None:
                self._parquet_writer.close()
        if kind is None:
            os.replace(self.tmp, self.output)
        else:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass


def _schema(pa):
    ints = ("start", "end", "line", "column", "end_line", "end_column")
    return pa.schema(
        [("id", pa.string())]
        + [(n, pa.int64() if n in ints else pa.bool_() if n == "fixable" else pa.list_(pa.string()) if n == "suggestions" else pa.string()) for n in FIELDS]
        + [("error", pa.string())]
    )
