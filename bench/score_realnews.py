"""Accuracy of the whole pipeline on real news: the blind gold of tests/fixtures/realnews, per source.

usage: .venv/bin/python -m bench.score_realnews [--warehouse FILE] [--only LIST] [--markdown] [--verbose] [--json OUT]

Copies tests/fixtures/realnews/seeds to a temporary seeds folder, materialises every asset and check into a
fresh DuckDB file in-process (as tests/conftest.py's Pipeline does; `--warehouse` scores an existing one
instead), scores each document with the shared scorer (../shared/tools/score_gold.py, `score_doc`) and prints
one row per source: cleaning (mean of boilerplate removed and content kept), both parts, metadata, entities
and figures precision / recall, averaged over the source's documents as the scorer averages over all.
A source is the file name's prefix before the first `_` (`twstat_...`), named by its folder in SOURCES.
Figures are the document's rows of `figures` of either field, body and headline (`field` 'title'), as the shared
scorer reads them (`select ... from figures where doc_id = ?`): the gold lists a headline's figures too.
`--only LIST` scores just the articles named in LIST (one file name a line, as tests/fixtures/realnews/picks/ holds
for each session's blind picks), e.g. the held-out ones. Without it, a second table gives one row per list of picks.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import duckdb

ROOT = Path(__file__).resolve().parents[1]
REALNEWS = ROOT / "tests" / "fixtures" / "realnews"
SCORER = ROOT.parent / "shared" / "tools" / "score_gold.py"
PICKS = REALNEWS / "picks"
SOURCES = {  # file name prefix -> folder of ../shared/realnews it was taken from
    "twstat": "tw_taiwanstat_2017",
    "ad2003": "tw_appledaily_2003",
    "adcharity": "tw_appledaily_charity_reports",
    "adcharity-html": "tw_appledaily_charity_pages",
    "xwlb": "cn_xinwenlianbo_2022_2026",
    "sogoucs": "cn_sogoucs_2012_sample",
    "sogouca": "cn_sogouca_2012_sample",
    "bdci19": "cn_bdci2019_finance",
    "t2049": "cn_terminus2049_md",
    "factset": "tw_cnyes_factset_pages",
    "dms": "tw_tech_business_pages_dms",
    "twnews": "tw_twnews_page_versions",
}
MEASURES = {  # column -> per-document key(s) of score_doc, averaged
    "cleaning": ("boilerplate_removed", "content_kept"),
    "boilerplate": ("boilerplate_removed",),
    "kept": ("content_kept",),
    "metadata": ("metadata",),
    "ent P": ("entity_precision",),
    "ent R": ("entity_recall",),
    "fig P": ("figure_precision",),
    "fig R": ("figure_recall",),
}
MISSES = ("left_boilerplate", "missed_keep", "missed_entities", "spurious_entities", "missed_figures")


def load_scorer(path: Path = SCORER) -> ModuleType:
    """The shared scorer as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source_of(file_name: str) -> str:
    """The source folder a gold file's article came from, by its name prefix."""
    prefix = file_name.split("_", 1)[0]
    return SOURCES.get(prefix, prefix)


def materialise(seeds: Path, warehouse: Path) -> Path:
    """Every asset and check of the project, run in-process on `seeds` into `warehouse`."""
    import dagster as dg

    import assets
    from pipelines.checks import checks
    from pipelines.resources import build_resources

    definitions = [
        *dg.load_assets_from_package_module(assets),
        *dg.load_asset_checks_from_package_module(assets),
        *checks,
    ]
    dg.materialize(definitions, resources=build_resources(seeds, warehouse), selection="*")
    return warehouse


def build_warehouse(workdir: Path, fixtures: Path = REALNEWS) -> Path:
    """A warehouse materialised from a copy of the fixtures' seeds under `workdir`."""
    seeds = workdir / "seeds"
    shutil.copytree(fixtures / "seeds", seeds)
    return materialise(seeds, workdir / "warehouse" / "zhnews.duckdb")


