"""The notulen (minutes) of each workshop day."""
