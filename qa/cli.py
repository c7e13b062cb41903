"""The ``qa`` command line (typer): parse, call, print, exit. No logic lives here."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import click
import typer

from qa import __version__
from qa.errors import QaError, Terminated

app = typer.Typer(
    name="qa",
    help="Find what machine translation, synonym spinning and scraping leave in news text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _split(values: Optional[List[str]]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def _use_colour() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return os.environ.get("FORCE_COLOR") is not None or sys.stdout.isatty()


def _style():
    if _use_colour():
        return click.style
    from qa.report.text import plain

    return plain


def _err(message: str) -> None:
    typer.echo(f"qa: error: {message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qa (mtqa) {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """qa checks syndicated news text for machine-translation and scraping damage."""


def _cli_settings(select, ignore, fail_on, ext, rules_dir) -> dict:
    """Only the rule and file flags given on the command line (config fills in the rest)."""
    out: dict = {}
    if select:
        out["select"] = _split(select)
    if ignore:
        out["ignore"] = _split(ignore)
    if fail_on is not None:
        out["fail_on"] = fail_on.value
    if ext:
        out["extensions"] = tuple(e.lower() if e.startswith(".") else "." + e.lower() for e in _split(ext))  # added to what is below (config.Layer.adds)
    if rules_dir:
        out["pack_dirs"] = tuple(rules_dir)
    return out


def _extensions(ext: Optional[List[str]]) -> tuple[str, ...]:
    """The default extensions plus those given with --ext (--ext adds, it never replaces)."""
    from qa.settings import DEFAULT_EXTENSIONS

    extra = (e.lower() if e.startswith(".") else "." + e.lower() for e in _split(ext))
    return tuple(dict.fromkeys([*DEFAULT_EXTENSIONS, *extra]))


def _run_options(jobs: Optional[int], cache_dir: Optional[Path], no_cache: bool) -> dict:
    """--jobs/--cache-dir/--no-cache as Settings overrides (only those given on the command line)."""
    out: dict = {}
    if jobs is not None:
        out["jobs"] = jobs
    if cache_dir is not None:
        out["cache_dir"] = cache_dir
    if no_cache:
        out["cache_dir"] = None
    return out


class HtmlScope(str, Enum):
    article = "article"
    page = "page"


class Grammar(str, Enum):
    off = "off"
    harper = "harper"
    languagetool = "languagetool"


def _grammar_options(grammar: Optional[Grammar], url: Optional[str], public: bool) -> dict:
    """Only the grammar flags given (so that config can set the others)."""
    out: dict = {}
    if grammar is not None:
        out["grammar"] = grammar.value
    if url:
        out["languagetool_url"] = url
    if public:
        out["languagetool_public"] = True
    return out


def _reference_options(against: Optional[Path]) -> dict:
    if against is None:
        return {}
    if not against.is_file():
        raise QaError(f"{against}: no such file (the original given to --against)")
    from qa.reference.check import read_original

    read_original(against)  # an unreadable original is one error now, not one per copy later
    return {"against": against}


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive) or '-' for standard input."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically); the terminal gets the summary line."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 (default warning)."),
    fail_on_score: Optional[float] = typer.Option(None, "--fail-on-score", min=0.0, max=1.0, help="Exit 1 when a document's MT score (0..1) reaches this."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rule ids, names, prefixes or categories (comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rule ids, names, prefixes or categories."),
    ext: Optional[List[str]] = typer.Option(None, "--ext", help="More file extensions to check in directories, added to .txt .md .html .rss .atom .xml (feeds only) or config 'extensions'."),
    rules_dir: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack file or directory."),
    config: Optional[Path] = typer.Option(None, "--config", help="A .qa.toml or pyproject.toml, over the nearest one (see 'qa config')."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not in this baseline file (see 'qa baseline')."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=0, help="Worker processes (default 0 = one per CPU, started only when the measured work left is worth it; otherwise in-process)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache directory (default .qa_cache)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the cache."),
    grammar: Optional[Grammar] = typer.Option(None, "--grammar", help="Grammar backend (default off; languagetool when a server is configured with --languagetool-url, config or $QA_LANGUAGETOOL_URL)."),
    languagetool_url: Optional[str] = typer.Option(None, "--languagetool-url", help="LanguageTool server URL (also $QA_LANGUAGETOOL_URL)."),
    languagetool_public: bool = typer.Option(False, "--languagetool-public", help="Send the text to the public languagetool.org API (explicit opt-in)."),
    against: Optional[Path] = typer.Option(None, "--against", help="Reference mode: compare each document with this original (any readable format)."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="SCHEDULER_ADDRESS", help="Check on this Dask cluster (tcp://host:8786) instead of local processes; needs mtqa[dask]."),
    html: Optional[HtmlScope] = typer.Option(None, "--html", help="HTML input: 'article' checks the article body, without navigation, banners, share or related blocks (default); 'page' checks all visible text."),
) -> None:
    """Check documents and report findings with exact positions."""
    from qa.app import run_check
    from qa.config import Resolver
    from qa.run import exit_code

    resolve = Resolver(
        {
            **_cli_settings(select, ignore, fail_on, ext, rules_dir),
            **_run_options(jobs, cache_dir, no_cache),
            **_grammar_options(grammar, languagetool_url, languagetool_public),
            **_reference_options(against),
            **({"html": html.value} if html is not None else {}),
        },
        config,
    )
    settings = resolve(None)  # run-level settings (fail-on, extensions): as for the current directory
    from qa.progress import terminal_bar

    with terminal_bar() as progress:  # a terminal only: never in CI logs or when piped
        report = run_check(paths, settings, resolve, dask=dask, progress=progress)
    if baseline is not None:
        from qa.baseline import apply_baseline

        apply_baseline(report, baseline)
    for error in report.all_errors:
        _err(error)
    from qa.report.formats import render_report

    if output is None:
        # On a terminal the errors were just printed (stderr): the text report does not repeat them.
        errors_in_report = not (sys.stdout.isatty() and sys.stderr.isatty())
        sys.stdout.write(render_report(report, format.value, _style(), settings.fail_threshold(), errors=errors_in_report, html=settings.html))
    else:
        from qa.atomic import write_output
        from qa.report.text import render_summary

        write_output(output, render_report(report, format.value, None, settings.fail_threshold(), html=settings.html, file=True).encode("utf-8"))
        typer.echo(render_summary(report))
    raise typer.Exit(exit_code(report, settings.fail_threshold(), fail_on_score))


@app.command("archive")
def archive_cmd(
    inputs: List[Path] = typer.Argument(..., help="JSONL or Parquet files of articles, each row with 'id' and 'text'."),
    output: Path = typer.Option(..., "--output", "-o", help="Findings file to write: .jsonl or .parquet (one row per finding)."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="SCHEDULER_ADDRESS", help="Check the partitions on this Dask cluster (workers must see the input files); needs mtqa[dask]."),
    partition_mb: float = typer.Option(16.0, "--partition-mb", min=0.01, help="Size of a JSONL partition in MB (Parquet: one row group each)."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 (default warning)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rule ids, names, prefixes or categories (comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rule ids, names, prefixes or categories."),
    rules_dir: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack file or directory."),
    config: Optional[Path] = typer.Option(None, "--config", help="A .qa.toml or pyproject.toml, over the nearest one."),
) -> None:
    """Check an archive of articles (JSONL/Parquet) in partitions, locally or on Dask; write findings."""
    from qa.app import engine_parts
    from qa.cluster.archive import run_archive
    from qa.config import Resolver

    settings = Resolver(_cli_settings(select, ignore, fail_on, None, rules_dir), config)(None)
    summary = run_archive(list(inputs), output, settings, engine_parts, dask, int(partition_mb * 1024 * 1024))
    typer.echo(
        f"{summary.findings} findings, {summary.errors} articles not checked, in {summary.articles} articles "
        f"({summary.partitions} partitions); wrote {output}",
        err=True,
    )
    threshold = settings.fail_threshold()
    raise typer.Exit(2 if summary.errors else 1 if threshold is not None and summary.worst >= int(threshold) else 0)


@app.command("fix")
def fix_cmd(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive) or '-' (fixed text to standard output)."),
    diff: bool = typer.Option(False, "--diff", help="Show a unified diff of the fixes; write nothing (exit 1 if there is any)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rule ids, names, prefixes or categories (comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rule ids, names, prefixes or categories."),
    ext: Optional[List[str]] = typer.Option(None, "--ext", help="More file extensions to fix in directories, added to the defaults or config 'extensions'."),
    rules_dir: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack file or directory."),
    config: Optional[Path] = typer.Option(None, "--config", help="A .qa.toml or pyproject.toml, over the nearest one (as for 'qa check')."),
    html: Optional[HtmlScope] = typer.Option(None, "--html", help="HTML input, as for 'qa check': 'article' fixes the article body (default), 'page' all visible text."),
) -> None:
    """Apply the suggestions of rules marked safe: exactly the fixable findings 'qa check' reports with the same options (atomic writes; encoding and newlines kept)."""
    from qa.config import Resolver
    from qa.fix import fix_paths, summary_line, unified_diff, write

    resolve = Resolver({**_cli_settings(select, ignore, None, ext, rules_dir), **({"html": html.value} if html is not None else {})}, config)
    settings = resolve(None)
    from qa.readers import read_bounded

    try:
        stdin = read_bounded(sys.stdin.buffer, "<stdin>") if "-" in paths else None
    except QaError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    fixes, errors = fix_paths(paths, settings, stdin, resolve)
    unwritten = 0
    for fix in fixes:
        if diff:
            sys.stdout.write(unified_diff(fix))
        elif fix.display == "<stdin>":
            sys.stdout.buffer.write(fix.data)
        elif fix.changed:
            try:
                write(fix)
            except QaError as exc:
                errors.append(str(exc))
                fix.applied.clear()
                unwritten += 1
    for error in errors:
        _err(error)
    written = [f for f in fixes if f.applied or not f.changed]  # a failed write fixed nothing
    line = summary_line(written, written=not diff)
    if unwritten:
        line = line[:-1] + f"; {unwritten} file{'s' if unwritten != 1 else ''} not written (see above)."
    typer.echo(line, err=True)
    raise typer.Exit(2 if errors else 1 if diff and any(f.changed for f in fixes) else 0)


@app.command("baseline")
def baseline_cmd(
    paths: List[str] = typer.Argument(..., help="Files or directories whose current findings are accepted."),
    output: Path = typer.Option(Path("qa-baseline.json"), "--output", "-o", help="Baseline file to write (atomically)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (as for 'qa check')."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (as for 'qa check')."),
    ext: Optional[List[str]] = typer.Option(None, "--ext", help="More file extensions to check in directories (added to the defaults)."),
    rules_dir: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack file or directory."),
    config: Optional[Path] = typer.Option(None, "--config", help="A .qa.toml or pyproject.toml, over the nearest one."),
) -> None:
    """Write a baseline of every current finding; 'qa check --baseline FILE' then hides them."""
    from qa.app import run_check
    from qa.baseline import write_baseline
    from qa.config import Resolver

    resolve = Resolver(_cli_settings(select, ignore, None, ext, rules_dir), config)
    report = run_check(paths, resolve(None), resolve)
    for error in report.all_errors:
        _err(error)
    if report.all_errors:
        _err(f"{output}: not written because of the errors above")
        raise typer.Exit(2)
    count = write_baseline(report, output)
    from qa.report.text import plural

    typer.echo(f"Wrote {plural(count, 'finding')} from {plural(len(report.files), 'file')} to {output}.")


@app.command("config")
def config_cmd(
    path: Optional[Path] = typer.Argument(None, help="A file or directory (default: the current directory)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A .qa.toml or pyproject.toml, over the nearest one."),
) -> None:
    """Print the settings a path gets and where each one came from."""
    from qa.config import Resolver

    resolver = Resolver({}, config)
    grammar = _grammar_in_effect(resolver(path))
    rows = [(key, *grammar.get(key, (value, origin))) for key, value, origin in resolver.explain(path)]
    width = max(len(key) for key, _, _ in rows)
    for key, value, origin in rows:
        typer.echo(f"{key:<{width}} = {value:<36}  # {origin}")


def _grammar_in_effect(settings) -> dict[str, tuple[str, str]]:
    """What an unset grammar / languagetool-url resolve to (the environment counts), for 'qa config'."""
    import json

    from qa.adapters.grammar import ENV_URL, choose, languagetool_url

    out: dict[str, tuple[str, str]] = {}
    env = os.environ.get(ENV_URL)
    if settings.languagetool_url is None and env:
        out["languagetool-url"] = (json.dumps(env), f"${ENV_URL}")
    if settings.grammar is None:
        name = choose(settings)
        why = "default"
        if name == "languagetool":
            why = f"default: a LanguageTool server is configured ({'languagetool-url' if settings.languagetool_url else '$' + ENV_URL if env else '--languagetool-public'})"
        out["grammar"] = (json.dumps(name), why)
    return out


@app.command("init")
def init_cmd(
    directory: Path = typer.Argument(Path("."), help="Where to write .qa.toml (default: here)."),
) -> None:
    """Write a commented starter .qa.toml (never overwrites one)."""
    from qa.config import STARTER

    target = directory / ".qa.toml"
    try:
        with open(target, "x", encoding="utf-8") as out:
            out.write(STARTER)
    except FileExistsError:
        raise QaError(f"{target}: already exists; not overwritten") from None
    except OSError as exc:
        raise QaError(f"{target}: cannot be written: {exc.strerror or exc}") from None
    typer.echo(f"Wrote {target}; see 'qa config' for the settings in effect.")


@app.command("readability")
def readability_cmd(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive) or '-' for standard input."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text (a table) or json."),
    ext: Optional[List[str]] = typer.Option(None, "--ext", help="More file extensions to read in directories, added to the defaults."),
) -> None:
    """Print readability metrics (textstat) per file: Flesch, grade levels, words, sentences."""
    import json

    from qa.adapters.readability import table
    from qa.app import measure_readability

    rows, errors = measure_readability(paths, _extensions(ext))
    for error in errors:
        _err(error)
    if format is Format.json:
        files = [{"path": path, "readability": block} for path, block in rows]
        sys.stdout.write(json.dumps({"files": files, "errors": errors}, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(table(rows))
    raise typer.Exit(2 if errors else 0)


@app.command("serve")
def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless told otherwise)."),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port (0 picks a free one)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A .qa.toml or pyproject.toml, over the nearest one."),
    max_bytes: int = typer.Option(5 * 1024 * 1024, "--max-bytes", min=1024, help="Largest document a request may send."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes checking documents at once (the engine is built once and shared)."),
) -> None:
    """Serve a local page to paste or drop a story into and see every finding in place, and an
    HTTP API (POST /api/check) a CMS can call."""
    from qa.config import Resolver

    try:
        from qa.web.server import serve
        from qa.web.service import Limits
    except ImportError as exc:  # starlette/uvicorn missing from a partial install
        raise QaError(f"qa serve needs {exc.name}: pip install 'mtqa' again to get it") from None
    serve(Resolver({}, config)(None), host, port, Limits(max_bytes), typer.echo, workers)


@app.command("rules")
def rules_cmd(
    rules_dir: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack file or directory."),
    verify: bool = typer.Option(False, "--verify", help="Run every rule's examples and report the ones that fail."),
) -> None:
    """List every rule: id, name, severity, category and what it catches."""
    from qa.app import load_ruleset
    from qa.settings import Settings

    ruleset = load_ruleset(Settings(pack_dirs=tuple(rules_dir or ())))
    if verify:
        from qa.examples import verify as verify_rule

        problems = [p for r in ruleset.rules for p in verify_rule(r)]
        for p in problems:
            _err(p)
        typer.echo(f"{len(ruleset.rules)} rules, {len(problems)} failing examples.")
        raise typer.Exit(1 if problems else 0)
    for r in ruleset.rules:
        off = "" if r.enabled else " (off by default)"
        typer.echo(f"{r.id}  {r.name:<36} {r.severity.label:<8} {r.category:<24} {r.summary}{off}")


@app.command()
def explain(
    rule: str = typer.Argument(..., help="A rule id or dotted name."),
    rules_dir: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack file or directory."),
) -> None:
    """Print a rule's description and its examples."""
    from qa.app import load_ruleset
    from qa.explain import explain_rule
    from qa.settings import Settings

    found = load_ruleset(Settings(pack_dirs=tuple(rules_dir or ()))).find(rule)
    if found is None:
        from qa.explain import explain_builtin

        builtin = explain_builtin(rule)
        if builtin is None:
            raise QaError(f"no rule named '{rule}' (see 'qa rules')")
        typer.echo(builtin)
        return
    typer.echo(explain_rule(found))


