"""Writing the masterplan draft: the Word document (python-docx) and its charts (the PDF reports' drawings as PNG); no Qt."""
