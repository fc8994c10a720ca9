"""The run report: a one-screen summary in the log and a JSON file per run.

- ``summary``: the report's content, built from the crawl's final stats.
- ``store``: where a report file goes (one function, so outputs can be routed).
- ``extension``: ``RunReportExtension``, which writes both when the crawl ends.
"""
