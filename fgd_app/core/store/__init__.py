"""The workshop file underneath every area: the one writer (durable edits, undo/redo), what changed by
area, the numbered migrations, the known schema, SQL views, the data dictionary and the file check."""
