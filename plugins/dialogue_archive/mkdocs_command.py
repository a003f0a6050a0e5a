"""`mkdocs`, as scripts/build and scripts/serve run it: a value MkDocs stops on with PyYAML's
traceback while it reads mkdocs.yml, before any plugin runs (an unquoted `build_date:
2024-02-30`), is said at its line instead."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .site_settings import SettingsError, read_settings


def config_file(args: Sequence[str]) -> Path | None:
    """The config file the arguments name (`-f X`, `-fX`, `--config-file[=]X`; the last one, as
    MkDocs reads them); None when they name none."""
    named = None
    for position, arg in enumerate(args):
        if arg in ("-f", "--config-file") and position + 1 < len(args):
            named = args[position + 1]
        elif arg.startswith("--config-file="):
            named = arg.partition("=")[2]
        elif arg.startswith("-f") and len(arg) > 2:
            named = arg[2:]
    return Path(named) if named is not None else None


def main(argv: Sequence[str] | None = None) -> None:
    from mkdocs.__main__ import cli

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cli(args=args, prog_name="mkdocs")
    except ValueError:  # read the file again, only then, to say where (PyYAML's error does not)
        config = config_file(args)
        try:
            if config is not None and config.is_file():
                read_settings(config)
        except SettingsError as error:
            sys.exit(f"ERROR   -  {error}\n\nAborted: nothing was built.")
        raise


if __name__ == "__main__":
    main()
