-- Which documents mention Stability AI, copies included? One row per document, not per mention.
-- Mentions are extracted from canonical copies; `entity_documents` gives each copy its article's entities.
-- Change the name (or match `list_contains(aliases, ...)` on entities) for another entity.
select source_path, title, outlet, published_at, is_canonical, mentions
from entity_documents
where name = 'Stability AI'
order by mentions desc, source_path;
