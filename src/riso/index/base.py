"""Estimator conventions for index steps (scikit-learn style, duck-typed) and the step registry. No I/O."""

from __future__ import annotations

import inspect
from typing import Any, TypeVar

from riso.errors import NotFittedError

__all__ = ["STEPS", "Step", "check_is_fitted", "register_step"]

STEPS: dict[str, type[Step]] = {}
T = TypeVar("T", bound="type[Step]")


class Step:
    """A construction step: __init__ stores params, fit learns (attributes ending in _), transform applies."""

    @classmethod
    def _param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return [p for p in sig.parameters if p != "self"]

    def get_params(self) -> dict[str, Any]:
        """The step's parameters as given."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> Step:
        """Change parameters; return self."""
        allowed = set(self._param_names())
        for key, value in params.items():
            if key not in allowed:
                from riso.errors import ConfigError

                raise ConfigError(
                    f"{type(self).__name__} has no parameter {key!r}",
                    hint=f"Valid parameters: {', '.join(sorted(allowed))}.",
                )
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"


def register_step(name: str) -> Any:
    """Class decorator: register a step under a name."""

    def deco(cls: T) -> T:
        STEPS[name] = cls
        return cls

    return deco


def check_is_fitted(step: Step, attribute: str) -> None:
    """Raise NotFittedError when fit() has not set `attribute`."""
    if not hasattr(step, attribute):
        raise NotFittedError(f"{type(step).__name__} is not fitted yet", hint="Call fit() before transform().")
