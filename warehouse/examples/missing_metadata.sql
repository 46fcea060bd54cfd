-- Which articles lack a publication date, an outlet or a title? (What to fix in the seeds or the rules.)
select
    source_path,
    title is null as no_title,
    outlet is null as no_outlet,
    published_at is null as no_date,
    copies
from canonical_articles
where title is null or outlet is null or published_at is null
order by source_path;
