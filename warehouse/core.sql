-- Tables every stage shares.

-- One row per input (or part of one) a stage refused, with a reason a person understands.
create table if not exists quarantine (
    source_path varchar not null,
    stage varchar not null,
    reason varchar not null,
    detected_at timestamp not null
);

-- Marks a document as done by a stage, even when the stage produced no rows for it.
create table if not exists stage_progress (
    doc_id varchar not null,
    stage varchar not null,
    done_at timestamp not null,
    primary key (doc_id, stage)
);

-- The per-shard Parquet outputs (`<warehouse>.lake/<stage>/shard-*.parquet`) this warehouse's tables hold: the
-- fingerprint of each shard's output when it was loaded. A shard whose output is newer is loaded again.
create table if not exists shard_loads (
    stage varchar not null,
    shard integer not null,
    fingerprint varchar not null,
    primary key (stage, shard)
);
