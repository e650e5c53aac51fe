"""The one command-line entry point: `anjian <command>` or `python -m anjian <command>`.

Every Django management command is available (migrate, createsuperuser …), plus Anjian's own:
`anjian demo` (load the demo township), `anjian serve` (production-style server).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "anjian"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
