-- The dedupe stage. Every table has a doc_id column, so forgetting a document removes its rows.

-- One row per cleaned document: its duplicate cluster and whether it is the cluster's canonical copy.
-- cluster_id is the doc_id of the cluster's earliest-seen member (dedupe_seen, then doc_id), kept while that
-- member stays; the canonical copy changes only for one canonical_takeover times as long (rules/dedupe.yaml).
-- similarity (Jaccard) and containment (share of this copy inside the canonical one) are MinHash estimates against the canonical copy (1 and 1 for it).
create table if not exists duplicates (
    doc_id varchar not null,
    cluster_id varchar not null,
    is_canonical boolean not null,
    similarity double not null,
    containment double not null
);

-- Fingerprints of every document seen, so a new document is compared with these, not with the bodies.
create table if not exists dedupe_signatures (
    doc_id varchar not null,
    scheme varchar not null,        -- hash of the dedupe rules the row was made with
    body_digest ubigint,            -- DuckDB hash(body) of the cleaned body signed: tells a re-cleaned body
    body_hash varchar not null,     -- hash of the normalised body: equal for exact copies
    body_chars integer not null,    -- length of the cleaned body (the longest copy is canonical)
    n_shingles integer not null,    -- distinct character shingles of the normalised body
    minhash blob not null,          -- num_perm little-endian uint32 values
    figures varchar[] not null      -- numbers with their context, "left|right=number"
);

alter table dedupe_signatures add column if not exists body_digest ubigint;  -- warehouses made before it

-- LSH buckets: one row per document and band, the whole text's bands then its beginning's (rules/dedupe.yaml):
-- a new document's candidates are the stored documents sharing any of its buckets.
create table if not exists dedupe_buckets (
    doc_id varchar not null,
    bucket ubigint not null
);

-- Verified duplicate pairs, stored in both directions: when one side is forgotten, the other side's
-- row remains and tells the next run to re-evaluate that cluster.
create table if not exists dedupe_pairs (
    doc_id varchar not null,
    other_id varchar not null,
    jaccard double not null,
    containment double not null     -- share of the shorter text inside the longer
);

-- The dedupe pass that first saw each document (1, 2, ... counting passes that met new documents).
-- Kept when the dedupe rules change, so cluster ids and canonical copies survive a re-run from scratch;
-- all documents of a cold build share pass 1, and doc_id orders them.
create table if not exists dedupe_seen (
    doc_id varchar primary key,
    pass integer not null
);
