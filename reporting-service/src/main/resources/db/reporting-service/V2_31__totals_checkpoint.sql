-- Checkpoints of the totals model behind GET /api/totals?asOf=: the state every count is made from
-- (registry, members, facts of each campaign, problems), folded from every audit_event recorded at or
-- before covers_until. An answer as of T loads the latest checkpoint at or before T and replays the
-- audit events after it, so it never replays more than about one checkpoint interval.
-- Invariant: a checkpoint holds every audit event recorded at or before covers_until. An event that
-- arrives late (recorded before an existing checkpoint) deletes, in its own transaction, every
-- checkpoint at or after its time; the builder re-creates them.
CREATE TABLE totals_checkpoint (
    checkpoint_id   BIGSERIAL   NOT NULL PRIMARY KEY,
    model_version   INTEGER     NOT NULL,   -- TotalsModel.VERSION: a checkpoint of another version is ignored
    covers_until    TIMESTAMPTZ NOT NULL,
    events_included BIGINT      NOT NULL,
    state           JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (model_version, covers_until)
);
CREATE INDEX totals_checkpoint_covers_until ON totals_checkpoint (covers_until);
