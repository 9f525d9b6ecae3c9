-- "Not now": kinds of suggestion the person hid for a while, each up to and including a
-- local day (TEXT 'YYYY-MM-DD', which compares in calendar order as text). One row per
-- kind: saying "not now" again moves the day.

CREATE TABLE not_now (
    account_id  TEXT NOT NULL REFERENCES account (id),
    kind        TEXT NOT NULL,
    until_day   TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);
