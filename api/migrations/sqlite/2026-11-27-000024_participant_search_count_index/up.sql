-- The participant list counts a unit's matches of its text search by reading every entry of the
-- unit in an index (`search_key LIKE '%term%'` cannot seek). The unit/name index that pages the
-- list in name order also carries names and ids; this one holds only what the count reads, half
-- as wide (8 instead of 16 MB on 100,000 participants), and SQLite's planner picks it for the
-- count. Same data, alternating runs: list at 2 connections p50 16.8-17.0 → 14.2-15.3 ms;
-- registrations write one index more (create at 16 connections 9,229-9,663 → 8,794-9,385 per
-- second), and the list is what staff use all day (issue 11). PostgreSQL counts through its
-- trigram index.
CREATE INDEX participants_unit_search ON participants(unit_id, search_key, protected_identity);
