"""coopkg command line: a thin click layer over the library.

Run as ``coopkg COMMAND`` (the installed entry point) or ``python cli.py COMMAND``.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import click

from graph.store import PROJECT_ROOT, StoreError, default_store_path, open_store

CORPUS = PROJECT_ROOT / "corpus"

store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Store folder (default: $COOPKG_STORE, else store/ in the project).",
)


def _store_path(store_path: Path | None) -> Path:
    return store_path or default_store_path()


def _open(store_path: Path | None, *, read_only: bool = True):
    try:
        return open_store(_store_path(store_path), read_only=read_only)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _resolve(store, name: str):
    from graph.lookup import UnknownName, resolve_name

    try:
        return resolve_name(store, name)
    except UnknownName as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="coopkg")
def main() -> None:
    """coopkg: a knowledge graph of cross-strait and regional economic cooperation.

    Build the graph from Chinese documents, then query it, inspect entities, find paths
    with the sentences behind every edge, and export it.

    \b
    Example:
      coopkg build                    # the bundled corpus into the default store
      coopkg query docking_partners --param park=岳阳产业园
    """


def _default_jobs() -> int:
    return os.cpu_count() or 1


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=_default_jobs,
    show_default="the number of CPUs",
    help="Worker processes that read and extract documents.",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option(
    "--answer/--no-answer",
    default=True,
    help="Print the Yueyang–Hsinchu answer after a build of the bundled corpus.",
)
@jobs_option
def build(paths: tuple[Path, ...], store_path: Path | None, answer: bool, jobs: int) -> None:
    """Build the graph from files or folders (default: the bundled corpus).

    The store is written aside and swapped in only when the build is complete, so a failed
    build leaves the previous store as it was. Files that cannot be read are skipped with a
    one-line reason and the exit code is 1. Documents are read by --jobs worker processes;
    the graph is the same whatever their number.

    \b
    Examples:
      coopkg build
      coopkg build my-news/ extra.txt --store /data/kg --jobs 4
    """
    from tqdm import tqdm

    from graph.store import BuildReport, building, count_summary, ontology_quads, write_documents
    from loaders.document import iter_document_paths

    target = _store_path(store_path)
    inputs = list(paths) or [CORPUS]
    files = iter_document_paths(inputs)
    report = BuildReport()
    with tqdm(total=len(files), desc="build", unit="doc", file=sys.stderr, disable=None) as bar:
        with building(target) as store:
            store.extend(ontology_quads())
            write_documents(
                store, files, report, on_progress=lambda _p: bar.update(), jobs=jobs, bulk=True
            )
            if not report.documents:
                raise click.ClickException(
                    "no document could be read; the previous store is left as it was"
                )
            count_summary(store, report)
    _print_report(report, target)
    if answer and not paths:
        _print_yueyang_hsinchu(target)
    if report.skipped:
        sys.exit(1)


def _print_report(report, target: Path) -> None:
    click.echo(f"store: {target}")
    click.echo(f"documents: {len(report.documents)}")
    for name, n in sorted(report.entities.items()):
        click.echo(f"  {name:<15} {n:>5}")
    click.echo(f"facts: {report.facts}   quads: {report.quads}")
    for _path, reason in report.skipped:
        click.echo(f"skipped: {reason}", err=True)


def _print_yueyang_hsinchu(target: Path) -> None:
    from graph.lookup import UnknownName, resolve_name
    from graph.paths import paths_between

    store = open_store(target)
    try:
        a, b = resolve_name(store, "岳阳产业园"), resolve_name(store, "新竹科学园区")
    except UnknownName as exc:
        click.echo(f"\nYueyang–Hsinchu: {exc}")
        return
    click.echo("\nWhich entities link 岳阳产业园 to 新竹科学园区, and by which sentences?")
    _print_paths(paths_between(store, a, b, max_hops=2))


def _print_paths(paths) -> None:
    if not paths:
        click.echo("  no path")
    for i, steps in enumerate(paths, 1):
        click.echo(f"  path {i}:")
        for step in steps:
            click.echo(f"    {step.subject} —{step.property}→ {step.object}")
            for ev in step.evidence:
                flag = " (inferred)" if ev.inferred else ""
                quote = " ".join(ev.quote.split())
                click.echo(f"      「{quote}」 {ev.document}:{ev.start}-{ev.end}{flag}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@jobs_option
def add(paths: tuple[Path, ...], store_path: Path | None, jobs: int) -> None:
    """Add or re-read documents in an existing store, replacing exactly their graphs.

    Each document's graph is replaced in one transaction; the other graphs are not touched, so
    the store is the same as a full build of the corpus with these documents in it.

    \b
    Example:
      coopkg add corpus/002_d4fdd9c977959413.txt
    """
    from graph.store import BuildReport, write_documents
    from loaders.document import iter_document_paths

    store = _open(store_path, read_only=False)
    report = BuildReport()
    write_documents(store, iter_document_paths(list(paths)), report, jobs=jobs)
    store.flush()
    click.echo(f"replaced {len(report.documents)} document graph(s): {', '.join(report.documents)}")
    for _path, reason in report.skipped:
        click.echo(f"skipped: {reason}", err=True)
    if report.skipped:
        sys.exit(1)


@main.command()
@click.argument("docs", nargs=-1, required=True)
@store_option
def remove(docs: tuple[str, ...], store_path: Path | None) -> None:
    """Remove documents from a store: exactly their named graphs, by file stem or file name.

    A name the store does not hold is an error and nothing is removed.

    \b
    Examples:
      coopkg remove 002_d4fdd9c977959413
      coopkg remove 002_d4fdd9c977959413.txt 003_3f6590adb7d43881.txt
    """
    from graph.store import remove_document_graphs

    store = _open(store_path, read_only=False)
    try:
        removed = remove_document_graphs(store, docs)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    store.flush()
    click.echo(f"removed {len(removed)} document graph(s): {', '.join(removed)}")


@main.command()
@click.argument("query")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter; repeatable.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@store_option
def query(query: str, params: tuple[str, ...], fmt: str, store_path: Path | None) -> None:
    """Run a stored query by NAME, a FILE.rq, or SPARQL text.

    Entity parameters take a name in any script or English; values are bound as RDF terms.

    \b
    Examples:
      coopkg query docking_partners --param park=岳陽產業園
      coopkg query linking_entities -p a=岳阳产业园 -p b=新竹科学园区 --format csv
      coopkg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from queries import QueryError, parse_stored_query, rows, run, stored_queries

    known = stored_queries()
    if query in known:
        q = known[query]
    elif query.endswith(".rq"):
        path = Path(query)
        if not path.is_file():
            raise click.ClickException(f"{query}: no such query file")
        q = parse_stored_query(path.stem, path.read_text(encoding="utf-8"))
    elif any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        q = parse_stored_query("query", query)
    else:
        raise click.ClickException(
            f"{query!r} is neither a stored query ({', '.join(known)}), a .rq file nor SPARQL"
        )
    values = {}
    for item in params:
        if "=" not in item:
            raise click.ClickException(f"--param {item!r}: expected NAME=VALUE")
        key, value = item.split("=", 1)
        values[key.strip()] = value.strip()
    store = _open(store_path)
    from graph.lookup import UnknownName

    try:
        result = run(store, q, values)
    except (QueryError, UnknownName) as exc:
        raise click.ClickException(str(exc)) from None
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        click.echo("true" if bool(result) else "false")
        return
    if not hasattr(result, "variables"):
        for triple in result:
            click.echo(f"{triple.subject} {triple.predicate} {triple.object} .")
        return
    variables, table = rows(result, hide=tuple(p.name for p in q.parameters))
    _emit_rows(variables, table, fmt)


