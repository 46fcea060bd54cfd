"""Asset checks that validate each stage's table against its pandera schema (see zhnews/schemas.py).

A table is validated in chunks of about `chunk_rows` rows, each a range of a partition column
(`doc_id`, `cluster_id`, ...) read on its own, so every rule about rows sharing a value
(one canonical per cluster, one mention per span) sees all of them; uniqueness of other columns is
checked across chunks in SQL. Above `max_rows` rows, a deterministic sample of partition values is
validated. `mentions` and `figures` get their document's body joined in, one string per document.

Incremental: the asset checks validate only the partition values whose rows changed since the check last
passed. When a check passes, a fingerprint of each partition value's rows (the sum of the rows' hashes,
computed in SQL, with a key of the schema's rules) is stored in `schema_check_passes`; the next run
validates the partition values whose fingerprint differs (new, changed or corrupted rows, wherever they
are), so an unchanged warehouse costs one hashing pass in DuckDB instead of pandera over every row.
The whole table is validated when nothing is stored (first run, after a failure of every earlier run,
after the schema's rules change), or when the run has the tag `zhnews/full_check`. Uniqueness across the
table stays a whole-table SQL query.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import dagster as dg
import duckdb as duckdb_module
import pandas as pd
import pandera.pandas as pa
from dagster_duckdb import DuckDBResource

from assets.common import WRITER_POOL
from zhnews import schemas

FULL_CHECK_TAG = "zhnews/full_check"  # a run with this tag validates whole tables
SAMPLE_ROWS = 10
CELL_WIDTH = 60
SQL_TYPES = {
    "string[python]": "VARCHAR",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
    "datetime64[ns]": "TIMESTAMP",
}


@dataclass(frozen=True)
class TableCheck:
    """How to read a table for its schema: the query, the partition column, the chunk size."""

    table: str
    query: str
    partition: str
    blocking: bool
    chunk_rows: int = 20_000
    max_rows: int = 250_000  # above this, validate a sample of partition values
    with_body: bool = False  # attach documents.body by doc_id

    @property
    def schema(self) -> pa.DataFrameSchema:
        return schemas.SCHEMAS[self.table]


JOINED = """select t.*, d.is_canonical, e.type as entity_type from {table} t
            left join documents d using (doc_id) left join entities e on e.entity_id = t.entity_id"""

# Blocking where later stages read the table (a failure stops them in the same run); figures and
# quarantine feed only the report, so their failures are shown without stopping anything. Tables holding
# whole texts are read TEXT_CHUNK_ROWS rows at a time: pandera's fixed cost per chunk (2,000 rows: 0.12 s
# for documents) against the texts held at once (5,000 real articles: about 10 MB).
TEXT_CHUNK_ROWS = 5_000
TABLE_CHECKS = [
    TableCheck(
        "raw_documents", "select * from raw_documents", "source_path", blocking=True, chunk_rows=TEXT_CHUNK_ROWS
    ),
    TableCheck(
        "cleaned_documents", "select * from cleaned_documents", "source_path", blocking=True, chunk_rows=TEXT_CHUNK_ROWS
    ),
    TableCheck("duplicates", "select * from duplicates", "cluster_id", blocking=True),
    TableCheck("documents", "select * from documents", "cluster_id", blocking=True, chunk_rows=TEXT_CHUNK_ROWS),
    TableCheck("entities", "select * from entities", "entity_id", blocking=True),
    TableCheck("mentions", JOINED.format(table="mentions"), "doc_id", blocking=True, with_body=True),
    TableCheck("figures", JOINED.format(table="figures"), "doc_id", blocking=False, with_body=True),
    TableCheck("quarantine", "select * from quarantine", "source_path", blocking=False),
]


@dataclass
class Report:
    """What validating one table found."""

    rows: int = 0
    rows_in_scope: int = 0  # rows of the partition values validated (changed ones, when incremental)
    rows_validated: int = 0
    sample_every: int = 1  # 1: every row; k: the rows of one partition value in k
    chunks: int = 0
    failing_rows: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # reason -> failing rows
    sample: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.reasons

    def add(self, frame: pd.DataFrame, cases: pd.DataFrame) -> None:
        """Count a chunk's failures and keep a few failing rows as a sample."""
        per_row = schemas.row_reasons(cases)
        self.failing_rows += len(per_row)
        for reason in per_row.values():
            self.reasons.update(reason.split("; "))
        for case in cases[cases["index"].isna()].itertuples():
            self.reasons[f"{case.column or 'table'}: {schemas.phrase(case.check)}"] += 0
        for index, reason in list(per_row.items())[: SAMPLE_ROWS - len(self.sample)]:
            self.sample.append({**shown(frame.loc[index]), "reason": reason})


