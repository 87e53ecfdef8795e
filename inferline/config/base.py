"""The one base model every configuration model derives from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Unknown keys are errors and values are not coerced: a typo in a stack file never passes silently."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
