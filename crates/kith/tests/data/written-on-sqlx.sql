-- A database as kith wrote it while its SQLite storage ran on sqlx (whose migrator kept the
-- bookkeeping in _sqlx_migrations): two people, two interactions, a plan, a check-in with
-- feelings named, a step and days away, written by kith's own commands at
-- 2026-12-01T18:00:00Z, then dumped with sqlite3's .dump. upgrade.rs reads it back.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE _sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    success BOOLEAN NOT NULL,
    checksum BLOB NOT NULL,
    execution_time BIGINT NOT NULL
);
INSERT INTO _sqlx_migrations VALUES(1,'initial','2026-12-04 14:37:51',1,X'73206688e37c1bf0f4dbe58d6ed3d1f8242010229eaa44983b4acb8f5e9d51f9800984cf31cad2ce9e0b261c3d02c77a',1632512);
INSERT INTO _sqlx_migrations VALUES(2,'person birthday','2026-12-04 14:37:51',1,X'8a0a998980e74cfe477dbce1d66f5cb30dbe663a1a93e51604ca2a0f21042bc94b6deda5843223719b3ec43cfcb2629d',563043);
INSERT INTO _sqlx_migrations VALUES(3,'ladder','2026-12-04 14:37:51',1,X'9c50927b3791958b0f94cfacec60befce48badd228cfcdfa393307fb9ba2ed77631718a0e454fd8f78f7f9d15937fbeb',1101410);
INSERT INTO _sqlx_migrations VALUES(4,'web','2026-12-04 14:37:51',1,X'f61e2fd74408eeb14821aa5b6790ecd4614e333cdba658db1aff9247076d52b20eae76f4e0b26f831075762e6552e12a',370508);
INSERT INTO _sqlx_migrations VALUES(5,'plan prediction','2026-12-04 14:37:51',1,X'e3f55cf28e3940e6ca004791bdbf4649a1d6b804dc595fa312aedf32364e2fc991effa15947e9d260295b80e0e05cc1a',529393);
INSERT INTO _sqlx_migrations VALUES(6,'away','2026-12-04 14:37:51',1,X'7b57f7eebf25a4f75904102f84b7642d6acbaa3e380ae4015ef896d868d5248d9196d33fae9b2a4fd06c51529be3e738',420943);
INSERT INTO _sqlx_migrations VALUES(7,'meaningful by time','2026-12-04 14:37:51',1,X'a125f628d8379d25a604358d2534049a987ccd31ed7c5e016f00e646793cee6129c58459448506b62b43b06c173f2066',396327);
INSERT INTO _sqlx_migrations VALUES(8,'plan source version','2026-12-04 14:37:51',1,X'ae4e73969c3527f46954eb85649ecb7efb91b94cadc496f7ac16e1682a466a2e98fd8cd396809475859dd31ac5e76473',621090);
INSERT INTO _sqlx_migrations VALUES(9,'not now','2026-12-04 14:37:51',1,X'bf07f3ae7a5867ddbc1895cd619985c822ceaba81e323f9018232953d2da3ab26e92a98d25e87ca8198b37f36527c872',337249);
INSERT INTO _sqlx_migrations VALUES(10,'quick checkin','2026-12-04 14:37:51',1,X'97eddaad8b386056455de816f4142ee3c0a2cfad07512e41319bd935331d92798ecc692412c7f535b85d919315ad3949',1724723);
INSERT INTO _sqlx_migrations VALUES(11,'interaction logged at','2026-12-04 14:37:51',1,X'1c9ea7005ce474c77e4f82702391bd505cfdc5654c2b443e1bcddfaf386844de3a49034db75141ab1cdda87ed96be2aa',727016);
CREATE TABLE account (
    id          TEXT PRIMARY KEY,
    created_at  BIGINT NOT NULL
);
INSERT INTO account VALUES('local',0);
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
    created_at     BIGINT NOT NULL, birthday TEXT,
    UNIQUE (account_id, name_key)
);
INSERT INTO person VALUES('ae016613-2840-4dad-857e-d699a04762bb','local','Ada Byron','ada byron','friend',NULL,NULL,0,NULL,1796148000,NULL);
INSERT INTO person VALUES('84cb8379-938b-4e35-b5b9-eb50e0c91017','local','Sam Lee','sam lee','friend',NULL,NULL,0,NULL,1796148000,NULL);
CREATE TABLE person_alias (
    account_id  TEXT NOT NULL REFERENCES account (id),
    person_id   TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    alias       TEXT NOT NULL,
    alias_key   TEXT NOT NULL,
    PRIMARY KEY (person_id, alias_key)
);
INSERT INTO person_alias VALUES('local','ae016613-2840-4dad-857e-d699a04762bb',0,'Ada','ada');
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
    source_id      TEXT, source_version TEXT,
    UNIQUE (account_id, source, source_id)
);
INSERT INTO "plan" VALUES('8e8516bb-c12d-4892-8078-def6cdc53174','local',1796410800,0,'in_person','84cb8379-938b-4e35-b5b9-eb50e0c91017',NULL,1796148000,'pending',NULL,NULL,NULL,'manual',NULL,NULL);
CREATE TABLE plan_person (
    plan_id     TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL REFERENCES person (id),
    account_id  TEXT NOT NULL REFERENCES account (id),
    position    BIGINT NOT NULL,
    PRIMARY KEY (plan_id, person_id)
);
INSERT INTO plan_person VALUES('8e8516bb-c12d-4892-8078-def6cdc53174','84cb8379-938b-4e35-b5b9-eb50e0c91017','local',0);
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
    plan_id     TEXT REFERENCES plan (id), logged_at BIGINT,
    UNIQUE (account_id, source, source_id)
);
INSERT INTO interaction VALUES('f9ff8e37-6de5-4e51-ab0a-e41c6e18eb10','local',1796148000,0,'2026-12-01',25,'voice','ae016613-2840-4dad-857e-d699a04762bb',NULL,2,1,'','long call about the garden',0,'manual',NULL,NULL,1796148000);
INSERT INTO interaction VALUES('da81714c-226c-4695-9616-c3d6854995e7','local',1796148000,0,'2026-12-01',NULL,'text','84cb8379-938b-4e35-b5b9-eb50e0c91017',NULL,-1,1,'',NULL,0,'manual',NULL,NULL,1796148000);
CREATE TABLE interaction_person (
    interaction_id  TEXT NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    person_id       TEXT NOT NULL REFERENCES person (id),
    account_id      TEXT NOT NULL REFERENCES account (id),
    position        BIGINT NOT NULL,
    at              BIGINT NOT NULL,
    PRIMARY KEY (interaction_id, person_id)
);
INSERT INTO interaction_person VALUES('f9ff8e37-6de5-4e51-ab0a-e41c6e18eb10','ae016613-2840-4dad-857e-d699a04762bb','local',0,1796148000);
INSERT INTO interaction_person VALUES('da81714c-226c-4695-9616-c3d6854995e7','84cb8379-938b-4e35-b5b9-eb50e0c91017','local',0,1796148000);
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
INSERT INTO step VALUES('5f0082a6-ffce-46d8-9726-9c8e9e0feb4d','local','Text Sam a hello','84cb8379-938b-4e35-b5b9-eb50e0c91017','text',3,'active',1796148000,NULL);
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
CREATE TABLE emotions_named (
    account_id      TEXT NOT NULL REFERENCES account (id),
    interaction_id  TEXT REFERENCES interaction (id) ON DELETE CASCADE,
    checkin_date    TEXT,
    before_words    TEXT NOT NULL,
    after_words     TEXT NOT NULL,
    UNIQUE (account_id, interaction_id),
    UNIQUE (account_id, checkin_date)
);
INSERT INTO emotions_named VALUES('local',NULL,'2026-12-01','','tired hopeful');
CREATE TABLE web_secret (
    account_id  TEXT NOT NULL REFERENCES account (id),
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
);
CREATE TABLE plan_prediction (
    plan_id            TEXT PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,
    account_id         TEXT NOT NULL REFERENCES account (id),
    predicted_at       BIGINT NOT NULL,
    predicted_offset   BIGINT NOT NULL,
    predicted_anxiety  BIGINT NOT NULL,
    expected           BIGINT,
    checked_at         BIGINT,
    checked_offset     BIGINT,
    felt_anxiety       BIGINT,
    went               BIGINT
);
CREATE TABLE away (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES account (id),
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    note        TEXT
);
INSERT INTO away VALUES('d670db84-4d7d-449d-8ad3-88a78e4f287f','local','2026-11-01','2026-11-03','Lisbon');
CREATE TABLE not_now (
    account_id  TEXT NOT NULL REFERENCES account (id),
    kind        TEXT NOT NULL,
    until_day   TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);
