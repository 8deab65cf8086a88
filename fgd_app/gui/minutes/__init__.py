"""Page 8, the notulen of each day, and printing one day's notulen."""
