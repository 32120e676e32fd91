DROP INDEX participants_birth;
