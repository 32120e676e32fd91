-- The participant list's text search on SQLite: a trigram index of every participant's search
-- key (FTS5, built into SQLite). `search_key LIKE '%term%'` cannot seek, so counting a search's
-- matches tested every entry of the caller's units (83,000 of the benchmark's 100,000: 9-15 ms a
-- search on 2 cores of an AMD EPYC, twice that at 2 connections, and the list's p99 over 30 ms);
-- here the term's trigrams are looked up and their posting lists intersected (2-5 ms).
--
-- Each row also carries a tag: one token of three characters from Unicode's private use area,
-- naming the participant's unit (its rowid, in base 6,400) and whether the identity is protected
-- (the first character), so a caller's units and visibility are one more posting list in the
-- same query instead of a lookup of every match in `participants` (which made an FTS5 index
-- slower than the scan in session 7). `store::participant_text` builds the same tags; the
-- tokenizer is case-sensitive because both sides are lowercased by `search_key` already, so a
-- match is exactly a substring, as `LIKE` finds on these keys.
--
-- Contentless (the text is in `participants`), so a removal must name the values it indexed:
-- the triggers below read them from `participant_text_source` before the row changes, in the
-- same transaction as the change. Rowids are
-- `participants.rowid`, which `VACUUM INTO` (backups) keeps.
CREATE VIRTUAL TABLE participant_text USING fts5(
    tag, search_key, tokenize = 'trigram case_sensitive 1', content = '', detail = full
);

-- Merge segments as soon as two of the same size exist (FTS5's default waits for four): a query
-- reads every segment's posting lists, and a bulk load of 100,000 people left a search's count
-- at 2.4 ms instead of 2.9 ms with the default (1.7 ms in one segment).
INSERT INTO participant_text(participant_text, rank) VALUES ('automerge', 2);

-- What the index holds for each participant, written once: the triggers below index and
-- unindex a participant's row of this view.
CREATE VIEW participant_text_source AS
SELECT p.rowid AS rowid,
       char(0xE000 + p.protected_identity, 0xE000 + u.rowid / 6400, 0xE000 + u.rowid % 6400) AS tag,
       p.search_key AS search_key
FROM participants p JOIN units u ON u.id = p.unit_id;

INSERT INTO participant_text(rowid, tag, search_key)
SELECT rowid, tag, search_key FROM participant_text_source;
-- The index of the participants registered so far in one segment (0.8 s on 100,000 people).
INSERT INTO participant_text(participant_text) VALUES ('optimize');

CREATE TRIGGER participant_text_insert AFTER INSERT ON participants BEGIN
    INSERT INTO participant_text(rowid, tag, search_key)
    SELECT rowid, tag, search_key FROM participant_text_source WHERE rowid = NEW.rowid;
END;

-- A removal names the values indexed, read before the row goes (or changes).
CREATE TRIGGER participant_text_delete BEFORE DELETE ON participants BEGIN
    INSERT INTO participant_text(participant_text, rowid, tag, search_key)
    SELECT 'delete', rowid, tag, search_key FROM participant_text_source WHERE rowid = OLD.rowid;
END;

-- Only when an indexed value changes: a new phone number costs nothing.
CREATE TRIGGER participant_text_update_old BEFORE UPDATE ON participants
WHEN OLD.search_key IS NOT NEW.search_key
  OR OLD.unit_id IS NOT NEW.unit_id
  OR OLD.protected_identity IS NOT NEW.protected_identity
BEGIN
    INSERT INTO participant_text(participant_text, rowid, tag, search_key)
    SELECT 'delete', rowid, tag, search_key FROM participant_text_source WHERE rowid = OLD.rowid;
END;

CREATE TRIGGER participant_text_update_new AFTER UPDATE ON participants
WHEN OLD.search_key IS NOT NEW.search_key
  OR OLD.unit_id IS NOT NEW.unit_id
  OR OLD.protected_identity IS NOT NEW.protected_identity
BEGIN
    INSERT INTO participant_text(rowid, tag, search_key)
    SELECT rowid, tag, search_key FROM participant_text_source WHERE rowid = NEW.rowid;
END;
