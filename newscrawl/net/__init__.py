"""Network safety: which addresses a crawl may connect to."""
