-- A row version that every update raises: the cache keeps only the newest version it has seen of
-- an item (src/lib/cache.ts), so a slow read of an older row cannot overwrite a newer one.
ALTER TABLE items ADD COLUMN version bigint NOT NULL DEFAULT 1;
