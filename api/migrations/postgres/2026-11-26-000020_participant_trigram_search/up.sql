-- Text search in the participant list is `search_key LIKE '%term%'`. Without an index PostgreSQL
-- evaluated it on every participant twice per request (the count and the page: two parallel
-- sequential scans, ~80 ms on 100,000 participants, issue 11). A trigram index answers the same
-- LIKE from the index: a name that matches a handful of people is found without reading the
-- table. pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+), so the
-- database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX participants_search_trgm ON participants USING gin (search_key gin_trgm_ops);