CREATE TABLE IF NOT EXISTS "checkin" (
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
INSERT INTO checkin VALUES('66e53317-a406-4f44-8dc6-854490ad7f36','local','2026-12-01',1796148000,0,2,3,4,2,120,0,1,0,0,0,'tired');
CREATE INDEX person_alias_by_key ON person_alias (account_id, alias_key);
CREATE INDEX plan_by_start ON plan (account_id, start_at);
CREATE INDEX plan_person_by_person ON plan_person (person_id);
CREATE INDEX interaction_by_time ON interaction (account_id, at);
CREATE INDEX interaction_person_by_person ON interaction_person (person_id, at);
CREATE INDEX step_by_account ON step (account_id, difficulty);
CREATE INDEX step_by_person ON step (person_id);
CREATE INDEX step_attempt_by_step ON step_attempt (step_id);
CREATE INDEX step_attempt_by_time ON step_attempt (account_id, predicted_at);
CREATE INDEX thought_record_by_time ON thought_record (account_id, at);
CREATE INDEX plan_prediction_by_time ON plan_prediction (account_id, predicted_at);
CREATE INDEX away_by_last_day ON away (account_id, last_day);
CREATE INDEX interaction_meaningful_by_time ON interaction (account_id, meaningful, at, at_offset);
CREATE INDEX interaction_by_logged_at ON interaction (account_id, logged_at);
COMMIT;
