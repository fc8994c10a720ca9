"""Markdown posts on disk: one ``YYYY-MM-DD-slug.md`` file per article, written atomically.

Scrapy's FEEDS exporters write one stream per feed; a post per article needs its own
exporter. :class:`MarkdownPostExporter` owns the ``posts/`` folder: it gives each
article a file name that is stable across runs and replay (the same article gets the
same file again, a different article with the same slug gets a suffix) and writes
through a temporary file and a rename, so a crash never leaves half a post.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path

from newscrawl.frontmatter import make_slug, post_filename, post_identity, split_post_name

__all__ = ["MarkdownPostExporter"]

_TMP_PREFIX = ".tmp-newscrawl-"
_RESERVED = b"# newscrawl-id: "  # a post name reserved, its post not yet written
# a shared folder's reservation this old is a dead worker's: posts follow within seconds
STALE_RESERVATION_SECONDS = 600
# mkstemp creates 0600; posts are readable like every other output (less the umask)
_UMASK = os.umask(0)
os.umask(_UMASK)
POST_MODE = 0o666 & ~_UMASK
_GONE = "\0gone"  # not an article ID: marks a file deleted since open()


class MarkdownPostExporter:
    """Claims file names and writes posts under ``directory`` (usually ``<output>/posts``)."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        names_file: str | os.PathLike[str] | None = None,
        shared: bool = False,
    ) -> None:
        self.directory = Path(directory)
        # Several processes write this folder (distributed workers): names are reserved
        # by creating the file exclusively, and a reservation found at open() may be a
        # live worker's, about to become its post. Otherwise the folder is this run's.
        self.shared = shared
        # For a folder that is emptied behind us (a remote destination's spool): the
        # names and article IDs of posts written in earlier runs, one "name<TAB>id" a line.
        self.names_file = Path(names_file) if names_file is not None else None
        self._recorded: set[tuple[str, str]] = set()
        self._id_by_name: dict[str, str] = {}
        self._by_id: dict[str, tuple[str, str]] = {}  # article id -> (slug, file name)
        self._claimed: set[str] = set()  # slugs given to an article in this run
        self._on_disk: dict[str, list[str]] = {}  # slug -> file names found at open()
        self._file_ids: dict[str, str | None] = {}  # file name -> article id written in it
        self._root: Path | None = None  # the folder, resolved (set by open() or path())

    def open(self) -> None:
        """Create the folder and index the posts already in it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self._root = self.directory.resolve()
        self._on_disk.clear()
        for entry in os.scandir(self.directory):
            if entry.name.startswith(_TMP_PREFIX) and entry.is_file():
                # a half-written post from a run that was killed; its article is re-written
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                continue
            parsed = split_post_name(entry.name)
            if parsed and entry.is_file():
                if self._stale_reservation(entry):
                    continue  # a killed run's: its article is fetched and written again
                self._on_disk.setdefault(parsed[1], []).append(entry.name)
        if self.names_file is not None:
            self._load_names(self.names_file)

    def _load_names(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        for line in text.splitlines():
            name, _, article = line.partition("\t")
            parsed = split_post_name(name)
            if parsed is None or not article:
                continue
            self._recorded.add((name, article))
            self._file_ids[name] = article  # the last write of a name wins
            names = self._on_disk.setdefault(parsed[1], [])
            if name not in names:
                names.append(name)

    def _file_id(self, name: str) -> str | None:
        if name not in self._file_ids:
            try:
                with open(self.directory / name, encoding="utf-8", errors="replace") as fh:
                    self._file_ids[name] = post_identity(fh.read(4096))
            except FileNotFoundError:
                # gone since open() (a spool's uploader took it): the name is free again
                self._file_ids[name] = _GONE
            except OSError:
                self._file_ids[name] = None
        return self._file_ids[name]

    def claim(
        self, slug: str, date: datetime | None, article_id: str, new_version: bool = False
    ) -> tuple[str, str]:
        """The (slug, file name) this article uses; reserves them for it for the whole run.

        The bare slug goes to the first article that takes it; another article with the
        same slug gets ``slug-<6 hex digits of its ID>``. A post already on disk for the
        same article is reused, so a re-run or a replay overwrites instead of duplicating.
        A ``new_version`` of an article whose title (so slug) or date changed still
        overwrites the article's earlier post, found by its ID, and keeps its name.
        """
        if article_id in self._by_id:
            return self._by_id[article_id]
        earlier = self._find_post(article_id) if new_version else None
        if earlier is not None:
            self._claimed.add(earlier[0])
            self._by_id[article_id] = earlier
            self._id_by_name[earlier[1]] = article_id
            return earlier
        slug = make_slug(slug, max_length=200)  # defensive: only a-z, 0-9 and "-" pass
        candidates = [slug, f"{slug}-{article_id[:6]}", f"{slug}-{article_id}"]
        candidates += [f"{slug}-{article_id}-{n}" for n in range(2, 100)]
        for candidate in candidates:
            if candidate in self._claimed:
                continue
            names = sorted(n for n in self._on_disk.get(candidate, []) if self._file_id(n) != _GONE)
            if not names:
                name = post_filename(date, candidate)
                if self._reserve(name, article_id):
                    break
                continue  # another process (a distributed worker) took it meanwhile
            mine = [n for n in names if self._file_id(n) == article_id]
            if mine:
                name = mine[0]
                break
        else:  # pragma: no cover - 100 different articles with one slug and one id prefix
            raise RuntimeError(f"no free file name for slug {slug!r}")
        self._claimed.add(candidate)
        self._by_id[article_id] = (candidate, name)
        self._id_by_name[name] = article_id
        return candidate, name

    def _find_post(self, article_id: str) -> tuple[str, str] | None:
        """(slug, name) of the post already written for this article, if any.

        Reads the head of each post once per run, and only for new versions.
        """
        for slug, names in sorted(self._on_disk.items()):
            if slug in self._claimed:
                continue
            for name in sorted(names):
                if self._file_id(name) == article_id:
                    return slug, name
        return None

    def path(self, name: str) -> Path:
        """Absolute path of a post file; refuses any name that would leave the folder."""
        if split_post_name(name) is None or os.sep in name or (os.altsep and os.altsep in name):
            raise ValueError(f"unsafe post file name {name!r}")
        root = self._root
        if root is None:  # resolved once: each resolve() is an lstat per path component
            root = self._root = self.directory.resolve()
        target = root / name
        if target.is_symlink():  # root has no links left in it: only the name can be one
            target = target.resolve()
        if target.parent != root:
            raise ValueError(f"post file name {name!r} leaves {root}")
        return target

    def _reserve(self, name: str, article_id: str) -> bool:
        """Create ``name`` exclusively, marked with the article's ID; True if it is ours.

        Processes sharing the folder each index it once, at open(); the exclusive
        create is what keeps two of them from giving one name to two articles. A
        folder of one run (not ``shared``) has no other writer: the index taken at
        open() and this run's claims say which names are free, so nothing is created
        (a file and a syscall or more per article; open() already removes any
        reservation it finds there as a dead run's).
        """
        if not self.shared:
            self._file_ids[name] = article_id
            return True
        try:
            fd = os.open(self.path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, POST_MODE)
        except FileExistsError:
            if not self.path(name).is_file():
                return True  # not a post (a folder?): writing it fails, and says so
            self._file_ids.pop(name, None)
            return self._file_id(name) == article_id
        except OSError:
            return True  # folder gone, disk full: writing the post fails too, and says so
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(f"{_RESERVED.decode()}{article_id}\n")  # replaced by the post itself
        except OSError:  # a full disk: no empty post left behind; the write will say so
            with contextlib.suppress(OSError):
                os.unlink(self.path(name))
        self._file_ids[name] = article_id
        return True

    def write(self, name: str, text: str) -> Path:
        """Write a post atomically (temporary file in the same folder, then rename)."""
        target = self.path(name)
        fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=".md", dir=target.parent)
        try:
            os.fchmod(fd, POST_MODE)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            self._drop_reservation(target)
            raise
        self._record(name)
        return target

    def _stale_reservation(self, entry: os.DirEntry[str]) -> bool:
        """Remove a name reservation whose post was never written (its run was killed)."""
        try:
            info = entry.stat()
        except OSError:
            return False
        if info.st_size > len(_RESERVED) + 64:
            return False  # a post
        if self.shared and time.time() - info.st_mtime < STALE_RESERVATION_SECONDS:
            return False  # perhaps a live worker's, about to be written
        self._drop_reservation(Path(entry.path))
        return not os.path.exists(entry.path)

    @staticmethod
    def _drop_reservation(target: Path) -> None:
        """Remove a name reservation whose post could not be written: it is no post."""
        with contextlib.suppress(OSError):
            with open(target, "rb") as fh:
                head = fh.read(len(_RESERVED) + 64)
            # empty: the run died between creating the reservation and writing its line
            if not head or (head.startswith(_RESERVED) and head.count(b"\n") <= 1):
                os.unlink(target)

    def _record(self, name: str) -> None:
        article = self._id_by_name.get(name)
        if self.names_file is None or article is None or (name, article) in self._recorded:
            return
        self.names_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.names_file, "a", encoding="utf-8") as fh:
            fh.write(f"{name}\t{article}\n")
        self._recorded.add((name, article))
        self._file_ids[name] = article
