"""A seeds folder from the real news dumps: one file per JSONL record, `title + "\\n\\n" + text`.

usage: .venv/bin/python -m bench.realnews OUT_DIR [--bulk ../shared/realnews/bulk] [--every 1] [--offset 0]

File names are deterministic: `<source>/<id>.txt`, the id's characters that are not safe in a file name
replaced by `_`. `--every N --offset K` keeps records K, K+N, K+2N, … of every source (a slice with the
same mix of sources as the whole).
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the project; env ZHNEWS_REALNEWS_BULK names another place (a copy of the project elsewhere)
BULK = Path(os.environ.get("ZHNEWS_REALNEWS_BULK") or ROOT.parent / "shared" / "realnews" / "bulk")
UNSAFE = re.compile(r"[^0-9A-Za-z_.-]")


def file_name(source: str, record_id: str) -> str:
    """The seed file's path inside the folder for one record of one source."""
    return f"{source}/{UNSAFE.sub('_', record_id)}.txt"


def write_seeds(out: Path, bulk: Path = BULK, every: int = 1, offset: int = 0) -> list[Path]:
    """Write every `every`-th record (from `offset`) of each `bulk/*.jsonl` under `out`; the paths written."""
    if not any(bulk.glob("*.jsonl")):
        raise FileNotFoundError(f"no real news dumps (*.jsonl) in {bulk}: set ZHNEWS_REALNEWS_BULK")
    written = []
    for jsonl in sorted(bulk.glob("*.jsonl")):
        source = jsonl.stem
        (out / source).mkdir(parents=True, exist_ok=True)
        with jsonl.open(encoding="utf-8") as lines:
            for i, line in enumerate(lines):
                if i % every != offset % every:
                    continue
                record = json.loads(line)
                path = out / file_name(source, record["id"])
                text = f"{record['title']}\n\n{record['text']}"
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
                written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--bulk", type=Path, default=BULK)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()
    paths = write_seeds(args.out, args.bulk, args.every, args.offset)
    print(f"{len(paths)} files in {args.out}")


if __name__ == "__main__":
    main()
