"""`make sql`: an interactive, read-only SQL shell on the warehouse's read copy (no DuckDB CLI needed).

Statements end with `;` and may span lines. Dot commands: `.tables` (tables and views with their
comments), `.examples` (the query book in warehouse/examples), `.run NAME` (run one), `.quit`.
Reading from a pipe runs every statement and exits: `echo 'select count(*) from documents;' | make sql`.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb

from zhnews.settings import SQL_DIR, warehouse_path

EXAMPLES = SQL_DIR / "examples"
PROMPT, MORE = "zhnews> ", "   ...> "


def read_copy(database: Path) -> Path:
    """`warehouse/zhnews.duckdb` gives `warehouse/zhnews.read.duckdb` (written at the end of every run)."""
    return database.with_name(f"{database.stem}.read{database.suffix}")


def statements(lines: Iterable[str]) -> Iterator[str]:
    """Dot commands as they come, SQL statements once their `;` is read (a statement without one at the end)."""
    pending: list[str] = []
    for line in lines:
        if not pending and line.strip().startswith("."):
            yield line.strip()
            continue
        pending.append(line)
        if line.rstrip().endswith(";"):
            yield "\n".join(pending)
            pending = []
    if "".join(pending).strip():
        yield "\n".join(pending)


def tables(con: duckdb.DuckDBPyConnection) -> str:
    rows = con.execute(
        """select table_name, 'table', coalesce(comment, '') from duckdb_tables() where schema_name = 'main'
           union all
           select view_name, 'view', coalesce(comment, '') from duckdb_views() where not internal
               and schema_name = 'main'
           order by 2, 1"""
    ).fetchall()
    return "\n".join(f"{kind:5}  {name:28}  {comment}" for name, kind, comment in rows)


def examples() -> str:
    lines = []
    for path in sorted(EXAMPLES.glob("*.sql")):
        question = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("-- ")
        lines.append(f"{path.stem:28}  {question}")
    return "\n".join(lines)


def execute(con: duckdb.DuckDBPyConnection, command: str) -> str:
    """The text to print for one statement or dot command; errors are printed, not raised."""
    name, _, argument = command.partition(" ")
    if name == ".tables":
        return tables(con)
    if name == ".examples":
        return examples()
    if name == ".run":
        path = EXAMPLES / f"{argument.strip()}.sql"
        if not path.is_file():
            return f"no example {argument.strip()!r}: .examples lists them"
        command = path.read_text(encoding="utf-8")
    elif name.startswith("."):
        return f"unknown command {name}: .tables .examples .run NAME .quit"
    try:
        relation = con.sql(command)
    except duckdb.Error as err:
        return f"error: {err}"
    return "" if relation is None else str(relation)


def lines_from(stream, interactive: bool) -> Iterator[str]:
    """Input lines; interactively with a prompt (a continuation prompt inside a statement) and history."""
    if not interactive:
        yield from (line.rstrip("\n") for line in stream)
        return
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history for input())
    prompt = PROMPT
    while True:
        try:
            line = input(prompt)
        except EOFError:
            print()
            return
        yield line
        prompt = MORE if line.strip() and not line.rstrip().endswith(";") and not line.startswith(".") else PROMPT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", type=Path, help="default: the read copy of the warehouse")
    args = parser.parse_args(argv)
    database = args.database or read_copy(warehouse_path())
    if not database.is_file():
        print(f"{database} does not exist yet: run `make run` first", file=sys.stderr)
        return 1
    interactive = sys.stdin.isatty()
    with duckdb.connect(str(database), read_only=True) as con:
        if interactive:
            print(f"{database} (read-only). End statements with ';'. .tables .examples .run NAME .quit")
        for command in statements(lines_from(sys.stdin, interactive)):
            if command in (".quit", ".exit"):
                break
            output = execute(con, command)
            if output:
                print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
