-- How much money is reported per company and metric? The largest amount, the number of figures and the
-- articles they come from, per company, metric and currency (amounts in different currencies stay apart).
select
    company,
    metric,
    currency,
    max(value) as largest,
    count(*) as figures,
    count(distinct doc_id) as articles
from company_money
where company is not null and value is not null
group by company, metric, currency
order by company, metric, currency;
