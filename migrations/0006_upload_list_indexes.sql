-- Upload lists sort by created_at, key, original_name, size or content_type and break ties
-- on key (both stores, either direction): an index on (column, key) lets SQLite walk it in
-- order and start a keyset page at the cursor instead of sorting the whole table for every
-- page. The content type index also serves the exact and family filters ("image/" is a
-- range on it). The search (part of the key or the name, any case) is a substring match,
-- which no index can serve. idx_uploads_created_at carried the rowid, not the key.
DROP INDEX IF EXISTS idx_uploads_created_at;
CREATE INDEX idx_uploads_created_at   ON uploads(created_at, key);
CREATE INDEX idx_uploads_name         ON uploads(original_name, key);
CREATE INDEX idx_uploads_size         ON uploads(size, key);
CREATE INDEX idx_uploads_content_type ON uploads(content_type, key);
