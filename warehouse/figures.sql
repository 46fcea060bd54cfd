-- `figures` (contract table): one row per number with meaning in a canonical document's body or headline
-- (`field`: the text start_pos/end_pos point into, documents.body or documents.title).
-- Extra columns: `period` (month for 每月8美元 ...), and the bounds of the figure's sentence and clause,
-- which the entity link relies on (see zhnews/linking.py).
create table if not exists figures (
    doc_id varchar not null,
    kind varchar not null,            -- money | count | percent | date | duration
    surface varchar not null,
    value double,                     -- NULL for dates
    unit varchar,                     -- ISO 4217 for money, measure word for counts, % , time unit
    normalized varchar,               -- '151000000 USD', 'YYYY-MM', 'YYYY-Qn', 'P13M' ...
    approx boolean not null,
    metric varchar,                   -- revenue, loss, spend, valuation, funding, debt, price, headcount, users, other
    entity_id varchar,                -- refreshed from `mentions` on every run
    start_pos integer not null,
    end_pos integer not null,
    period varchar,
    sentence_start integer,
    sentence_end integer,
    clause_start integer,
    antecedent_start integer,         -- where its antecedent is looked for: 2 sentences back, when the figure's
                                      -- refers back (该公司) or is a valuation/funding without subject
    field varchar not null default 'body'  -- body | title
);
alter table figures add column if not exists clause_start integer;
alter table figures add column if not exists antecedent_start integer;
alter table figures add column if not exists field varchar default 'body';  -- older warehouses: body figures only

-- What each document's figures were last linked against: a fingerprint of its mentions (with their entity
-- type) and of the link rules. A document is re-linked only when its fingerprint changes.
create table if not exists figure_links (
    doc_id varchar not null,
    mentions_hash hugeint not null
);
