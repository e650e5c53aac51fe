"""The one command-line entry point: `anjian <command>` or `python -m anjian <command>`.

Every Django management command is available (migrate, createsuperuser …), plus Anjian's own:
`anjian demo` (load the demo township), `anjian serve` (production-style server),
`anjian verify-journal` (check the journal's hash chain). A command name may be written with
hyphens: `verify-journal` runs `verify_journal`.
"""

import os
import sys


def command_names(args: list[str]) -> list[str]:
    """`anjian verify-journal` → `verify_journal` (also after `help`): hyphens read better on a
    command line, Django's command modules are Python names."""
    args = list(args)
    positions = [1, 2] if len(args) > 2 and args[1] == "help" else [1]
    for i in positions:
        if i < len(args) and not args[i].startswith("-"):
            args[i] = args[i].replace("-", "_")
    return args


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    from django.core.management import execute_from_command_line

    args = command_names(sys.argv if argv is None else argv)
    args[0] = "anjian"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
