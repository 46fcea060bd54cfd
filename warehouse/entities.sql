-- Entities stage. Candidates live in the lake, per shard (zhnews/entity_shards.py); `entities` and `mentions`
-- (contract tables) are rebuilt from every shard's surface counts and candidates when their inputs changed.
drop table if exists mention_candidates;  -- held the candidates before they moved to the lake (2026-12-05)
drop table if exists entity_rules;

create table if not exists entities (
    entity_id varchar not null,       -- hash of type and canonical name: stable across runs
    name varchar not null,            -- canonical name
    type varchar not null,            -- PERSON | ORG | PRODUCT | PLACE | MEDIA
    aliases varchar[] not null        -- every surface form seen for it
);

create table if not exists mentions (
    doc_id varchar not null,
    entity_id varchar not null,
    surface varchar not null,
    start_pos integer not null,       -- substr(body, start_pos + 1, end_pos - start_pos) = surface
    end_pos integer not null
);

-- Inputs of the last rebuild of `entities` and `mentions`; the same inputs again skip the rebuild.
create table if not exists entity_build (
    rules varchar not null,           -- extraction rules fingerprint
    aliases varchar not null,         -- fingerprint of the alias file and the resolver's code
    candidates varchar not null       -- fingerprint of every shard's candidates file (their inputs and code)
);
