"""Page 5, the roadmap drawn on the horizon with its budget summary."""
