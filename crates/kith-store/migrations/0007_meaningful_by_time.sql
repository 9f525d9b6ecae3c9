-- Days with a meaningful connection are read by the moment and its offset, not the stored
-- calendar date, since a day begins at the person's day start (a call at 00:30 belongs to the
-- evening before). This index answers those reads alone, as the one it replaces did by date.
DROP INDEX interaction_by_day;
CREATE INDEX interaction_meaningful_by_time ON interaction (account_id, meaningful, at, at_offset);
