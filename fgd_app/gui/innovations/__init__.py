"""Page 3, day-1 innovations: table, detail pane, quick-add line and the dimensions sidebar."""
