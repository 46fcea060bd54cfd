-- Valuations and funding per company over time.
-- One row per money figure whose metric is valuation or funding, with the company it is about
-- (figures.entity_id -> entities; NULL when the sentence names no organisation before it) and the
-- date it refers to: the nearest resolved date in the same sentence, else the publication date
-- (to the precision the document gives). Conversions (13亿美元(约合人民币94.1亿)) give one row per currency.
with money as (
    select f.*, d.source_path, d.published_at, d.published_precision
    from figures f
    join documents d using (doc_id)
    where f.kind = 'money' and f.metric in ('valuation', 'funding')
),
sentence_dates as (
    select m.doc_id, m.start_pos, arg_min(t.normalized, abs(t.start_pos - m.start_pos)) as as_of
    from money m
    join figures t
        on t.doc_id = m.doc_id and t.kind = 'date' and t.normalized is not null
        and t.sentence_start = m.sentence_start
    group by m.doc_id, m.start_pos
)
select
    e.name as company,
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
    m.source_path
from money m
left join sentence_dates s using (doc_id, start_pos)
left join entities e on e.entity_id = m.entity_id
order by company nulls last, as_of nulls last, m.metric, m.source_path, m.start_pos;
