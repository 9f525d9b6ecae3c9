-- A quick check-in asks only mood and the social battery, so energy, stress and what felt
-- affected may be left unanswered (NULL). Unanswered is kept apart from "nothing affected".
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt; the same text runs on
-- PostgreSQL. No other table refers to check-in rows.

CREATE TABLE checkin_answers (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES account (id),
    local_date      TEXT NOT NULL,
    at              BIGINT NOT NULL,
    at_offset       BIGINT NOT NULL,
    energy          BIGINT,
    mood            BIGINT NOT NULL,
    stress          BIGINT,
    capacity        BIGINT NOT NULL,
    alone_minutes   BIGINT,
    alone_restored  BOOLEAN,
    affected_sleep       BOOLEAN,
    affected_eating      BOOLEAN,
    affected_mood        BOOLEAN,
    affected_motivation  BOOLEAN,
    note            TEXT,
    UNIQUE (account_id, local_date)
);

INSERT INTO checkin_answers (id, account_id, local_date, at, at_offset, energy, mood, stress,
    capacity, alone_minutes, alone_restored, affected_sleep, affected_eating, affected_mood,
    affected_motivation, note)
SELECT id, account_id, local_date, at, at_offset, energy, mood, stress, capacity, alone_minutes,
    alone_restored, affected_sleep, affected_eating, affected_mood, affected_motivation, note
FROM checkin;

DROP TABLE checkin;

ALTER TABLE checkin_answers RENAME TO checkin;
