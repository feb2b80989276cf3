"""The page benchmark's figures as a Markdown table, a budget check and a plot.

Reads the JSON files that ``bench/pages.py --json`` writes (one per database and size)
and prints, for each database, a table of every page type at every size: throughput as a
share of the floor measured in the same run, and p50/p95 latency, uncached and cached.
Then checks the budgets of DESIGN.md at the largest size and draws p50 latency against
the number of releases (log-log), so growth shows at a glance:

    .venv/bin/python bench/report.py /tmp/bench-*.json --plot bench/latency.png

Exits non-zero when a budget does not hold (the table says which).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

#: Share of the floor's throughput each kind of page must reach at the largest size
#: (DESIGN.md, "Performance budgets"): uncached detail pages 10 %, uncached lists 5 %,
#: cached pages 80 %, and an unchanged feed answering 304 at the cost of a cached page.
UNCACHED_BUDGETS = {
    "release detail": 0.10,
    "trip detail": 0.10,
    "home": 0.05,
    "release list": 0.05,
    "release list ?topic=": 0.05,
    "coverage list": 0.05,
}
CACHED_BUDGET = 0.80


def load(paths):
    """{database: {releases: report}} from the JSON files. Two files of the same database
    and size are merged mode by mode, the later file's mode winning (e.g. a rerun of
    ``--modes cached`` after a change to the page cache)."""
    runs = defaultdict(dict)
    for path in paths:
        report = json.loads(Path(path).read_text())
        size = report["rows"]["releases"]
        if size in runs[report["database"]]:
            earlier = runs[report["database"]][size]
            report["modes"] = {**earlier["modes"], **report["modes"]}
        runs[report["database"]][size] = report
    return runs


def cell(case) -> str:
    if case is None:
        return "-"
    latency = case["latency_us"]
    return (
        f"{case['rps']:,.0f}/s · **{case['floor_share']:.0%}** · "
        f"{latency['p50'] / 1000:.1f} / {latency['p95'] / 1000:.1f} ms"
    )


def table(database: str, by_size: dict) -> list[str]:
    sizes = sorted(by_size)
    names = []
    for size in sizes:
        for mode in ("uncached", "cached"):
            for name in by_size[size]["modes"].get(mode, {}).get("cases", {}):
                if name not in names:
                    names.append(name)
    header = [f"{size:,} releases" for size in sizes]
    lines = [
        f"#### {database}: req/s · share of the floor · p50 / p95",
        "",
        "| page | mode | " + " | ".join(header) + " |",
        "|---|---|" + "---:|" * len(sizes),
    ]
    floors = {
        mode: [by_size[s]["modes"].get(mode, {}).get("floor_rps") for s in sizes]
        for mode in ("uncached", "cached")
    }
    for mode in ("uncached", "cached"):
        values = " | ".join(f"{rps:,.0f}/s" if rps else "-" for rps in floors[mode])
        lines.append(f"| floor | {mode} | {values} |")
    for name in names:
        for mode in ("uncached", "cached"):
            cells = [by_size[s]["modes"].get(mode, {}).get("cases", {}).get(name) for s in sizes]
            if any(cells):
                lines.append(f"| {name} | {mode} | " + " | ".join(map(cell, cells)) + " |")
    rss = [max(by_size[s]["modes"]["uncached"].get("rss_mib") or [0]) for s in sizes]
    lines.append("| worker RSS (max) | | " + " | ".join(f"{mib:.0f} MiB" for mib in rss) + " |")
    return lines


def budgets(database: str, by_size: dict) -> list[tuple[str, float, float, bool]]:
    """(what, share, budget, holds) at the largest size."""
    report = by_size[max(by_size)]
    found = []
    uncached = report["modes"].get("uncached", {}).get("cases", {})
    for name, budget in UNCACHED_BUDGETS.items():
        if name in uncached:
            share = uncached[name]["floor_share"]
            found.append((f"{database} uncached {name}", share, budget, share >= budget))
    for name, case in report["modes"].get("cached", {}).get("cases", {}).items():
        if name in ("search",):
            continue
        share = case["floor_share"]
        found.append((f"{database} cached {name}", share, CACHED_BUDGET, share >= CACHED_BUDGET))
    return found


def plot(runs, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(13, 5.5), sharey=True)
    styles = {"sqlite": "-", "postgresql": "--"}
    for axis, mode in zip(axes, ("uncached", "cached"), strict=True):
        colours = {}
        for database, by_size in sorted(runs.items()):
            sizes = sorted(by_size)
            names = by_size[sizes[-1]]["modes"].get(mode, {}).get("cases", {})
            for name in names:
                points = [
                    (size, case["latency_us"]["p50"] / 1000)
                    for size in sizes
                    if (case := by_size[size]["modes"].get(mode, {}).get("cases", {}).get(name))
                ]
                if not points:
                    continue
                colour = colours.setdefault(name, f"C{len(colours) % 10}")
                axis.plot(
                    *zip(*points, strict=True),
                    styles.get(database, ":"),
                    marker="o",
                    color=colour,
                    label=f"{name} ({database})",
                )
            floor = [
                (size, by_size[size]["modes"][mode]["floor"][0]["latency_us"]["p50"] / 1000)
                for size in sizes
                if by_size[size]["modes"].get(mode, {}).get("floor")
            ]
            if floor:
                axis.plot(
                    *zip(*floor, strict=True),
                    styles.get(database, ":"),
                    color="black",
                    linewidth=2,
                    label=f"floor ({database})",
                )
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_title(f"{mode}: p50 latency against data size")
        axis.set_xlabel("press releases (coverage x3, trips /50, photos /2)")
        axis.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("p50 latency, ms (log)")
    axes[1].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.suptitle("Pressroom under gunicorn on loopback: solid SQLite, dashed PostgreSQL")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", help="JSON files written by bench/pages.py")
    parser.add_argument("--plot", help="write a PNG of p50 latency against data size here")
    args = parser.parse_args()
    runs = load(args.reports)
    failed = []
    for database, by_size in sorted(runs.items()):
        print("\n".join(table(database, by_size)), end="\n\n")
    print("#### Budgets at the largest size\n")
    print("| page | share of the floor | budget | holds |\n|---|---:|---:|---|")
    for database, by_size in sorted(runs.items()):
        for what, share, budget, holds in budgets(database, by_size):
            print(f"| {what} | {share:.1%} | {budget:.0%} | {'yes' if holds else '**no**'} |")
            if not holds:
                failed.append(what)
    if args.plot:
        plot(runs, args.plot)
        print(f"\nPlot written to {args.plot}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
