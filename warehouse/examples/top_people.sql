-- Who are the most-mentioned people? Persons by articles mentioning them, then mentions (top 20).
select name as person, count(distinct cluster_id) as articles, sum(mentions) filter (where is_canonical) as mentions
from entity_documents
where type = 'PERSON'
group by name
order by articles desc, mentions desc, person
limit 20;
