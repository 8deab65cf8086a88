"""Page 7, quick wins: the scoring grid, ranking, impact/effort chart and their dialogs."""
