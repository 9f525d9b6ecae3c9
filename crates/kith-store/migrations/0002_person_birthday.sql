-- A person's birthday, as a local day 'YYYY-MM-DD' (portable TEXT, ECOSYSTEM.md pitfall 3).
-- Filled by the vCard importer; NULL when unknown.
ALTER TABLE person ADD COLUMN birthday TEXT;
