-- Which entity leads each day? Per publication day, the most-mentioned entity (ties: by name) with its
-- mentions and articles; articles of unknown date are left out.
select day, name as entity, type, mentions, articles
from entity_mentions_daily
where day is not null
qualify row_number() over (partition by day order by mentions desc, name) = 1
order by day;
