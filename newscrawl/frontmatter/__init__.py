"""Front-matter records: schema presets, stable IDs, safe slugs and YAML that round-trips.

Pure functions; :class:`newscrawl.pipelines.frontmatter.FrontMatterPipeline` applies
them to every item and :class:`newscrawl.posts.MarkdownPostExporter` writes the files.

    >>> from newscrawl.frontmatter import FrontMatterConfig, build_record, render_post
    >>> record = build_record(article, FrontMatterConfig(preset="wordpress"))
    >>> print(render_post(record, article.markdown))

Presets (``NEWSCRAWL_FRONTMATTER_PRESET``):

- ``jekyll`` (default): layout, title, date, last_modified_at, author, categories,
  excerpt, permalink, image, lang, canonical_url, original_link, id;
- ``hugo``: title, date, lastmod, draft, slug, url, description, authors,
  categories, images, canonical_url, original_link, id;
- ``wordpress``: the key set of the records newscrawl replaces: ID, post_title,
  author, post_date, post_excerpt, layout, permalink, published, original_cats,
  original_title, original_link, canonical_url.

Every preset adds ``record_version`` and ``supersedes`` to the record of a new
version of an article (2, 3, ...), never to a first one.

One idea a module, each importing only the ones above it in this list:

- ``config``: the presets and :class:`FrontMatterConfig`;
- ``values``: plain text, lists, dates and URLs as records hold them;
- ``identity``: what names an article across runs (``article_key``, ``article_id``);
- ``names``: slugs and post file names that cannot leave their folder;
- ``record``: the record of an article for a preset;
- ``yamltext``: YAML that keeps every scalar on one line;
- ``post``: a Markdown post's text, and reading one back.
"""

from newscrawl.frontmatter.config import PRESETS, FrontMatterConfig
from newscrawl.frontmatter.identity import article_id, article_key
from newscrawl.frontmatter.names import make_slug, post_filename, split_post_name
from newscrawl.frontmatter.post import parse_post, post_identity, render_post
from newscrawl.frontmatter.record import build_record
from newscrawl.frontmatter.values import clean_text, post_date
from newscrawl.frontmatter.yamltext import dump_yaml

__all__ = [
    "PRESETS",
    "FrontMatterConfig",
    "article_id",
    "article_key",
    "build_record",
    "clean_text",
    "dump_yaml",
    "make_slug",
    "parse_post",
    "post_date",
    "post_filename",
    "post_identity",
    "render_post",
    "split_post_name",
]
