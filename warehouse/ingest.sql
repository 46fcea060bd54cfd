-- Every file seen under the seeds folder, so unchanged files are not read again.
create table if not exists seed_files (
    source_path varchar primary key,
    size_bytes bigint not null,
    mtime_ns bigint not null,
    content_hash varchar not null,
    doc_id varchar,              -- NULL when the whole file was refused
    seen_at timestamp not null
);

-- The decoded text of each file taken in (front matter removed, HTML reduced to its main text).
create table if not exists raw_documents (
    doc_id varchar primary key,
    source_path varchar not null,
    content_hash varchar not null,
    fmt varchar not null,
    encoding varchar not null,
    text varchar not null,
    meta json not null,
    size_bytes bigint not null,
    ingested_at timestamp not null
);
