CREATE INDEX participants_search_trgm ON participants USING gin (search_key gin_trgm_ops);
DROP TRIGGER participant_search_update ON participants;
DROP TRIGGER participant_search_insert ON participants;
DROP TRIGGER participant_search_delete ON participants;
DROP FUNCTION participant_search_update();
DROP FUNCTION participant_search_insert();
DROP FUNCTION participant_search_delete();
DROP TABLE participant_search;