def shown(row: pd.Series) -> dict:
    """A row as the UI shows it: long texts cut, the joined body left out."""
    return {
        k: (v if len(str(v)) <= CELL_WIDTH else str(v)[:CELL_WIDTH] + "…")
        for k, v in row.items()
        if k not in ("body", "text")
    }


def attach_bodies(con, frame: pd.DataFrame) -> pd.DataFrame:
    """Join documents.body by doc_id: one string per document, shared by its rows; documents.title too when
    the rows place themselves in one of the two (a `field` column, as figures do)."""
    ids = frame["doc_id"].dropna().unique().tolist()
    texts = con.execute(
        "select doc_id, body, title from documents where doc_id in (select unnest(?::varchar[]))", [ids]
    ).fetchall()
    joined = frame.assign(body=frame["doc_id"].map({doc_id: body for doc_id, body, _ in texts}))
    if "field" in frame.columns:
        joined = joined.assign(title=frame["doc_id"].map({doc_id: title for doc_id, _, title in texts}))
    return joined


def sample_filter(check: TableCheck, sample_every: int, changed_only: bool = False) -> str:
    """SQL keeping the partition values whose hash falls in one bucket of `sample_every` (TRUE: all), and
    with `changed_only` those in the temp table `check_changed` (NULL partition values always)."""
    sample = f"hash(q.{check.partition}) % {sample_every} = 0" if sample_every > 1 else "true"
    if not changed_only:
        return sample
    p = f"q.{check.partition}"
    return f"{sample} and ({p} is null or {p}::varchar in (select part from check_changed))"


def schema_key(check: TableCheck) -> str:
    """The schema's columns and rules as text: a stored fingerprint counts only under the same rules."""
    schema = check.schema
    columns = [
        (n, str(c.dtype), c.nullable, c.unique, [k.error for k in c.checks]) for n, c in schema.columns.items()
    ]
    return repr((columns, [k.error for k in schema.checks], schema.unique))


def find_changed(con, check: TableCheck) -> None:
    """Fingerprint every partition value's rows (temp table `check_now`) and keep in `check_changed` the
    values whose fingerprint is not the one stored when the check last passed."""
    con.execute(
        "create table if not exists schema_check_passes "
        "(table_name varchar not null, schema_key varchar not null, part varchar, rows_hash hugeint not null)"
    )
    con.execute(
        f"""create or replace temp table check_now as
            select q.{check.partition}::varchar as part, sum(hash(q)::hugeint) as rows_hash
            from ({check.query}) q group by 1"""
    )
    con.execute(
        """create or replace temp table check_changed as
           select n.part from check_now n
           left join (select part, rows_hash from schema_check_passes where table_name = ? and schema_key = ?) o
             on o.part = n.part
           where o.rows_hash is distinct from n.rows_hash""",
        [check.table, schema_key(check)],
    )


def store_passed(con, check: TableCheck) -> None:
    """Remember the fingerprints of a table that passed, so the next run validates only what changes."""
    con.execute("delete from schema_check_passes where table_name = ?", [check.table])
    con.execute(
        "insert into schema_check_passes select ?, ?, part, rows_hash from check_now",
        [check.table, schema_key(check)],
    )


def chunk_bounds(
    con, check: TableCheck, sample_every: int, changed_only: bool = False
) -> list[tuple[object, object]]:
    """(first, last) partition values of each chunk of about `chunk_rows` rows; (None, None) for NULLs."""
    counts = con.execute(
        f"select q.{check.partition}, count(*) from ({check.query}) q "
        f"where {sample_filter(check, sample_every, changed_only)} group by 1 order by 1 nulls last"
    )
    bounds: list[tuple[object, object]] = []
    first = last = None
    size = 0
    for value, rows in counts.fetchall():
        if value is None:
            bounds.append((None, None))
            continue
        first = value if size == 0 else first
        last = value
        size += rows
        if size >= check.chunk_rows:
            bounds.append((first, last))
            size = 0
    if size:
        bounds.append((first, last))
    return bounds


