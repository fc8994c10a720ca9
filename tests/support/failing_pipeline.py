"""A pipeline that fails on pages whose URL contains "fail-me" (for exit-status tests)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter


class FailOnMarkedPages:
    def process_item(self, item: Any) -> Any:
        if "fail-me" in (ItemAdapter(item).get("url") or ""):
            raise RuntimeError("this pipeline fails on purpose")
        return item
