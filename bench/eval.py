"""Score extraction against hand annotations and print the report.

Builds the graph of the given documents in a temporary store (the project's store is not
touched), compares it with a gold folder and prints per-class and per-property precision, recall
and F1, then every miss and false positive.

Example::

    python bench/eval.py --gold tests/gold-dev corpus/000_*.txt corpus/001_*.txt corpus/002_*.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    # Run from a checkout without installing: the project root holds the packages.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from graph.evaluation import MATCHING_RULES, evaluate_paths, format_report

    parser = argparse.ArgumentParser(
        description="Score extraction against gold annotations.",
        epilog="Matching rules:\n" + MATCHING_RULES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--gold",
        type=Path,
        default=ROOT / "tests" / "gold-dev",
        help="folder with entities.tsv and relations.tsv (default: tests/gold-dev)",
    )
    parser.add_argument(
        "--no-errors",
        action="store_true",
        help="print the tables only, not misses and false positives",
    )
    parser.add_argument("paths", nargs="+", type=Path, help="document files or folders")
    args = parser.parse_args(argv)

    scores = evaluate_paths(args.gold, args.paths)
    sys.stdout.write(format_report(scores, show_errors=not args.no_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
