-- Accounts are a plain table, not an event-sourced aggregate: they are credentials, not facts of the
-- campaign. A password hash must never enter an append-only event store that is relayed to Kafka and
-- kept for ever, a disabled account must stop getting tokens at once (no projection lag), and nothing
-- downstream reads accounts. Who did what is recorded on every event as jingzhun_actor instead.
CREATE TABLE account (
    username        VARCHAR(64)  PRIMARY KEY,
    password_hash   VARCHAR(200) NOT NULL,
    role            VARCHAR(20)  NOT NULL,
    organization_id VARCHAR(100),
    disabled        BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ  NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    disabled_at     TIMESTAMPTZ
);

-- The token signing key (a private RSA JWK), generated on first use and kept so that tokens survive a
-- restart and every instance signs alike. One row; the slot's primary key makes the first insert win.
CREATE TABLE token_signing_key (
    slot       VARCHAR(20) PRIMARY KEY,
    jwk        TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
