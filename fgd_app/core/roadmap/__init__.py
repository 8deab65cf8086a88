"""The roadmap (peta jalan) and its budget summary, computed over plain data."""
