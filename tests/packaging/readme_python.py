"""Runs the README's Python examples against the installed `kezek` package, as a user would
after `pip install kezek`: run from outside the repository, with nothing of the tree on
`sys.path`; fails if `kezek` is imported from anywhere but the environment's site-packages.

    python tests/packaging/readme_python.py README.md
"""

from __future__ import annotations

import pathlib
import re
import sys
import sysconfig


def main(readme: str) -> int:
    import kezek

    where = pathlib.Path(kezek.__file__).resolve()
    site = pathlib.Path(sysconfig.get_paths()["purelib"]).resolve()
    if site not in where.parents:
        print(f"kezek was imported from {where}, not from {site}", file=sys.stderr)
        return 1
    text = pathlib.Path(readme).read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    if not blocks:
        print("the README has no Python examples", file=sys.stderr)
        return 1
    for i, code in enumerate(blocks, 1):
        exec(compile(code, f"README.md (Python example {i})", "exec"), {"__name__": "readme"})
    print(f"{len(blocks)} README examples passed against kezek {kezek.__version__} from {where.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
