-- The cleaning stage's output: one row per document whose body survived cleaning.
create table if not exists cleaned_documents (
    doc_id varchar primary key,
    source_path varchar not null,
    content_hash varchar not null,
    title varchar,
    outlet varchar,
    authors varchar[] not null,
    editors varchar[] not null,
    url varchar,
    published_at date,
    published_precision varchar,
    body varchar not null,
    script varchar not null,
    removed json not null       -- cleaning rule name -> characters removed
);
