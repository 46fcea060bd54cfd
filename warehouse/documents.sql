-- The contract table `documents`: one row per document taken in, duplicates included.
-- Rebuilt from `cleaned_documents` and the dedupe stage's `duplicates` on every run (pure SQL, fast).
-- A canonical copy's empty metadata is filled from the other copies of its cluster, most complete first.
create or replace table documents as
with joined as (
    select
        c.*,
        coalesce(d.cluster_id, c.doc_id) as cluster_id,
        coalesce(d.is_canonical, true) as is_canonical
    from cleaned_documents c
    left join duplicates d using (doc_id)
),
fill as (
    select
        cluster_id,
        arg_max(title, length(body)) filter (where title is not null) as title,
        arg_max(outlet, length(body)) filter (where outlet is not null) as outlet,
        arg_max(url, length(body)) filter (where url is not null) as url,
        arg_max(authors, length(body)) filter (where len(authors) > 0) as authors,
        arg_max({'at': published_at, 'precision': published_precision}, length(body))
            filter (where published_at is not null) as published
    from joined
    group by cluster_id
)
select
    j.doc_id,
    j.source_path,
    case when j.is_canonical then coalesce(j.title, f.title) else j.title end as title,
    case when j.is_canonical then coalesce(j.outlet, f.outlet) else j.outlet end as outlet,
    case when j.is_canonical and len(j.authors) = 0 then coalesce(f.authors, j.authors) else j.authors end
        as authors,
    j.editors,
    case when j.is_canonical then coalesce(j.url, f.url) else j.url end as url,
    case when j.is_canonical and j.published_at is null then f.published.at else j.published_at end
        as published_at,
    case when j.is_canonical and j.published_at is null then f.published.precision else j.published_precision end
        as published_precision,
    j.body,
    j.cluster_id,
    j.is_canonical,
    j.script,
    j.content_hash
from joined j
left join fill f using (cluster_id)
order by j.source_path;
