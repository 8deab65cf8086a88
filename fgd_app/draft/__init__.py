"""Writing the masterplan draft: the Word document (python-docx) and its charts (Pillow); no Qt."""
