"""Start-up: what a crawl imports and how (modules it does not use are not loaded)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from scrapy.settings import Settings

from newscrawl.addon import NewscrawlAddon
from newscrawl.addonsettings import set_component

ROOT = Path(__file__).resolve().parents[1]
REMOTE_CONTROL = "scrapy.extensions.remote_control.RemoteControl"
TELNET = "scrapy.extensions.telnet.TelnetConsole"


def run_python(code: str) -> dict:
    """Run ``code`` in a fresh interpreter (nothing imported yet); it prints one JSON line."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_http11_handler_imported_without_inspect_stack_and_aliases_unchanged() -> None:
    result = run_python(
        """
        import inspect, json, warnings
        calls = []
        real_stack = inspect.stack
        inspect.stack = lambda *a, **k: calls.append(1) or real_stack(*a, **k)
        from newscrawl.quickimport import import_http11_handler
        import_http11_handler()
        from scrapy.core.downloader import contextfactory, tls
        from scrapy.utils import deprecate
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            class Mine(contextfactory.ScrapyClientContextFactory):
                pass
        print(json.dumps({
            "stack_calls": len(calls),
            "restored": deprecate.inspect is inspect,
            "modules": [
                contextfactory.ScrapyClientContextFactory.__module__,
                contextfactory.AcceptableProtocolsContextFactory.__module__,
                tls.ScrapyClientTLSOptions.__module__,
            ],
            "warned": [str(w.message) for w in caught],
        }))
        """
    )
    assert result["stack_calls"] == 0
    assert result["restored"]
    assert result["modules"] == [
        "scrapy.core.downloader.contextfactory",
        "scrapy.core.downloader.contextfactory",
        "scrapy.core.downloader.tls",
    ]
    # the aliases still warn their users, naming the alias where it is defined
    assert any(
        "scrapy.core.downloader.contextfactory.ScrapyClientContextFactory" in w
        for w in result["warned"]
    )


def test_plain_import_of_the_handler_does_call_inspect_stack() -> None:
    # what the quick import avoids: without it Scrapy walks the stack three times
    result = run_python(
        """
        import inspect, json
        calls = []
        real_stack = inspect.stack
        inspect.stack = lambda *a, **k: calls.append(1) or real_stack(*a, **k)
        import scrapy.core.downloader.handlers.http11
        print(json.dumps({"stack_calls": len(calls)}))
        """
    )
    assert result["stack_calls"] >= 1


def test_crawler_start_up_does_not_import_disabled_extensions_or_the_cleaning_stack(
    tmp_path: Path,
) -> None:
    result = run_python(
        f"""
        import json, os, sys
        os.environ["SCRAPY_SETTINGS_MODULE"] = "settings.local"
        from scrapy.utils.reactor import install_reactor
        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
        from scrapy.extension import ExtensionManager
        from scrapy.pipelines import ItemPipelineManager
        from scrapy.utils.project import get_project_settings
        from scrapy.utils.test import get_crawler
        from newscrawl.config import check_settings
        from newscrawl.spiders.feeds import FeedSpider
        settings = get_project_settings()
        settings.set("NEWSCRAWL_OUTPUT_DIR", {str(tmp_path)!r}, priority="cmdline")
        settings.set("NEWSCRAWL_EXTRACT", False, priority="cmdline")
        check_settings(settings)  # what `scrapy crawl` runs first
        crawler = get_crawler(FeedSpider, settings.copy_to_dict())  # add-ons applied
        ExtensionManager.from_crawler(crawler)
        ItemPipelineManager.from_crawler(crawler)
        print(json.dumps({{
            "aiohttp": "aiohttp" in sys.modules,
            "remote_control": "scrapy.extensions.remote_control" in sys.modules,
            "clean": "newscrawl.clean" in sys.modules,
            "bs4": "bs4" in sys.modules,
            "pebble": "pebble" in sys.modules,
        }}))
        """
    )
    assert result == {
        "aiohttp": False,
        "remote_control": False,
        "clean": False,
        "bs4": False,
        "pebble": False,
    }


def test_addon_leaves_out_extensions_whose_setting_is_off() -> None:
    settings = Settings({"REMOTE_CONTROL_ENABLED": False, "TELNETCONSOLE_ENABLED": False})
    NewscrawlAddon().update_settings(settings)
    base = settings.getdict("EXTENSIONS_BASE")
    assert REMOTE_CONTROL not in base and TELNET not in base
    assert "scrapy.extensions.corestats.CoreStats" in base


def test_addon_keeps_extensions_whose_setting_is_on() -> None:
    settings = Settings({"REMOTE_CONTROL_ENABLED": True, "TELNETCONSOLE_ENABLED": True})
    NewscrawlAddon().update_settings(settings)
    base = settings.getdict("EXTENSIONS_BASE")
    assert base[REMOTE_CONTROL] == 0 and base[TELNET] == 0


def test_set_component_imports_no_other_listed_path() -> None:
    # Scrapy's set_in_component_priority_dict imports every string key: this one
    # would fail, and a disabled extension's module would be loaded for nothing
    settings = Settings({"EXTENSIONS": {"no.such.module.Extension": None}})
    set_component(settings, "EXTENSIONS", "newscrawl.statsfile.StatsFileExtension", 7)
    extensions = settings.getdict("EXTENSIONS")
    assert extensions["no.such.module.Extension"] is None
    assert [v for k, v in extensions.items() if not isinstance(k, str)] == [7]


def test_set_component_replaces_the_same_component_given_by_path() -> None:
    path = "newscrawl.statsfile.StatsFileExtension"
    settings = Settings({"EXTENSIONS": {path: None}})
    set_component(settings, "EXTENSIONS", path, 500)
    extensions = settings.getdict("EXTENSIONS")
    assert path not in extensions
    assert list(extensions.values()) == [500]
