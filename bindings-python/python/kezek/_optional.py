"""The optional dependencies of the extras (pandas, pyarrow, polars, tqdm, matplotlib),
imported when first used, with the install line in the error when missing."""

from __future__ import annotations

import importlib
from typing import Any


def require(module: str, extra: str, needed_by: str) -> Any:
    """``module`` imported, or an ``ImportError`` naming what needs it and the extra that
    installs it: ``to_pandas() needs pandas: pip install 'kezek[pandas]'``."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        top = module.split(".")[0]
        raise ImportError(f"{needed_by} needs {top}: pip install 'kezek[{extra}]'", name=top) from e
