DROP TRIGGER participant_text_update;
DROP TRIGGER participant_text_delete;
DROP TRIGGER participant_text_insert;
DROP TABLE participant_text;
