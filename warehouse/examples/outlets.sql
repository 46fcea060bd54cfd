-- Which outlets publish most, and how many of their articles were captured more than once?
select
    coalesce(outlet, '(unknown)') as outlet,
    count(*) as articles,
    count(*) filter (where copies > 1) as articles_with_copies,
    sum(copies)::integer as captures
from canonical_articles
group by all
order by articles desc, outlet;
