"""Refuse XML documents that declare entities, before any XML parser expands them.

feedparser parses with expat (external entities off) and, when that fails, with
its own loose parser, which re-declares every "safe" plain-text entity it finds
at the start of a line and expands it without limit: one 100 KB entity used
20,000 times is a 2 GB title (quadratic blowup). Feeds and OPML have no need
for entity declarations, so a document that has any is refused, as defusedxml's
``forbid_entities`` does. The check runs expat over the prolog only (it stops at
the root element), with parameter entities off, so nothing is expanded or fetched.
"""

from __future__ import annotations

from xml.parsers import expat

_MARKERS = tuple("<!ENTITY".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))


class _RootReached(Exception):
    pass


class _EntityDeclared(Exception):
    pass


def entity_declaration(body: bytes) -> str | None:
    """Why ``body`` is refused (it declares an XML entity), or None when it declares none."""
    if not any(marker in body for marker in _MARKERS):
        return None  # the common case: no declaration can be there
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    declared: list[str] = []

    def on_entity(name: str, is_parameter: int, value: str | None, *rest: object) -> None:
        kind = "external" if value is None else "internal"
        declared.append(f"{'parameter ' if is_parameter else ''}{kind} entity {name!r}")
        raise _EntityDeclared

    def on_root(*args: object) -> None:
        raise _RootReached

    parser.EntityDeclHandler = on_entity
    parser.StartElementHandler = on_root
    try:
        parser.Parse(body, True)
    except _EntityDeclared:
        return f"declares an XML {declared[0]} (refused: entity expansion defence)"
    except _RootReached:
        return None  # the prolog is over and declared nothing
    except expat.ExpatError:
        # expat gave up before the root element; a lenient parser may still read
        # what follows, so a declaration anywhere counts
        return "declares XML entities in a broken prolog (refused: entity expansion defence)"
    return None