def chunks(con, check: TableCheck, sample_every: int, changed_only: bool = False) -> Iterator[pd.DataFrame]:
    """The rows (of the sampled partition values), one chunk at a time, the body joined in if needed."""
    p, sample = f"q.{check.partition}", sample_filter(check, sample_every, changed_only)
    for first, last in chunk_bounds(con, check, sample_every, changed_only):
        sql = f"select * from ({check.query}) q where {sample} and "
        if first is None:
            frame = con.execute(sql + f"{p} is null").df()
        else:
            frame = con.execute(sql + f"{p} between ? and ?", [first, last]).df()
        yield attach_bodies(con, frame) if check.with_body else frame


def cross_chunk_duplicates(con, check: TableCheck) -> Counter[str]:
    """Uniqueness of columns other than the partition column, over the whole table (chunks cannot see it)."""
    keys = [[name] for name, column in check.schema.columns.items() if column.unique and name != check.partition]
    if check.schema.unique and check.partition not in check.schema.unique:
        keys.append(list(check.schema.unique))
    found: Counter[str] = Counter()
    for key in keys:
        columns = ", ".join(key)
        rows = con.execute(
            f"select count(*) from (select count(*) over (partition by {columns}) as n from ({check.query})) "
            "where n > 1"
        ).fetchone()[0]
        if rows:
            found[f"({columns}) must be unique across the table"] = rows
    return found


def validate_table(con, check: TableCheck, changed_only: bool = False) -> Report:
    """Validate a table against its schema in bounded chunks (a sample of partitions above `max_rows`);
    with `changed_only`, only the partition values whose rows changed since the check last passed."""
    report = Report()
    report.rows = report.rows_in_scope = con.execute(f"select count(*) from ({check.query})").fetchone()[0]
    if changed_only:
        find_changed(con, check)
        report.rows_in_scope = con.execute(
            f"select count(*) from ({check.query}) q where {sample_filter(check, 1, changed_only)}"
        ).fetchone()[0]
    report.sample_every = max(1, math.ceil(report.rows_in_scope / check.max_rows))
    for frame in chunks(con, check, report.sample_every, changed_only):
        report.chunks += 1
        report.rows_validated += len(frame)
        report.add(frame, schemas.failures(frame, check.schema))
    if report.chunks > 1 or report.sample_every > 1 or report.rows_in_scope < report.rows:
        duplicates = cross_chunk_duplicates(con, check)
        report.reasons.update(duplicates)
        report.failing_rows += sum(duplicates.values())
    return report


def markdown(frame: pd.DataFrame) -> dg.MetadataValue:
    return dg.MetadataValue.md(frame.to_markdown(index=False) if not frame.empty else "_none_")


