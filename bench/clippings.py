"""How many fields the coverage desk gets right on our test clippings, beside trafilatura alone.

    .venv/bin/python bench/clippings.py [--corpus DIR] [--misses] [--json results.json]

Every clipping of tests/clippings/ (or of the folder ``--corpus`` names, with its own
expected.json: tests/clippings/heldout/ is the set nobody tuned against) goes through the
whole desk as an import does (read, recognise, place, look for a duplicate) against a fresh
SQLite database in a temporary folder, migrated and given the demo content (the test
settings: media in memory, nothing written outside the folder, which is removed
afterwards). Each field is compared with the folder's expected.json exactly as
tests/test_clipping_corpus.py compares it (texts with their whitespace runs as one space).

The baseline column is what trafilatura 2.3 finds alone (``bare_extraction`` with metadata:
``title``, ``author``, ``date``) for headline, byline and date; a pasted text, which it does
not read, is handed to it as HTML, one ``<p>`` per line. Prints a markdown table; with
``--misses``, every field the desk got wrong, with what it found and what was expected.

A clipping expected to be refused is scored as one outcome, "refused", and a file holding
the article twice as its fields plus one outcome, "copies" (the later copy found a
duplicate of the first in the same import): see tests/clippings/corpus.py. Those rows
appear only when the corpus has such clippings, each with its own count.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        default=str(ROOT / "tests" / "clippings"),
        help="folder of clippings with their expected.json (default: tests/clippings)",
    )
    parser.add_argument("--misses", action="store_true", help="list every field got wrong")
    parser.add_argument("--json", help="write the per-clipping results here too")
    return parser.parse_args()


def trafilatura_alone(name: str, text: str) -> dict[str, str | None]:
    """Headline, byline and date as trafilatura finds them, in expected.json's form."""
    from trafilatura import bare_extraction

    from tests.clippings.corpus import tidy

    if not name.endswith(".html"):
        lines = (f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        text = f"<html><body>{''.join(lines)}</body></html>"
    found = bare_extraction(text, with_metadata=True)
    found = found.as_dict() if found is not None else {}
    return {
        "headline": tidy(found.get("title")),
        "byline": tidy(found.get("author")),
        "published_on": found.get("date") or None,
    }


def shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def main():
    args = arguments()
    folder = tempfile.mkdtemp(prefix="pressroom-bench-clippings-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

    from django.core.management import call_command

    from press.demo.loader import load_demo
    from tests.clippings import corpus

    # The corpus module reads its folder and expectations at call time: point it at ours.
    corpus.FOLDER = Path(args.corpus).resolve()
    expected = (corpus.FOLDER / "expected.json").read_text(encoding="utf-8")
    corpus.EXPECTED = json.loads(expected)["clippings"]
    try:
        shown_folder = corpus.FOLDER.relative_to(ROOT)
    except ValueError:
        shown_folder = corpus.FOLDER

    try:
        call_command("migrate", verbosity=0, interactive=False)
        load_demo()
        run = corpus.run()
        names = list(corpus.EXPECTED)
        baseline = {
            name: trafilatura_alone(name, (corpus.FOLDER / name).read_text(encoding="utf-8"))
            for name in names
        }
        results = {name: {} for name in names}
        for name in names:
            for field in corpus.scored(name):
                try:
                    found = run.value(name, field)
                except Exception as error:
                    found = f"{type(error).__name__}: {error}"
                results[name][field] = {
                    "found": found,
                    "expected": corpus.wanted(name, field),
                    "right": run.right(name, field),
                }
                if field in baseline[name]:
                    results[name][field]["trafilatura"] = baseline[name][field]
    finally:
        for path in Path(folder).iterdir():
            path.unlink()
        os.rmdir(folder)

    n = len(names)
    print(f"Coverage desk on {n} clippings ({shown_folder}/), field by field\n")
    uniform = all(set(results[name]) == set(corpus.FIELDS) for name in names)
    out_of = f" / {n}" if uniform else " / scored"  # a refusal or copies: rows differ
    print(f"| field | desk: right{out_of} | trafilatura alone: right{out_of} |")
    print("|---|---:|---:|")
    total = scored = 0
    for field in corpus.OUTCOMES:
        counted = [name for name in names if field in results[name]]
        if not counted:
            continue
        right = sum(results[name][field]["right"] for name in counted)
        total += right
        scored += len(counted)
        base = ""
        if field in ("headline", "byline", "published_on"):
            base_right = sum(
                results[name][field]["trafilatura"] == results[name][field]["expected"]
                for name in counted
            )
            base = f"{base_right} / {len(counted)}"
        print(f"| {field} | {right} / {len(counted)} | {base} |")
    print(f"| **all fields** | **{total} / {scored}** | |")
    clean = sum(all(r["right"] for r in results[name].values()) for name in names)
    print(f"\nClippings with every field right: {clean} / {n}.")

    if args.misses:
        print("\n| clipping | field | desk found | expected |")
        print("|---|---|---|---|")
        for name in names:
            for field, r in results[name].items():
                if not r["right"]:
                    print(f"| {name} | {field} | {shown(r['found'])} | {shown(r['expected'])} |")
    if args.json:
        Path(args.json).write_text(
            json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
