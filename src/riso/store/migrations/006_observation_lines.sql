-- riso data import: an imported row keeps its file name and line as two columns (the name repeats,
-- so both backends store it cheaply) instead of one unique 'file:line' string per row, which made
-- DuckDB spend most of a big import storing strings. source_row is computed as file:line on read.
ALTER TABLE observations ADD COLUMN file TEXT;
ALTER TABLE observations ADD COLUMN line INTEGER;
