-- What reading changed in a document (issue 16: bounded work per document): a JSON list of notes such as
-- "part 3 of big.txt", "2 sentence(s) longer than 2000 characters were split". Same SQL on both backends.
ALTER TABLE documents ADD COLUMN notes TEXT;
