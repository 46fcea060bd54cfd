-- Valuations and funding per company over time.
-- One row per money figure whose metric is valuation or funding, with the company it is about
-- (figures.entity_id -> entities; NULL when the sentence names no organisation before it) and the
-- date it refers to: the nearest resolved date in the same sentence, else the publication date
-- (to the precision the document gives). Conversions (13亿美元(约合人民币94.1亿)) give one row per currency.
-- The logic lives in the view `company_money` (warehouse/views.sql).
select company, as_of, date_from, metric, value, currency, approx, surface, source_path
from company_money
where metric in ('valuation', 'funding')
order by company nulls last, as_of nulls last, metric, source_path, start_pos;
