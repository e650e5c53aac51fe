"""`anjian verify-journal`: a Chinese summary, exit status 1 on tampering and 0 when intact."""

import io

import pytest
from django.core.management import call_command

from anjian.cli import command_names, main
from anjian.core.models import JournalEntry


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_journal", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_clean_chain_passes(journal_writes):
    code, out, err = run()
    assert code == 0, err
    assert f"日志链校验通过：共 {len(journal_writes)} 条" in out
    assert f"最后一条：#{journal_writes[-1].pk}，哈希 {journal_writes[-1].hash}" in out


def test_empty_journal_passes(db):
    JournalEntry.objects.all().delete()
    code, out, _err = run()
    assert code == 0
    assert "共 0 条" in out


def test_tampered_entry_fails_and_is_named(journal_writes):
    victim = journal_writes[2]
    JournalEntry.objects.filter(pk=victim.pk).update(comment="补录")
    code, _out, err = run("--batch-size", "3")
    assert code == 1
    assert f"发现 1 条被篡改的日志：#{victim.pk}（共校验 {len(journal_writes)} 条）" in err
    assert f"#{victim.pk} " in err and victim.object_repr in err


def test_long_lists_are_cut(journal_writes):
    JournalEntry.objects.update(comment="全改")
    code, _out, err = run("--show", "2")
    assert code == 1
    assert f"发现 {len(journal_writes)} 条被篡改的日志" in err
    assert f"其余 {len(journal_writes) - 2} 条未列出" in err


def test_hyphenated_name_on_the_command_line(journal_writes, capsys):
    JournalEntry.objects.filter(pk=journal_writes[0].pk).update(object_id="999")
    with pytest.raises(SystemExit) as exit_:
        main(["anjian", "verify-journal"])
    assert exit_.value.code == 1
    assert f"#{journal_writes[0].pk}" in capsys.readouterr().err


def test_command_names_maps_hyphens_only_in_the_command():
    assert command_names(["anjian", "verify-journal", "--batch-size", "10"]) == \
        ["anjian", "verify_journal", "--batch-size", "10"]
    assert command_names(["anjian", "help", "verify-journal"]) == ["anjian", "help", "verify_journal"]
    assert command_names(["anjian", "--version"]) == ["anjian", "--version"]
    assert command_names(["anjian"]) == ["anjian"]
