-- What each command of a keyed request returned, kept in that command's own transaction, so that a
-- retry after a crash between the command's commit and the keeping of its answer can rebuild the
-- answer without recording anything again (IdempotencyClaimInterceptor, IdempotencyFilter).
ALTER TABLE idempotency_record ADD COLUMN command_results JSONB NOT NULL DEFAULT '[]'::jsonb;
