"""Listeners are module-level functions (the Bolt starter-template convention), so each can
be imported and called on its own; the app's Deps reach them through the request context."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, cast

import pytest
from slack_bolt import Ack, BoltContext, Respond
from slack_bolt.listener.custom_listener import CustomListener
from slack_bolt.middleware.custom_middleware import CustomMiddleware
from slack_sdk import WebClient

from bot.app import create_app
from bot.core.deps import Deps
from bot.listeners.actions.forget import cancel_forget_me
from bot.listeners.events.home import on_home_opened
from bot.listeners.shared.app_scope import AppScope, carry, deps_of

# The one closure: it hands this app's Deps to every request (bot/listeners/middleware.py).
CLOSURES = {"bot.listeners.middleware.register_middleware.<locals>.carry_app_scope"}


def _is_module_level(function: Callable[..., Any]) -> bool:
    module = importlib.import_module(function.__module__)
    return getattr(module, function.__qualname__, None) is function


def test_every_listener_and_middleware_is_a_module_level_function(deps: Deps) -> None:
    app = create_app(deps)
    listeners = [
        listener.ack_function
        for listener in app._listeners  # Bolt keeps no public list of them
        if isinstance(listener, CustomListener)
    ]
    middleware = [m.func for m in app._middleware_list if isinstance(m, CustomMiddleware)]
    assert len(listeners) > 40 and len(middleware) == 3
    inside = sorted(
        f"{f.__module__}.{f.__qualname__}"
        for f in [*listeners, *middleware]
        if not _is_module_level(f)
    )
    assert set(inside) == CLOSURES


def test_a_listener_can_be_called_on_its_own() -> None:
    ack = Ack()
    said: list[dict[str, Any]] = []
    cancel_forget_me(ack=ack, respond=cast(Respond, lambda **kwargs: said.append(kwargs)))
    assert ack.response is not None and ack.response.status == 200
    assert said[0]["replace_original"] is True and said[0]["text"]


def test_deps_come_from_the_context(deps: Deps) -> None:
    context = BoltContext()
    with pytest.raises(RuntimeError, match="app scope is missing"):
        deps_of(context)
    carry(context, AppScope(deps))
    assert deps_of(context) is deps
    # A Home tab event for another tab publishes nothing, before touching Slack or the DB.
    on_home_opened(event={"tab": "messages", "user": "U1"}, context=context, client=WebClient())
