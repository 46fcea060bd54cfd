-- Entities stage. `mention_candidates` holds what extraction found per canonical document (incremental);
-- `entities` and `mentions` (contract tables) are rebuilt from all candidates when their inputs changed.
create table if not exists mention_candidates (
    doc_id varchar not null,
    surface varchar not null,
    start_pos integer not null,       -- character offsets into documents.body, as for mentions
    end_pos integer not null,
    type varchar not null,            -- the type the mention's context suggests
    weight double not null,           -- how strongly (lexicon 10, cue words 2-3, shape 1-2.5, none 0.01)
    rule varchar not null,            -- the rule that found it (lexicon, left_cue, suffix_org, translit, ...)
    link varchar,                     -- surface of the entity this is another name of (abbreviation, translation)
    link_scope varchar                -- 'doc' or 'corpus': where that link holds
);

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

-- Fingerprint of the extraction rules the candidates were made with; a new one makes every document pending.
create table if not exists entity_rules (
    fingerprint varchar not null
);

-- Inputs of the last rebuild of `entities` and `mentions`; the same inputs again skip the rebuild.
create table if not exists entity_build (
    rules varchar not null,           -- extraction rules fingerprint
    aliases varchar not null,         -- fingerprint of the alias file and the resolver's code
    candidates varchar not null       -- count and xor of hashes of all mention_candidates rows
);
