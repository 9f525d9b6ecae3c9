-- Time away: spans of local days the person marks as away (a holiday, an illness, a stay in
-- hospital), which the insight rules leave out. Portable like 0001: local days are TEXT
-- 'YYYY-MM-DD', so they compare in calendar order as text; ids are TEXT UUIDs.

CREATE TABLE away (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES account (id),
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    note        TEXT
);
CREATE INDEX away_by_last_day ON away (account_id, last_day);
