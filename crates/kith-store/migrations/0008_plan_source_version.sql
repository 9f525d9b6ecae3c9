-- Which version of the calendar event an imported plan was last written from: its SEQUENCE
-- and LAST-MODIFIED as '5/20260329T150000Z' (portable TEXT). A re-import of a newer version
-- moves or cancels the plan; an older or the same one changes nothing. NULL for plans that
-- did not come from a calendar, and for those imported before versions were kept.
ALTER TABLE plan ADD COLUMN source_version TEXT;
-- Birthdays (0002) may also be '--MM-DD', a day of the year without the year, in the same column.