def row_count(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def verdict(check: TableCheck, report: Report, reasons: pd.DataFrame) -> str:
    """What was checked and what was found, in a sentence: '5 rows, none changed since the last check ...'."""
    if report.passed and report.rows_validated == 0:
        if report.rows == 0:
            return f"{check.table} is empty: nothing to validate."
        return f"{row_count(report.rows)} of {check.table}, none changed since the last check: nothing to validate."
    checked = f"{row_count(report.rows_validated)} of {check.table}"
    if report.sample_every > 1:
        checked += f" (a sample of the {row_count(report.rows_in_scope)})"
    if report.rows_in_scope < report.rows:
        checked = f"the {checked} changed since the check last passed (of {row_count(report.rows)})"
    elif report.sample_every == 1:
        checked = f"all {checked}"
    if report.passed:
        return f"{checked[0].upper()}{checked[1:]} match the schema."
    checked = checked.removeprefix("all ")
    which = f"{report.failing_rows:,} of {checked} break" if report.failing_rows else f"{check.table} breaks"
    return f"{which[0].upper()}{which[1:]} the schema: {'; '.join(reasons['reason'].head(3))}"


def check_result(check: TableCheck, report: Report) -> dg.AssetCheckResult:
    """The check's verdict, with the failing row count, the reasons and a sample of failing rows."""
    reasons = pd.DataFrame(report.reasons.most_common(), columns=["reason", "failing_rows"])
    return dg.AssetCheckResult(
        passed=report.passed,
        severity=dg.AssetCheckSeverity.ERROR,
        description=verdict(check, report, reasons),
        metadata={
            "rows_checked": report.rows_validated,
            "rows_in_table": report.rows,
            "rows_changed": report.rows_in_scope,
            "sampled": f"1 in {report.sample_every} {check.partition} values" if report.sample_every > 1 else "no",
            "failing_rows": report.failing_rows,
            "reasons": markdown(reasons),
            "failing_sample": markdown(pd.DataFrame(report.sample)),
        },
    )


def run_check(con, check: TableCheck, changed_only: bool = False) -> dg.AssetCheckResult:
    """Validate `check.table` (only what changed since it last passed, with `changed_only`) and say how."""
    try:
        report = validate_table(con, check, changed_only)
        if report.passed:
            if not changed_only:
                find_changed(con, check)
            store_passed(con, check)
    except duckdb_module.CatalogException as err:  # the table (or one joined in) does not exist
        missing = str(err).splitlines()[0]
        return dg.AssetCheckResult(
            passed=False, description=f"{check.table} cannot be validated: {missing}", metadata={"error": missing}
        )
    return check_result(check, report)


def schema_check(check: TableCheck) -> dg.AssetChecksDefinition:
    """The Dagster asset check validating `check.table` against its pandera schema."""

    @dg.asset_check(
        asset=check.table,
        name="matches_schema",
        blocking=check.blocking,
        pool=WRITER_POOL,
        description=f"Every row of {check.table} satisfies zhnews.schemas ({check.schema.description}). "
        "Validates the rows changed since the check last passed (the whole table on its first run, after the "
        f"schema changes, or in a run tagged {FULL_CHECK_TAG})",
    )
    def matches_schema(context, duckdb: DuckDBResource) -> dg.AssetCheckResult:  # AssetCheckExecutionContext
        with duckdb.get_connection() as con:
            return run_check(con, check, changed_only=FULL_CHECK_TAG not in context.run.tags)

    return matches_schema


# ------------------------------------------------------------------ column schemas for the UI


def sql_type(column: pa.Column) -> str:
    return (column.metadata or {}).get("type") or SQL_TYPES.get(str(column.dtype), "VARCHAR")


def column_schema(table: str) -> dg.TableSchema:
    """The table's columns, types and rules as Dagster shows them (joined-in columns left out)."""
    schema = schemas.SCHEMAS[table]
    columns = [
        dg.TableColumn(
            name,
            type=sql_type(column),
            description=column.description,
            constraints=dg.TableColumnConstraints(
                nullable=column.nullable,
                unique=column.unique,
                other=[c.error for c in column.checks if c.error],
            ),
        )
        for name, column in schema.columns.items()
        if not (column.metadata or {}).get("joined")
    ]
    rules = [c.error for c in schema.checks if c.error]
    if schema.unique:
        rules.append(f"({', '.join(schema.unique)}) is unique")
    return dg.TableSchema(columns=columns, constraints=dg.TableConstraints(other=rules))


def column_schema_metadata(table: str) -> dict[str, dg.TableSchema]:
    """Asset metadata that shows the table's schema in the UI: `metadata=column_schema_metadata("x")`."""
    return {"dagster/column_schema": column_schema(table)}


def with_column_schemas(assets_defs: list) -> list:
    """The same assets, each with a pandera schema showing its column schema (for definitions.py)."""
    return list(
        dg.map_asset_specs(
            lambda spec: (
                spec.merge_attributes(metadata=column_schema_metadata(spec.key.path[-1]))
                if spec.key.path[-1] in schemas.SCHEMAS and "dagster/column_schema" not in spec.metadata
                else spec
            ),
            assets_defs,
        )
    )


checks: list[dg.AssetChecksDefinition] = [schema_check(c) for c in TABLE_CHECKS]
