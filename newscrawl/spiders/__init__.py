"""newscrawl spiders."""
