"""Cost of one long document, per stage: does every stage stay linear in a single document's length?

usage: .venv/bin/python -m bench.long_document [--mb 0.1 1 4 16] [--shape paragraphs one-line] [--out bench/out]

For every size and shape: the bundled seeds plus one generated article of that many MB (10^6 bytes of
UTF-8), a fresh warehouse and Dagster instance, and the real command `dagster asset materialize` (through
`bench.run.run_pipeline`, which samples the memory of the whole process tree). A run of the seeds alone
gives each stage's cost without the article; the report shows each stage's seconds and the seconds per MB
of article beyond that run, which stay about constant when the stage is linear. `paragraphs` cuts the
article into paragraphs of about 600 characters; `one-line` is the same text on a single line.
Results go to OUT/long_document.json and OUT/long_document.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

from bench.run import ROOT, Run, run_pipeline

# General news sentences: a company, a person, a place, money, a count and a percentage. Numbers come from
# a counter, so no two sentences are equal (cleaning and dedupe see an article, not one repeated line).
SENTENCES = [
    "小米公司第{i}季度营收达到{n}亿元，同比增长{p}%。",
    "这一数字高于市场此前的预期，主要来自海外市场和高端产品。",
    "据新华社报道，华为在深圳的研发投入超过{n}亿美元，占营收的{p}%。",
    "行业数据显示，今年前{i}个季度的出货量为{n}万台。",
    "公司创始人雷军在北京表示，今年将再招聘{n}名工程师。",
    "分析人士认为，这家企业的估值约为{n}亿元，较去年上涨{p}个百分点。",
    "与此同时，上游零部件的价格在过去一年里有所回落。",
    "多家券商的研究报告预计，明年的增长速度将放缓。",
]
PARAGRAPH_SENTENCES = 12  # about 600 characters


def long_article(megabytes: float, one_line: bool) -> str:
    """An article of about `megabytes` MB of UTF-8, in paragraphs or on one line."""
    target = int(megabytes * 1e6)
    paragraphs, size, i = [], 0, 0
    while size < target:
        sentences = []
        for _ in range(PARAGRAPH_SENTENCES):
            template = SENTENCES[i % len(SENTENCES)]
            sentences.append(template.format(i=i % 4 + 1, n=1000 + i, p=i % 90 + 1))
            i += 1
        paragraph = "".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return ("" if one_line else "\n").join(paragraphs)


def seeds_with(folder: Path, article: str | None) -> Path:
    """A seeds folder: the bundled seeds, plus the article as `long.txt`."""
    seeds = folder / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    if article is not None:
        (seeds / "long.txt").write_text(article, encoding="utf-8")
    return seeds


def measure(megabytes: float, shape: str, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="zhnews-long-") as tmp:
        article = long_article(megabytes, shape == "one-line") if megabytes else None
        run: Run = run_pipeline(Path(tmp), seeds_with(Path(tmp), article), workers, f"long-{megabytes:g}-{shape}")
    return {"mb": megabytes, "shape": shape, "workers": workers, "run": asdict(run)}


def stage_seconds(result: dict) -> dict[str, float]:
    return {s["name"]: s["seconds"] for s in result["run"]["stages"]}


def report(results: list[dict]) -> str:
    """One table per shape: seconds per stage, seconds per MB beyond the seeds-only run, peak memory."""
    baseline = next(r for r in results if r["mb"] == 0)
    base = stage_seconds(baseline)
    names = list(base)
    lines = []
    for shape in dict.fromkeys(r["shape"] for r in results if r["mb"]):
        lines += [
            f"\n**{shape}** (asset step seconds; in brackets seconds per MB of article beyond the seeds-only run)\n",
            "| article MB | " + " | ".join(names) + " | end to end s | peak memory MB | run process MB |",
            "|---:|" + "---:|" * (len(names) + 3),
        ]
        for r in [baseline, *[r for r in results if r["shape"] == shape and r["mb"]]]:
            seconds = stage_seconds(r)
            cells = []
            for name in names:
                extra = f" ({(seconds.get(name, 0) - base[name]) / r['mb']:.2f})" if r["mb"] else ""
                cells.append(f"{seconds.get(name, 0):.1f}{extra}")
            run = r["run"]
            lines.append(
                f"| {r['mb']:g} | " + " | ".join(cells) + f" | {run['wall_seconds']:.1f} | {run['peak_mb']:.0f} | "
                f"{run['main_peak_mb']:.0f} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, nargs="+", default=[0.1, 1, 4, 16])
    parser.add_argument("--shape", nargs="+", choices=["paragraphs", "one-line"], default=["paragraphs", "one-line"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results = [measure(0, "seeds only", args.workers)]
    for shape in args.shape:
        for megabytes in args.mb:
            results.append(measure(megabytes, shape, args.workers))
            print(f"{shape} {megabytes:g} MB: {results[-1]['run']['wall_seconds']:.1f} s", flush=True)
    (args.out / "long_document.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    table = report(results)
    (args.out / "long_document.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
