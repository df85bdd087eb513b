-- Answers to requests sent with an Idempotency-Key, written in the same transaction as the
-- command's events, so that a retried request records nothing new and gets the first answer.
CREATE TABLE idempotency_record (
    principal     VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    method        VARCHAR(10)  NOT NULL,
    path          VARCHAR(2000) NOT NULL,
    status        INTEGER,
    content_type  VARCHAR(255),
    location      VARCHAR(2000),
    body          BYTEA,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);
