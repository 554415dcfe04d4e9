-- A fingerprint of the request each idempotency key was committed with (docs/ARCHITECTURE.md § Offline): the
-- same key sent again with another body is refused instead of answered with the first one's answer. Additive:
-- one nullable column; keys recorded before it are checked by user, method and path only.
ALTER TABLE "idempotency_keys" ADD COLUMN "request_hash" text;