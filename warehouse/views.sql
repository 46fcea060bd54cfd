-- Analyst views: the questions people ask of the warehouse, answered once so queries stay short.
-- Created (or replaced) by the asset `analyst_views` after every table they read is built. Each carries a
-- COMMENT ON VIEW: `select view_name, comment from duckdb_views() where not internal` lists them.

-- One row per article (duplicate cluster): its canonical copy, how many captures it has and where from.
create or replace view canonical_articles as
select
    c.cluster_id,
    c.doc_id,
    c.source_path,
    c.title,
    c.outlet,
    c.published_at,
    c.published_precision,
    length(c.body) as body_chars,
    m.copies,
    m.outlets,
    m.source_paths
from documents c
join (
    select
        cluster_id,
        count(*) as copies,
        list_sort(list_distinct(list(outlet))) as outlets,
        list_sort(list(source_path)) as source_paths
    from documents
    group by cluster_id
) m using (cluster_id)
where c.is_canonical;
comment on view canonical_articles is
    'One row per article (duplicate cluster): its canonical copy, copies = captures in the cluster (1 = no '
    'duplicate), outlets = distinct outlets over all captures, source_paths = every capture''s file.';

-- The clusters holding more than one capture, largest first when ordered by copies.
create or replace view duplicate_clusters as
select
    a.cluster_id,
    a.copies,
    a.title,
    a.outlets,
    a.source_paths,
    d.least_similarity,
    d.least_containment
from canonical_articles a
join (
    select cluster_id, min(similarity) as least_similarity, min(containment) as least_containment
    from duplicates
    group by cluster_id
) d using (cluster_id)
where a.copies > 1;
comment on view duplicate_clusters is
    'Clusters of more than one capture: copies, canonical title, outlets and files, and the least similar '
    'member''s Jaccard similarity and containment against the canonical copy (how far copies drift).';

-- One row per (entity, document) for every document mentioning an entity, copies included: mentions are
-- extracted from canonical copies only, and a copy inherits its canonical copy's entities.
create or replace view entity_documents as
with per_article as (
    select m.doc_id as canonical_id, m.entity_id, count(*) as mentions, min(m.surface) as surface
    from mentions m
    group by m.doc_id, m.entity_id
)
select
    e.entity_id,
    e.name,
    e.type,
    d.doc_id,
    d.source_path,
    d.title,
    d.outlet,
    d.published_at,
    d.cluster_id,
    d.is_canonical,
    p.mentions,
    p.surface
from per_article p
join documents c on c.doc_id = p.canonical_id
join documents d on d.cluster_id = c.cluster_id
join entities e on e.entity_id = p.entity_id;
comment on view entity_documents is
    'Every document mentioning an entity, one row per (entity, document), copies of an article included '
    '(they share their canonical copy''s mentions); mentions = occurrences in the canonical body.';

-- Mentions per entity and publication day of the article (canonical copies: each article counted once).
create or replace view entity_mentions_daily as
select
    d.published_at as day,
    e.entity_id,
    e.name,
    e.type,
    count(*) as mentions,
    count(distinct d.doc_id) as articles
from mentions m
join documents d on d.doc_id = m.doc_id
join entities e on e.entity_id = m.entity_id
group by all;
comment on view entity_mentions_daily is
    'Mentions of each entity per publication day (day NULL: the article''s date is unknown); articles = '
    'distinct articles (clusters) mentioning it that day, each counted once however many copies it has.';

-- Money figures of the bodies with the company they are about and the date they refer to (a headline's figures,
-- field 'title', have no entity and mostly repeat the body's).
create or replace view company_money as
with money as (
    select f.*, d.source_path, d.published_at, d.published_precision
    from figures f
    join documents d using (doc_id)
    where f.kind = 'money' and f.field = 'body'
),
sentence_dates as (
    select m.doc_id, m.start_pos, arg_min(t.normalized, abs(t.start_pos - m.start_pos)) as as_of
    from money m
    join figures t
        on t.doc_id = m.doc_id and t.kind = 'date' and t.normalized is not null and t.field = 'body'
        and t.sentence_start = m.sentence_start
    group by m.doc_id, m.start_pos
)
select
    e.name as company,
    e.type as company_type,
    coalesce(
        s.as_of,
        case m.published_precision
            when 'year' then strftime(m.published_at, '%Y')
            when 'month' then strftime(m.published_at, '%Y-%m')
            else strftime(m.published_at, '%Y-%m-%d')
        end
    ) as as_of,
    case when s.as_of is not null then 'sentence' when m.published_at is not null then 'published' end
        as date_from,
    m.metric,
    m.value,
    m.unit as currency,
    m.approx,
    m.surface,
    m.doc_id,
    m.source_path,
    m.start_pos
from money m
left join sentence_dates s using (doc_id, start_pos)
left join entities e on e.entity_id = m.entity_id;
comment on view company_money is
    'Money figures of the bodies (canonical copies) with the entity they are about (company NULL when the sentence ties '
    'them to none), metric, value and currency, and as_of: the nearest resolved date in the same sentence '
    '(date_from = sentence), else the publication date to its precision (date_from = published).';

-- Refusals grouped by stage and kind of reason (numbers in the reason replaced by N).
create or replace view quarantine_by_reason as
select
    stage,
    regexp_replace(reason, '[0-9]+(\.[0-9]+)?', 'N', 'g') as reason,
    count(*) as refusals,
    count(distinct source_path) as files,
    max(detected_at) as last_detected_at
from quarantine
group by all;
comment on view quarantine_by_reason is
    'Refusals per stage and kind of reason (the reason with its numbers replaced by N, so "3 undecodable '
    'bytes" and "5 undecodable bytes" count together): refusals, distinct files, and the latest refusal.';
