-- A person's birthday, as a local day 'YYYY-MM-DD' (TEXT, which both databases read alike).
-- Filled by the vCard importer; NULL when unknown.
ALTER TABLE person ADD COLUMN birthday TEXT;
