-- Up Migration

-- A search tests and ranks articles by their stored vector. Left to the default, nearly every
-- vector (about 1.5 kB, which hardly compresses) is moved out of line, and each test then reads
-- the TOAST index and table: three buffers an article instead of one. Kept in the row, testing
-- 100,000 articles took a third of the time. The body, which compresses well, leaves the row
-- first when it is too large. Applies to rows written from now on; older rows keep their vector
-- out of line until they are next updated.
alter table articles alter column search set storage main;

-- Down Migration

alter table articles alter column search set storage extended;
