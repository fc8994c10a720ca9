"""Deployment profiles: pick one with SCRAPY_PROJECT=<name> (see scrapy.cfg)."""
