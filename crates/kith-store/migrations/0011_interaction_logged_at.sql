-- When an interaction was written down (not when it happened), for entries typed by hand:
-- "undo" takes back the last one, and the same entry typed twice within minutes is caught.
-- NULL for imported interactions and for those logged before this column existed.

ALTER TABLE interaction ADD COLUMN logged_at BIGINT;
CREATE INDEX interaction_by_logged_at ON interaction (account_id, logged_at);
