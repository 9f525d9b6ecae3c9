-- kith's schema, portable between SQLite and PostgreSQL (the types both read alike):
-- instants are BIGINT seconds since 1970 with the user's UTC offset in seconds beside them,
-- local days are TEXT 'YYYY-MM-DD', ids are TEXT UUIDs, flags are BOOLEAN.
-- Every row carries the account it belongs to; local mode has the one account 'local'.
-- Interactions and plans keep their people twice: as a space-separated list of ids in the
-- row (read with the row, in order, at no extra cost) and as link rows (for look-ups by
-- person and for foreign keys). Both are written in the same transaction.

CREATE TABLE account (
    id          TEXT PRIMARY KEY,
    created_at  BIGINT NOT NULL
);
INSERT INTO account (id, created_at) VALUES ('local', 0);

CREATE TABLE person (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES account (id),
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    circle         TEXT NOT NULL,
    cadence_days   BIGINT,
    note           TEXT,
    archived       BOOLEAN NOT NULL,
    snoozed_until  TEXT,
    created_at     BIGINT NOT NULL,
    UNIQUE (account_id, name_key)
);

CREATE TABLE person_alias (
    account_id  TEXT NOT NULL REFERENCES account (id),
    person_id   TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    alias       TEXT NOT NULL,
    alias_key   TEXT NOT NULL,
    PRIMARY KEY (person_id, alias_key)
);
CREATE INDEX person_alias_by_key ON person_alias (account_id, alias_key);

CREATE TABLE plan (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES account (id),
    start_at       BIGINT NOT NULL,
    start_offset   BIGINT NOT NULL,
    mode           TEXT NOT NULL,
    people         TEXT NOT NULL,
    note           TEXT,
    created_at     BIGINT NOT NULL,
    outcome        TEXT NOT NULL,
    outcome_at     BIGINT,
    interaction_id TEXT,
    moved_from     TEXT REFERENCES plan (id),
    source         TEXT NOT NULL,
    source_id      TEXT,
    UNIQUE (account_id, source, source_id)
);
CREATE INDEX plan_by_start ON plan (account_id, start_at);

CREATE TABLE plan_person (
    plan_id     TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL REFERENCES person (id),
    account_id  TEXT NOT NULL REFERENCES account (id),
    position    BIGINT NOT NULL,
    PRIMARY KEY (plan_id, person_id)
);
CREATE INDEX plan_person_by_person ON plan_person (person_id);

CREATE TABLE interaction (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES account (id),
    at          BIGINT NOT NULL,
    at_offset   BIGINT NOT NULL,
    local_date  TEXT NOT NULL,
    minutes     BIGINT,
    mode        TEXT NOT NULL,
    people      TEXT NOT NULL,
    initiator   TEXT,
    felt        BIGINT,
    meaningful  BOOLEAN NOT NULL,
    tags        TEXT NOT NULL,
    note        TEXT,
    unanswered  BIGINT NOT NULL,
    source      TEXT NOT NULL,
    source_id   TEXT,
    plan_id     TEXT REFERENCES plan (id),
    UNIQUE (account_id, source, source_id)
);
CREATE INDEX interaction_by_time ON interaction (account_id, at);
CREATE INDEX interaction_by_day ON interaction (account_id, meaningful, local_date);

CREATE TABLE interaction_person (
    interaction_id  TEXT NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    person_id       TEXT NOT NULL REFERENCES person (id),
    account_id      TEXT NOT NULL REFERENCES account (id),
    position        BIGINT NOT NULL,
    at              BIGINT NOT NULL,
    PRIMARY KEY (interaction_id, person_id)
);
CREATE INDEX interaction_person_by_person ON interaction_person (person_id, at);

CREATE TABLE checkin (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES account (id),
    local_date      TEXT NOT NULL,
    at              BIGINT NOT NULL,
    at_offset       BIGINT NOT NULL,
    energy          BIGINT NOT NULL,
    mood            BIGINT NOT NULL,
    stress          BIGINT NOT NULL,
    capacity        BIGINT NOT NULL,
    alone_minutes   BIGINT,
    alone_restored  BOOLEAN,
    affected_sleep       BOOLEAN NOT NULL,
    affected_eating      BOOLEAN NOT NULL,
    affected_mood        BOOLEAN NOT NULL,
    affected_motivation  BOOLEAN NOT NULL,
    note            TEXT,
    UNIQUE (account_id, local_date)
);
