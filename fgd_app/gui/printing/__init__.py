"""Page 9, printing: the documents to tick, paper and folder, a print job beside the window."""