def _emit_rows(variables: list[str], table: list[dict], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(table, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=variables, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    else:
        click.echo("\t".join(variables))
        for row in table:
            click.echo("\t".join(" ".join(row[v].split()) for v in variables))
        click.echo(f"({len(table)} rows)", err=True)


def _eval_help() -> str:
    from graph.evaluation import MATCHING_RULES

    return (
        "Score extraction against gold annotations (entities.tsv, relations.tsv).\n\n"
        "Builds the graph of PATHS (default: the bundled corpus) in a temporary store and prints "
        "precision, recall and F1 per class and per core property, then the misses and the false "
        "positives.\n\n\b\nExample:\n  coopkg eval --gold tests/gold-dev\n\n\b\n" + MATCHING_RULES
    )


@main.command(name="eval", help=_eval_help())
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option("--errors/--no-errors", default=True, help="List misses and false positives.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def evaluate(gold_dir: Path, errors: bool, paths: tuple[Path, ...]) -> None:
    from graph.evaluation import evaluate_paths, format_report
    from loaders.document import iter_document_paths

    files = iter_document_paths(list(paths) or [CORPUS])
    click.echo(format_report(evaluate_paths(gold_dir, files), show_errors=errors))


@main.command(name="queries")
def list_queries() -> None:
    """List the stored queries with their titles and parameters.

    \b
    Example:
      coopkg queries
    """
    from queries import stored_queries

    for name, q in stored_queries().items():
        params = " ".join(f"--param {p.name}=…" for p in q.parameters)
        click.echo(f"{name}: {q.title}")
        if q.description:
            click.echo(f"    {q.description}")
        for p in q.parameters:
            click.echo(f"    param {p.name} ({p.kind}): {p.description}")
        click.echo(f"    coopkg query {name} {params}".rstrip())


@main.command()
@click.argument("name")
@store_option
def entity(name: str, store_path: Path | None) -> None:
    """Show an entity card: class, labels in every script, every fact with its quote.

    \b
    Examples:
      coopkg entity 岳阳产业园
      coopkg entity "Hsinchu Science Park"
    """
    from graph.card import entity_card

    store = _open(store_path)
    iri = _resolve(store, name)
    click.echo(entity_card(store, iri))


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", default=3, show_default=True, type=click.IntRange(1, 6))
@store_option
def path(a: str, b: str, max_hops: int, store_path: Path | None) -> None:
    """The short paths between two entities, every edge with its evidence.

    \b
    Example:
      coopkg path 岳阳产业园 新竹科学园区 --max-hops 2
    """
    from graph.paths import paths_between

    store = _open(store_path)
    _print_paths(paths_between(store, _resolve(store, a), _resolve(store, b), max_hops=max_hops))


def _network_options(command):
    options = [
        click.option(
            "--class",
            "classes",
            multiple=True,
            metavar="CLASS",
            help="Keep only entities of this class (repeatable), e.g. Park.",
        ),
        click.option(
            "--exclude-class",
            "exclude_classes",
            multiple=True,
            metavar="CLASS",
            help="Drop entities of this class (repeatable), e.g. Place.",
        ),
        click.option(
            "--property",
            "properties",
            multiple=True,
            metavar="PROPERTY",
            help="Keep only facts with this property (repeatable), e.g. dockingWith.",
        ),
        click.option(
            "--exclude-property",
            "exclude_properties",
            multiple=True,
            metavar="PROPERTY",
            help="Drop facts with this property (repeatable).",
        ),
        click.option(
            "--posts",
            "keep_posts",
            is_flag=True,
            help="Keep org:Post nodes instead of folding them into person→body edges.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _project(store, classes, exclude_classes, properties, exclude_properties, keep_posts):
    from graph.network import project

    try:
        return project(
            store,
            classes=classes or None,
            exclude_classes=exclude_classes or None,
            properties=properties or None,
            exclude_properties=exclude_properties or None,
            fold_posts=not keep_posts,
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def _output_options(command):
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "csv", "json"]),
            default="table",
            show_default=True,
        ),
        click.option(
            "--top", type=click.IntRange(min=1), default=None, help="Only the first N rows."
        ),
        click.option(
            "--script",
            type=click.Choice(["zh-Hans", "zh-Hant", "en"]),
            default="zh-Hans",
            show_default=True,
            help="Script of the labels.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _emit_analysis(rows, fmt: str) -> None:
    from graph.analysis import format_rows

    click.echo(format_rows(rows, fmt), nl=False)


@main.group()
def analyze() -> None:
    """Network analyses: centrality, communities, brokers, paths, shared neighbours, ego networks.

    Every analysis runs on the projection of the graph onto entities (filter it with --class,
    --exclude-class, --property, --exclude-property) and prints rows as a table, CSV or JSON,
    sorted stably (ties broken by label).

    \b
    Examples:
      coopkg analyze centrality --sort-by betweenness --top 10
      coopkg analyze paths 岳阳产业园 新竹科学园区 --max-hops 3
      coopkg analyze brokers -a 岳阳产业园 -a 湘潭产业园 -a 郴州产业园 --partners-in Taiwan
    """


@analyze.command()
@click.option(
    "--sort-by",
    type=click.Choice(["degree", "betweenness", "eigenvector"]),
    default="degree",
    show_default=True,
)
@_network_options
@_output_options
@store_option
def centrality(sort_by, fmt, top, script, store_path, **network):
    """Degree, betweenness and eigenvector centrality of every entity, highest first.

    On large graphs betweenness is estimated from a fixed sample of sources; a note on stderr
    says when, and from how many.

    \b
    Example:
      coopkg analyze centrality --sort-by betweenness --exclude-class Place --top 10
    """
    from graph.analysis import centrality as run

    projection = _project(_open(store_path), **network)
    rows = run(projection, sort_by=sort_by, top=top, script=script)
    _emit_analysis(rows, fmt)
    _say_estimated(projection)


@analyze.command()
@click.option(
    "--resolution",
    type=float,
    default=1.0,
    show_default=True,
    help="Louvain resolution: below 1 larger communities, above 1 smaller ones.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@_network_options
@_output_options
@store_option
def communities(resolution, seed, fmt, top, script, store_path, **network):
    """Louvain communities (networkx), numbered by size; one row per entity.

    \b
    Example:
      coopkg analyze communities --format csv > communities.csv
    """
    from graph.analysis import communities as run

    net = _project(_open(store_path), **network)
    _emit_analysis(run(net, resolution=resolution, seed=seed, top=top, script=script), fmt)


@analyze.command()
@click.option(
    "-a",
    "--group-a",
    "group_a",
    multiple=True,
    required=True,
    metavar="NAME",
    help="A member of the first group (repeatable).",
)
@click.option(
    "-b",
    "--group-b",
    "group_b",
    multiple=True,
    metavar="NAME",
    help="A member of the second group (repeatable).",
)
@click.option(
    "--partners-in",
    metavar="JURISDICTION",
    help="Second group: the parks group A docks with in this jurisdiction (Taiwan, …).",
)
@_network_options
@_output_options
@store_option
def brokers(group_a, group_b, partners_in, fmt, top, script, store_path, **network):
    """Entities between two groups, ranked by group-to-group betweenness.

    score(v) = sum over pairs (a in A, b in B) of the share of shortest a–b paths through v.

    \b
    Examples:
      coopkg analyze brokers -a 岳阳产业园 -a 湘潭产业园 -a 郴州产业园 --partners-in Taiwan
      coopkg analyze brokers -a 岳阳产业园 -b 新竹科学园区 -b 南港软件园区 --exclude-class Industry
    """
    from graph.analysis import brokers as run
    from graph.analysis import partners

    if bool(group_b) == bool(partners_in):
        raise click.UsageError("give either --group-b names or --partners-in JURISDICTION")
    store = _open(store_path)
    net = _project(store, **network)
    a = [_resolve(store, name).value for name in group_a]
    try:
        if partners_in:
            b = partners(net, a, jurisdiction=partners_in)
            click.echo(
                f"group B ({len(b)}): " + "、".join(net.nodes[n]["label"] for n in b), err=True
            )
        else:
            b = [_resolve(store, name).value for name in group_b]
        rows = run(net, a, b, top=top, script=script)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    _emit_analysis(rows, fmt)


@analyze.command(name="paths")
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", default=3, show_default=True, type=click.IntRange(1, 6))
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N paths.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@store_option
def paths_command(a, b, max_hops, limit, fmt, store_path):
    """Every simple path of up to N hops between two entities, one row per quote of each edge.

    \b
    Example:
      coopkg analyze paths 岳阳产业园 新竹科学园区 --max-hops 3 --format csv
    """
    from graph.analysis import paths as run

    store = _open(store_path)
    rows = run(store, _resolve(store, a), _resolve(store, b), max_hops=max_hops, limit=limit)
    _emit_analysis(rows, fmt)


@analyze.command()
@click.argument(
    "projection",
    type=click.Choice(
        ["parks-by-firms", "parks-by-industries", "persons-by-events", "bodies-by-policies"]
    ),
)
@_network_options
@_output_options
@store_option
def shared(projection, fmt, top, script, store_path, **network):
    """Bipartite projections: pairs of entities and what they share, most shared first.

    \b
    Examples:
      coopkg analyze shared parks-by-firms
      coopkg analyze shared persons-by-events --format json
    """
    from graph.analysis import shared_neighbours

    net = _project(_open(store_path), **network)
    _emit_analysis(shared_neighbours(net, projection, top=top, script=script), fmt)


@analyze.command()
@click.argument("name")
@click.option("--radius", default=1, show_default=True, type=click.IntRange(0, 6))
@_network_options
@_output_options
@store_option
def ego(name, radius, fmt, top, script, store_path, **network):
    """An entity's ego network: every entity within --radius hops, nearest first.

    \b
    Example:
      coopkg analyze ego 岳阳产业园 --radius 2
    """
    from graph.analysis import ego as run

    store = _open(store_path)
    net = _project(store, **network)
    try:
        rows = run(net, _resolve(store, name).value, radius=radius, top=top, script=script)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    _emit_analysis(rows, fmt)


@main.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["turtle", "trig", "nquads", "jsonld", "gexf", "graphml", "csv", "html"]),
)
@click.option(
    "--output", "-o", required=True, type=click.Path(path_type=Path), help="File (csv: a folder)."
)
@click.option(
    "--script",
    type=click.Choice(["zh-Hans", "zh-Hant", "en"]),
    default="zh-Hans",
    show_default=True,
    help="Script of the node labels (networks).",
)
@click.option(
    "--color-by",
    type=click.Choice(["class", "jurisdiction", "none"]),
    default="class",
    show_default=True,
    help="Node colour (gexf, html).",
)
@click.option(
    "--size-by",
    type=click.Choice(["degree", "weight", "betweenness", "eigenvector", "none"]),
    default="degree",
    show_default=True,
    help="Node size (gexf, html).",
)
@click.option(
    "--dynamic",
    is_flag=True,
    help="gexf: time intervals from event, policy and document dates for Gephi's timeline.",
)
@click.option("--title", default=None, help="html: page title.")
@_network_options
@store_option
def export(fmt, output, script, color_by, size_by, dynamic, title, store_path, **network):
    """Export the graph: RDF (turtle, trig, nquads, jsonld) or networks (gexf, graphml, csv, html).

    Networks carry class, labels in three scripts, jurisdiction, community, degree, betweenness,
    eigenvector centrality and documents; html is one self-contained interactive page.
    On large graphs betweenness is estimated (a note on stderr and in GEXF says so).

    \b
    Examples:
      coopkg export --format trig --output coopkg.trig
      coopkg export --format gexf --output coopkg.gexf --color-by jurisdiction --size-by betweenness
      coopkg export --format gexf --dynamic --output timeline.gexf
      coopkg export --format csv --output tables/
      coopkg export --format html --output coopkg.html --exclude-class Industry
    """
    from graph.export import export as do_export

    store = _open(store_path)
    net = _project(store, **network) if fmt in ("gexf", "graphml", "csv", "html") else None
    written = do_export(
        store,
        fmt,
        output,
        script=script,
        color_by=None if color_by == "none" else color_by,
        size_by=None if size_by == "none" else size_by,
        dynamic=dynamic,
        network=net,
        title=title,
    )
    click.echo(f"wrote {written}")
    if net is not None:
        _say_estimated(net)


def _say_estimated(projection) -> None:
    # On stderr, so that CSV or JSON on stdout stays clean.
    from graph.analysis.centrality import betweenness_note

    note = betweenness_note(projection)
    if note:
        click.echo(f"note: {note}", err=True)


@main.command()
@store_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback exposes the store, with no authentication.",
)
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--timeout",
    "timeout_s",
    default=30,
    show_default=True,
    type=click.IntRange(1),
    help="Query timeout, seconds (503 after it).",
)
@click.option(
    "--writable",
    is_flag=True,
    help="Open the store read-write: /update and /store writes allowed. Stop other writers first.",
)
@click.option(
    "--allow-federation",
    is_flag=True,
    help="Allow SERVICE (federated queries) and LOAD, which make the server fetch URLs. "
    "Refused (403) by default.",
)
@click.option("--cors", is_flag=True, help="Allow browsers on other origins.")
def serve(store_path, host, port, timeout_s, writable, allow_federation, cors):
    """Serve the store as a SPARQL 1.1 endpoint (the Oxigraph server).

    Read-only, on 127.0.0.1, with a query timeout. Queries at http://HOST:PORT/query
    (SELECT/ASK as SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples,
    RDF/XML, JSON-LD by Accept header). The query page is at /; prefixes and starter queries
    at /start (also printed on start). The default graph is the union of all named graphs.
    SERVICE (federated) queries and LOAD are refused unless --allow-federation; updates are
    refused unless --writable. The server serves the store as it was at start: restart it
    after `coopkg build`, stop it before `coopkg add`.

    \b
    Example:
      coopkg serve --port 7878
    """
    from graph.serve import ServeError
    from graph.serve import serve as run_server

    try:
        code = run_server(
            _store_path(store_path),
            host,
            port,
            timeout_s=timeout_s,
            read_only=not writable,
            allow_federation=allow_federation,
            cors=cors,
            echo=click.echo,
        )
    except ServeError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(code)


@main.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The server's SPARQL query endpoint (for the count check).",
)
@click.option(
    "--graph-store",
    metavar="URL",
    default=None,
    help="Its Graph Store endpoint (default: /store beside an Oxigraph /query).",
)
@click.option("--progress/--no-progress", default=True)
@store_option
def push(endpoint, graph_store, progress, store_path):
    """Load the graph into a SPARQL 1.1 Graph Store Protocol server, then check the counts.

    One HTTP PUT per named graph (each document, and the ontology) replaces what the server
    had in that graph; other graphs are left alone.

    \b
    Examples:
      coopkg push --endpoint http://127.0.0.1:7878/query
      coopkg push --endpoint http://localhost:3030/kg/sparql --graph-store http://localhost:3030/kg/data
    """
    from graph.push import PushError
    from graph.push import push as do_push

    try:
        counts = do_push(_open(store_path), endpoint, graph_store, progress=progress)
    except PushError as exc:
        raise click.ClickException(str(exc)) from None
    for graph_iri, n in counts.items():
        click.echo(f"{n:>7}  {graph_iri}")
    click.echo(f"pushed {len(counts)} graphs, {sum(counts.values())} triples; counts match")