def score_documents(scorer: ModuleType, warehouse: Path, gold_dir: Path = REALNEWS / "gold") -> dict[str, dict]:
    """The scorer's report per gold document (as its main() computes it), with `found` and `source` added."""
    golds, _ = scorer.load_gold(gold_dir)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        docs = {Path(r["source_path"]).name: r for r in scorer.fetch_rows(con, "select * from documents")}
        canonical = {r["cluster_id"]: r for r in docs.values() if r["is_canonical"]}
        report = {}
        for name, gold in golds.items():
            doc = docs.get(name)
            canon = canonical.get(doc["cluster_id"]) if doc else None
            report[name] = scorer.score_doc(con, gold, doc, canon if canon is not doc else None)
            report[name].update(found=doc is not None, source=source_of(name))
    return report


def only(report: dict[str, dict], names: list[str]) -> dict[str, dict]:
    """The report's rows for the named articles alone (a name absent from the gold is an error)."""
    unknown = sorted(set(names) - set(report))
    if unknown:
        raise SystemExit(f"not in the gold: {unknown}")
    return {name: row for name, row in report.items() if name in set(names)}


def summarise(report: dict[str, dict]) -> dict[str, dict[str, float]]:
    """Mean of each measure per source, and over all documents under 'all'."""
    groups: dict[str, list[dict]] = {}
    for row in report.values():
        groups.setdefault(row["source"], []).append(row)
    groups = dict(sorted(groups.items()))
    groups["all"] = list(report.values())
    return {
        source: {"docs": len(rows)}
        | {
            column: sum(sum(r[k] for k in keys) / len(keys) for r in rows) / len(rows)
            for column, keys in MEASURES.items()
        }
        for source, rows in groups.items()
    }


def by_list(report: dict[str, dict], picks: Path = PICKS) -> dict[str, dict[str, float]]:
    """The measures over each list of picks (its file name: its articles' mean), for the lists whose articles all are
    in the report."""
    paths = sorted(picks.glob("*.txt"), key=lambda path: (len(path.name), path.name))  # session8 before session11
    lists = {path.name: path.read_text(encoding="utf-8").split() for path in paths}
    return {name: summarise(only(report, names))["all"] for name, names in lists.items() if set(names) <= set(report)}


def table(summary: dict[str, dict[str, float]], markdown: bool = False, label: str = "source") -> str:
    """The per-source (or per-`label`) table as aligned text or as Markdown."""
    head = [label, "docs", *MEASURES]
    rows = [[source, str(s["docs"]), *(f"{s[c]:.2f}" for c in MEASURES)] for source, s in summary.items()]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "| --- | " + " | ".join("---:" for _ in head[1:]) + " |"]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    aligned = [
        [r[0].ljust(widths[0]), *(cell.rjust(w) for cell, w in zip(r[1:], widths[1:], strict=True))]
        for r in [head, *rows]
    ]
    return "\n".join("  ".join(r) for r in aligned)


def misses(report: dict[str, dict], keys: tuple[str, ...] = MISSES) -> str:
    """What each document missed, one line per kind of miss."""
    return "\n".join(f"{name} {key}: {row[key]}" for name, row in report.items() for key in keys if row.get(key))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--warehouse", type=Path, help="score this warehouse instead of building one")
    parser.add_argument("--gold", type=Path, default=REALNEWS / "gold")
    parser.add_argument("--only", type=Path, help="score only the articles named in this file, one a line")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--verbose", action="store_true", help="also list each document's misses")
    parser.add_argument("--json", type=Path, help="write the per-document report and the summary here")
    args = parser.parse_args(argv)
    if not SCORER.exists():
        print(f"shared scorer not found at {SCORER}", file=sys.stderr)
        return 2
    scorer = load_scorer()
    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        warehouse = args.warehouse or build_warehouse(Path(tmp))
        report = score_documents(scorer, warehouse, args.gold)
    if args.only:
        report = only(report, args.only.read_text(encoding="utf-8").split())
    summary = summarise(report)
    print(table(summary, markdown=args.markdown))
    lists = {} if args.only else by_list(report)
    if lists:
        print("\n" + table(lists, markdown=args.markdown, label="list"))
    if args.verbose:
        print(misses(report))
    if args.json:
        args.json.write_text(
            json.dumps({"summary": summary, "docs": report}, ensure_ascii=False, indent=1, default=str),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
