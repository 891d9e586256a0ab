"""Scale: run pure per-item work (read + extract, linking features) on a Ray cluster.

``ray_map`` keeps input order, so the Ray engine gives exactly what the single-process engine
gives. ``RAY_ADDRESS`` (or ``address=``) picks a cluster; otherwise a small local Ray is started
and shut down again when the map is done.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from riso.errors import ConfigError

__all__ = ["DEFAULT_BATCH_SIZE", "local_ray_options", "ray_map", "ray_session"]

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_BATCH_SIZE = 64
_LOCAL_OBJECT_STORE = 200 * 1024 * 1024


def local_ray_options() -> dict[str, object]:
    """The small footprint of a local Ray: 2 CPUs, no dashboard, a 200 MB object store."""
    return {
        "num_cpus": int(os.environ.get("RISO_RAY_CPUS", "2")),
        "include_dashboard": False,
        "object_store_memory": _LOCAL_OBJECT_STORE,
        "log_to_driver": False,
        "configure_logging": False,
    }


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as err:
        raise ConfigError(
            "the Ray engine needs the ray extra",
            hint="Install it with `pip install riso[ray]` (on every worker too), or use --engine local.",
        ) from err
    return ray


@contextmanager
def ray_session(address: str | None = None) -> Iterator[None]:
    """Connect to the cluster at ``address`` / $RAY_ADDRESS, or start a local Ray; disconnect after.

    A Ray already initialised in this process is used as it is and left running.
    """
    ray = _import_ray()
    if ray.is_initialized():
        yield
        return
    address = address or os.environ.get("RAY_ADDRESS") or None
    # workers import riso from the driver's source tree when it is not installed on them
    runtime_env = {"env_vars": {"PYTHONPATH": os.pathsep.join(_source_paths())}}
    if address:
        ray.init(address=address, runtime_env=runtime_env, log_to_driver=False, configure_logging=False)
    else:
        ray.init(runtime_env=runtime_env, **local_ray_options())
    try:
        yield
    finally:
        ray.shutdown()


def _source_paths() -> list[str]:
    import riso

    root = os.path.dirname(os.path.dirname(os.path.abspath(riso.__file__)))
    extra = os.environ.get("PYTHONPATH", "")
    return [root, *([extra] if extra else [])]


def _run_batch(func: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    return [func(item) for item in batch]


def ray_map(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    address: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_in_flight: int = 8,
) -> Iterator[R]:
    """``map(func, items)`` on Ray: batches become tasks; results come back in input order.

    ``func`` and the items must pickle (plain functions, records). At most ``max_in_flight``
    batches run at once so memory stays bounded on large inputs. An exception in ``func``
    is raised here, as with the built-in ``map``.
    """
    if batch_size < 1:
        raise ConfigError(f"batch_size must be at least 1, not {batch_size}", hint="Pass a positive batch size.")
    ray = _import_ray()
    with ray_session(address):
        remote = ray.remote(_run_batch)
        func_ref = ray.put(func)
        pending: list[object] = []
        batch: list[T] = []
        for item in items:
            batch.append(item)
            if len(batch) == batch_size:
                pending.append(remote.remote(func_ref, batch))
                batch = []
                if len(pending) >= max_in_flight:
                    yield from _unwrap(ray, pending.pop(0))
        if batch:
            pending.append(remote.remote(func_ref, batch))
        for ref in pending:
            yield from _unwrap(ray, ref)


def _unwrap(ray: object, ref: object) -> list[R]:
    try:
        return ray.get(ref)  # type: ignore[attr-defined, no-any-return]
    except ray.exceptions.RayTaskError as err:  # type: ignore[attr-defined]
        cause = err.as_instanceof_cause()
        raise cause from None
