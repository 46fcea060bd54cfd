-- Which companies are in the news in the corpus's latest week?
-- Organisations mentioned in articles published in the 7 days up to the latest publication date the
-- corpus holds (the corpus may be older than today), by articles, then mentions.
with latest as (select max(day) as last_day from entity_mentions_daily)
select name as company, sum(articles) as articles, sum(mentions) as mentions
from entity_mentions_daily, latest
where type = 'ORG' and day > last_day - interval 7 day
group by name
order by articles desc, mentions desc, company;
