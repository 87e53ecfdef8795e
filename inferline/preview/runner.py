"""Run a Pulumi program directory under the mock runtime, in preview mode, and return its record."""

from __future__ import annotations

import asyncio
import contextvars
import json
import runpy
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pulumi.runtime
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from inferline.preview.mocks import DuplicateUrnError, LoopClosingExecutor, PreviewMocks, RecordingMonitor
from inferline.preview.provider_values import check_provider_values
from inferline.preview.record import COMPUTED, SECRET, ResourceRecord
from inferline.preview.schema import InputCheckError, check_declared_inputs

#: What ``run_under_mocks`` answers as when not told: the first preview of a new stack (unknown ids and
#: computed outputs). Tests that identify wiring by id set it to False for the update preview of an existing
#: stack, where ids are known.
FIRST_PREVIEW = True

#: Offline, a `secure:` value cannot be decrypted; the program sees this in its place, as a secret.
OPAQUE_SECRET = "offline-preview-opaque-secret"


@dataclass
class ProgramRun:
    project: str
    stack: str
    resources: list[ResourceRecord]
    outputs: dict[str, Any]


class Progress:
    """Throttled progress on a stream (stderr): silent for short runs, a line a second for long ones."""

    def __init__(self, stream: TextIO | None, delay_s: float = 1.0, every_s: float = 1.0) -> None:
        self._stream = stream
        self._delay = delay_s
        self._every = every_s
        self._start: float | None = None
        self._next = 0.0

    def __call__(self, count: int) -> None:
        now = time.monotonic()
        if self._start is None:  # the clock starts with the first registration, after the program's imports
            self._start, self._next = now, now + self._delay
        if self._stream is None or now < self._next:
            return
        self._next = now + self._every
        self._stream.write(f"offline preview: {count} resources registered ({now - self._start:.1f} s)\n")
        self._stream.flush()


def pulumi_config(values: Mapping[str, Any], secret_keys: list[str], namespace: str) -> tuple[dict[str, str], list[str]]:
    """Stack-file values in the form the Pulumi runtime holds them: strings, structured values as JSON."""
    config: dict[str, str] = {}
    for key, value in values.items():
        full_key = f"{namespace}:{key}"
        if key in secret_keys:
            config[full_key] = OPAQUE_SECRET
        else:
            config[full_key] = value if isinstance(value, str) else json.dumps(value)
    return config, [f"{namespace}:{key}" for key in secret_keys]


def run_program(
    program_dir: Path,
    project: str,
    stack: str,
    config: dict[str, str],
    secret_keys: list[str],
    progress: Callable[[int], None] | None = None,
) -> ProgramRun:
    """Run ``program_dir/__main__.py`` as `pulumi preview` would, against mocks."""

    def program() -> None:
        # `pulumi` puts the program directory first on sys.path; do the same for the run.
        path_before = list(sys.path)
        sys.path.insert(0, str(program_dir))
        try:
            runpy.run_path(str(program_dir), run_name="__main__")
        finally:
            sys.path[:] = path_before

    return run_under_mocks(program, project, stack, config, secret_keys, progress)


def run_under_mocks(
    program: Callable[[], None],
    project: str = "inferline",
    stack: str = "test",
    config: dict[str, str] | None = None,
    secret_keys: list[str] | None = None,
    progress: Callable[[int], None] | None = None,
    first_preview: bool | None = None,
) -> ProgramRun:
    """Run ``program`` in preview mode against mocks and return every resource it registered.

    ``first_preview`` (by default :data:`FIRST_PREVIEW`, True) answers as the first preview of a new stack: unknown ids and computed
    outputs. The run fails with a :class:`PreviewError` where `pulumi preview` would: a duplicate URN, an
    input the provider's schema does not declare or of the wrong primitive type, a value the provider's own
    check refuses (``inferline.clouds.provider_checks``), a dynamic provider's
    failed ``check``, an invoke the mocks cannot answer.

    Each run gets an empty context (Pulumi keeps its root stack and config in context variables) and
    its own event loop, so several runs in one process do not leak into each other (pulumi/pulumi#8280).
    """
    return contextvars.Context().run(
        _run, program, project, stack, config or {}, secret_keys or [], progress,
        FIRST_PREVIEW if first_preview is None else first_preview,
    )


def _run(
    program: Callable[[], None],
    project: str,
    stack: str,
    config: dict[str, str],
    secret_keys: list[str],
    progress: Callable[[int], None] | None,
    first_preview: bool = True,
) -> ProgramRun:
    loop = asyncio.new_event_loop()
    executor = LoopClosingExecutor(thread_name_prefix="inferline-preview")
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    mocks = PreviewMocks(first_preview=first_preview)
    monitor = RecordingMonitor(mocks, on_register=progress)
    outputs: dict[str, Any] = {}
    try:
        pulumi.runtime.set_all_config(config, secret_keys)
        pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=True, monitor=monitor)
        root = pulumi.runtime.settings.get_root_resource()
        _sync_await(run_pulumi_func(program))
        if monitor.duplicates:
            # The SDK logs a failed registration and carries on; the engine would have stopped the update.
            raise DuplicateUrnError(monitor.duplicates[0])
        if root is not None:
            outputs = _sync_await(_stack_outputs(root))
    finally:
        # A failed run can leave output tasks in the SDK's process-wide set, bound to this loop; the next
        # run would wait on them after this loop is closed.
        with pulumi.runtime.settings.SETTINGS.lock:
            leftover = list(pulumi.runtime.settings.SETTINGS.outputs)
            pulumi.runtime.settings.SETTINGS.outputs.clear()
        for task in leftover:
            task.cancel()
        loop.run_until_complete(loop.shutdown_asyncgens())
        executor.shutdown(wait=True)
        loop.close()
        asyncio.set_event_loop(None)
    records = sorted(monitor.records.values(), key=lambda record: record.urn)
    problems = monitor.problems + [
        problem for record in records for problem in (*check_declared_inputs(record), *check_provider_values(record))
    ]
    if problems:
        raise InputCheckError(problems)
    return ProgramRun(project=project, stack=stack, resources=records, outputs=outputs)


async def _stack_outputs(root: Any) -> dict[str, Any]:
    """The values the program exported, with unknowns and secrets as placeholders, leaf by leaf."""
    exported = getattr(root, "outputs", None) or {}
    return {key: await _resolve(value) for key, value in exported.items()}


async def _resolve(value: Any) -> Any:
    # Walk containers before wrapping in an Output: one unknown leaf must not hide its known siblings.
    if isinstance(value, dict):
        return {key: await _resolve(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [await _resolve(item) for item in value]
    output = pulumi.Output.from_input(value)
    if await output.is_secret():
        return SECRET
    if not await output.is_known():
        return COMPUTED
    resolved = await output.future()
    return await _resolve(resolved) if isinstance(resolved, dict | list) else resolved
