#!/usr/bin/env bash
# Refresh the translation catalogue and compile it:
#   scripts/i18n.sh            makemessages (en) + compilemessages
#   scripts/i18n.sh --check    also fail when an entry is untranslated or fuzzy
# Scans only the anjian/ package; the catalogue is anjian/locale/en/LC_MESSAGES/django.po and the
# compiled django.mo next to it is committed (users may have no gettext tools).
# Needs GNU gettext (xgettext, msgmerge, msgfmt): apt-get install gettext.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-anjian.settings}"

for tool in xgettext msgmerge msgfmt; do
  command -v "$tool" >/dev/null || { echo "i18n.sh: $tool not found (apt-get install gettext)" >&2; exit 1; }
done

cd "$ROOT/anjian"
# --no-obsolete: strings removed from the code leave the catalogue instead of lingering as #~ entries.
"$PYTHON" -m anjian makemessages -l en --no-obsolete \
  --ignore=node_modules --ignore=.venv --ignore=static --ignore=locale
"$PYTHON" -m anjian compilemessages -l en --ignore=node_modules --ignore=.venv

PO="$ROOT/anjian/locale/en/LC_MESSAGES/django.po"
# msgattrib lists entries that still need work (empty msgstr or fuzzy), header excluded.
todo="$(msgattrib --untranslated "$PO" | grep -c '^msgid ' || true)"
fuzzy="$(msgattrib --only-fuzzy --no-obsolete "$PO" | grep -c '^msgid ' || true)"
todo=$(( todo > 0 ? todo - 1 : 0 ))
fuzzy=$(( fuzzy > 0 ? fuzzy - 1 : 0 ))
total="$(msgattrib --no-obsolete "$PO" | grep -c '^msgid ' || true)"
echo "i18n.sh: $(( total - 1 )) entries, $todo untranslated, $fuzzy fuzzy"
if [ "${1:-}" = "--check" ] && [ $(( todo + fuzzy )) -gt 0 ]; then
  echo "i18n.sh: translate the entries above in $PO, then run this script again" >&2
  exit 1
fi
