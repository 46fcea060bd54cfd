-- The contract table `documents`: one row per document taken in, duplicates included.
-- Built from `cleaned_documents` and the dedupe stage's `duplicates`, incrementally: only the clusters
-- touched since the last build are deleted and re-inserted (pure SQL).
-- A canonical copy's empty metadata is filled from the other copies of its cluster, most complete first.

-- What each row of `documents` was built from: a hash of its inputs. Its key column is `document`, not
-- `doc_id`, so forgetting a document leaves its row here and the next build refills its cluster.
create table if not exists documents_inputs (
    document varchar not null,
    cluster_id varchar not null,
    input_hash ubigint not null
);

create or replace temp table documents_inputs_now as
select
    c.doc_id as document,
    coalesce(d.cluster_id, c.doc_id) as cluster_id,
    hash(c.source_path, c.title, c.outlet, c.authors, c.editors, c.url, c.published_at, c.published_precision,
         c.body, c.script, c.content_hash, d.cluster_id, d.is_canonical) as input_hash
from cleaned_documents c
left join duplicates d using (doc_id);

-- Documents added, changed or gone since the last build, and the clusters they were or are in.
create or replace temp table documents_changed as
select document, n.cluster_id as new_cluster, o.cluster_id as old_cluster
from documents_inputs_now n
full join documents_inputs o using (document)
where n.input_hash is distinct from o.input_hash;

create or replace temp table documents_touched as
select new_cluster as cluster_id from documents_changed where new_cluster is not null
union
select old_cluster from documents_changed where old_cluster is not null;

create or replace temp view documents_built as
with joined as (
    select
        c.*,
        coalesce(d.cluster_id, c.doc_id) as cluster_id,
        coalesce(d.is_canonical, true) as is_canonical
    from cleaned_documents c
    left join duplicates d using (doc_id)
    where coalesce(d.cluster_id, c.doc_id) in (select cluster_id from documents_touched)
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
left join fill f using (cluster_id);

create table if not exists documents as select * from documents_built limit 0;

-- Out: the touched clusters, the changed documents wherever they were, and rows of no cleaned document.
delete from documents
where cluster_id in (select cluster_id from documents_touched)
   or doc_id in (select document from documents_changed)
   or doc_id not in (select doc_id from cleaned_documents);

insert into documents by name select * from documents_built;

delete from documents_inputs
where cluster_id in (select cluster_id from documents_touched)
   or document in (select document from documents_changed);

insert into documents_inputs
select * from documents_inputs_now where cluster_id in (select cluster_id from documents_touched);
