"""The File-menu commands of hand-over, review, consolidation and Excel/CSV, and their dialogs."""