@app.command("eval")
def eval_cmd(
    corpus: Path = typer.Argument(..., help="An annotated corpus folder (NNN.txt + NNN.json)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rule ids, names, prefixes or categories (comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rule ids, names, prefixes or categories."),
    rules_dir: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack file or directory."),
    folds: Optional[int] = typer.Option(None, "--folds", min=2, help="Also report the figures by cross-validation over K folds of whole story groups."),
    groups: Optional[Path] = typer.Option(None, "--groups", help="Story groups for --folds: 'case-id group' lines (default: from the cases' notes)."),
    pairs: Optional[Path] = typer.Option(None, "--pairs", help="Score reference mode instead: a manifest of 'COPY ORIGINAL' case ids."),
) -> None:
    """Score the checks on an annotated corpus: span recall per category, false alarms, per rule."""
    import json

    if pairs is not None:
        from qa.reference.evaluate import evaluate_pairs, render_pairs, to_dict as pairs_dict

        scores = evaluate_pairs(corpus, pairs)
        typer.echo(json.dumps(pairs_dict(scores), indent=2) if format is Format.json else render_pairs(scores), nl=format is Format.json)
        raise typer.Exit(0)
    from qa.evaluate import check_corpus, counted_hits, evaluate, render_text, to_dict
    from qa.settings import Settings

    if groups is not None and folds is None:
        raise QaError("--groups needs --folds K")
    settings = Settings(select=_split(select), ignore=_split(ignore), pack_dirs=tuple(rules_dir or ()))
    cases, report = check_corpus(corpus, settings)
    evaluation = evaluate(cases, counted_hits(report.files))
    cv = None
    if folds is not None:
        from qa import evaluate_cv

        cv = evaluate_cv.cross_validate(corpus, cases, report.files, folds, groups)
    errors = report.all_errors
    for error in errors:
        _err(error)
    if format is Format.json:
        out = to_dict(evaluation)
        if cv is not None:
            out["cross_validation"] = evaluate_cv.to_dict(cv)
        typer.echo(json.dumps(out, indent=2))
    else:
        typer.echo(render_text(evaluation) + (evaluate_cv.render_text(cv) if cv is not None else ""), nl=False)
    raise typer.Exit(2 if errors else 0)


def main() -> None:
    """Entry point: run the app; every error becomes one line and exit status 2."""
    from qa import tables

    tables.enable()  # derived data tables kept between runs (qa/tables.py)
    try:
        status = app(standalone_mode=False)
        if status == 130:  # typer returns 130 for Ctrl-C when not in standalone mode
            _err("interrupted")
        sys.exit(status if isinstance(status, int) else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _err("interrupted")
        sys.exit(130)
    except click.ClickException as exc:
        message = exc.format_message()
        if message:  # "qa" alone has already printed its help: nothing more to say
            _err(message)
        sys.exit(2)
    except QaError as exc:
        _err(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except Terminated as exc:
        _err("terminated")
        sys.exit(128 + exc.signum)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last guard: no traceback reaches a user
        _err(f"internal error: {type(exc).__name__}: {exc} (please report this)")
        sys.exit(2)
