-- 0008 deleted records (tombstones): which record was deleted and when, so a deletion travels with the
-- file. The store writes a row here in the same transaction as the delete of any record keyed by a UUID
-- (also when an undo or redo deletes it) and removes it when the record comes back (an undo, or an
-- import with the same ID). `fgd-app merge` removes a deleted record from the consolidated database when
-- it was deleted after its last change there.
CREATE TABLE deleted_record (
    table_name TEXT NOT NULL CHECK (length(table_name) BETWEEN 1 AND 64),
    record_id  TEXT NOT NULL CHECK (length(record_id) BETWEEN 1 AND 64),
    deleted_at TEXT NOT NULL CHECK (deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'),
    PRIMARY KEY (table_name, record_id)
);
