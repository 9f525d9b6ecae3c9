-- Predictions on plans (issue 7): what the person expected of a plan (anxiety, and how it
-- would go, 0-10) and, once it happened, how it went. Kept beside the plan, one row at
-- most per plan, so plans without a prediction stay as they are. Portable like 0003:
-- instants are BIGINT seconds since 1970 with the user's UTC offset in seconds beside them.

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
CREATE INDEX plan_prediction_by_time ON plan_prediction (account_id, predicted_at);
