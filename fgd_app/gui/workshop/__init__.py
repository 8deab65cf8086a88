"""Page 1, the workshop data, and the new-workshop form."""
