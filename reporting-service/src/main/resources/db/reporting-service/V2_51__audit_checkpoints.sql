-- Signed checkpoints of the audit trail (contracts/AUDIT-CHAIN.md): the RFC 6962 Merkle root over the
-- hashes of the trail's hashed events up to a position, signed with the service's Ed25519 key.
CREATE TABLE audit_checkpoint (
    position  BIGINT      NOT NULL PRIMARY KEY,   -- audit_event.position of the last event covered
    events    BIGINT      NOT NULL,               -- leaves: hashed events up to position
    root      CHAR(64)    NOT NULL,               -- lowercase hex
    signature TEXT        NOT NULL,               -- base64 Ed25519 over Checkpoint.signedText()
    made_at   TIMESTAMPTZ NOT NULL
);

-- The signing key, made once on first use. The private half never leaves this table; the public half is
-- GET /api/audit/key. A replay keeps this table (Replay.NOT_PROJECTED) but rebuilds audit_event, whose
-- positions it renumbers: the checkpoints start a new series with the rebuilt tables.
CREATE TABLE audit_signing_key (
    id          SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    algorithm   VARCHAR(20) NOT NULL,
    public_key  TEXT        NOT NULL,             -- base64 X.509 SubjectPublicKeyInfo
    private_key TEXT        NOT NULL,             -- base64 PKCS#8
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
