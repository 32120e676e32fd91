DROP INDEX participants_search_trgm;
-- The extension stays: other objects may have come to depend on it.
