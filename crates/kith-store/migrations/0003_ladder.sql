-- The re-engagement ladder (issue 7): steps, each try of a step, and thought records.
-- Portable like 0001: instants are BIGINT seconds since 1970 with the user's UTC offset in
-- seconds beside them, ids are TEXT UUIDs, emotion words are one space-separated TEXT.
-- A step keeps its history when its person is removed (merged people are moved first).

CREATE TABLE step (
    id            TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES account (id),
    title         TEXT NOT NULL,
    person_id     TEXT REFERENCES person (id) ON DELETE SET NULL,
    mode          TEXT NOT NULL,
    difficulty    BIGINT NOT NULL,
    status        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    set_aside_at  BIGINT
);
CREATE INDEX step_by_account ON step (account_id, difficulty);
CREATE INDEX step_by_person ON step (person_id);

CREATE TABLE step_attempt (
    id                 TEXT PRIMARY KEY,
    account_id         TEXT NOT NULL REFERENCES account (id),
    step_id            TEXT NOT NULL REFERENCES step (id) ON DELETE CASCADE,
    predicted_at       BIGINT NOT NULL,
    predicted_offset   BIGINT NOT NULL,
    predicted_anxiety  BIGINT NOT NULL,
    expected           BIGINT,
    fear               TEXT,
    emotions_before    TEXT NOT NULL,
    outcome            TEXT NOT NULL,
    outcome_at         BIGINT,
    outcome_offset     BIGINT,
    felt_anxiety       BIGINT,
    went               BIGINT,
    felt               BIGINT,
    happened           TEXT,
    interaction_id     TEXT REFERENCES interaction (id),
    emotions_after     TEXT NOT NULL
);
CREATE INDEX step_attempt_by_step ON step_attempt (step_id);
CREATE INDEX step_attempt_by_time ON step_attempt (account_id, predicted_at);

CREATE TABLE thought_record (
    id                TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL REFERENCES account (id),
    at                BIGINT NOT NULL,
    at_offset         BIGINT NOT NULL,
    situation         TEXT NOT NULL,
    thought           TEXT NOT NULL,
    belief            BIGINT NOT NULL,
    evidence_for      TEXT,
    evidence_against  TEXT,
    kinder            TEXT,
    belief_after      BIGINT
);
CREATE INDEX thought_record_by_time ON thought_record (account_id, at);

-- Emotions named on an interaction (before and after) or on a check-in's day, kept apart
-- from those tables so they stay optional and 0001 stays as it was. Exactly one of
-- interaction_id and checkin_date is set.
CREATE TABLE emotions_named (
    account_id      TEXT NOT NULL REFERENCES account (id),
    interaction_id  TEXT REFERENCES interaction (id) ON DELETE CASCADE,
    checkin_date    TEXT,
    before_words    TEXT NOT NULL,
    after_words     TEXT NOT NULL,
    UNIQUE (account_id, interaction_id),
    UNIQUE (account_id, checkin_date)
);
