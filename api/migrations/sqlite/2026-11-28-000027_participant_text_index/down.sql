DROP TRIGGER participant_text_update_new;
DROP TRIGGER participant_text_update_old;
DROP TRIGGER participant_text_delete;
DROP TRIGGER participant_text_insert;
DROP VIEW participant_text_source;
DROP TABLE participant_text;
