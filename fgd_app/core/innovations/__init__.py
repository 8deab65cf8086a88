"""Day-1 innovations: records, quick entry, search and near-duplicates, merging two into one."""