@main.command()
@click.option("--check", is_flag=True, help="Only report stale files (exit 1), write nothing.")
def docs(check):
    """Regenerate docs/ontology.md, docs/queries.md and the README's evaluation figures.

    The query cookbook shows each query's rows on a fresh build of the bundled corpus; the
    README shows `coopkg eval --gold tests/gold-dev` on documents 000-002.

    \b
    Example:
      coopkg docs --check
    """
    from graph.docs import write_docs

    stale = write_docs(check=check)
    for path in stale:
        click.echo(f"{'stale' if check else 'wrote'}: {path}")
    if check and stale:
        sys.exit(1)


@main.command()
@store_option
def stats(store_path: Path | None) -> None:
    """Counts of documents, entities per class, facts and quads in the store.

    \b
    Example:
      coopkg stats
    """
    from graph.store import BuildReport, count_summary

    store = _open(store_path)
    report = BuildReport()
    count_summary(store, report)
    docs = store.query(
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/coopkg/ontology#Document> }",
        use_default_graph_as_union=True,
    )
    report.documents = ["?"] * int(next(iter(docs))["n"].value)
    _print_report(report, _store_path(store_path))


@main.command()
@store_option
def validate(store_path: Path | None) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl (pySHACL).

    Exits 1 and lists the violations when the graph does not conform.

    \b
    Example:
      coopkg validate
    """
    from graph.validate import validate_store

    conforms, text = validate_store(_open(store_path))
    click.echo(text)
    if not conforms:
        sys.exit(1)


if __name__ == "__main__":
    main()
