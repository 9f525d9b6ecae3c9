-- The web app's own small secrets, such as the token in the calendar feed's address.
-- Portable between SQLite and PostgreSQL: TEXT keys and values, one row per name.
CREATE TABLE web_secret (
    account_id  TEXT NOT NULL REFERENCES account (id),
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
);
