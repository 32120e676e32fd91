DROP INDEX participants_unit_search;
