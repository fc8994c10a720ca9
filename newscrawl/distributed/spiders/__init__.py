"""The spiders of the distributed profile (its ``SPIDER_MODULES``)."""
