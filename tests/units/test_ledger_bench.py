"""The import benchmark's ledger (bench/bench_import.py) is deterministic, valid and read as meant."""

from anjian.core.validators import credit_code_error
from anjian.units.imports import ledger_parse
from bench.bench_import import (
    HEADER,
    credit_code,
    is_changed,
    is_existing,
    ledger_row,
    write_ledger,
)


def test_rows_are_deterministic_and_codes_valid():
    assert ledger_row(1234) == ledger_row(1234)
    assert all(credit_code_error(credit_code(i)) is None for i in range(0, 5000, 7))
    assert len({credit_code(i) for i in range(5000)}) == 5000


def test_a_changed_row_differs_only_in_phone_staff_size_and_risk():
    i = next(i for i in range(100) if is_existing(i) and is_changed(i) and ledger_row(i)[3] == "企业")
    before, after = ledger_row(i), ledger_row(i, changed=True)
    differing = {HEADER[j] for j, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
    assert differing <= {"联系电话", "从业人数", "规模以上", "风险等级"}
    assert {"联系电话", "从业人数", "风险等级"} <= differing


def test_the_generated_ledger_is_read_without_problems(world, tmp_path):
    path = tmp_path / "ledger.xlsx"
    write_ledger(path, 60)
    preview = ledger_parse(actor=world.users["office"], data=path.read_bytes(), file_name=path.name)
    assert preview.header_rows == (1,) and len(preview.rows) == 60
    # The bench's villages and grids are not in the test world; everything else must be read.
    columns = {label for r in preview.error_rows for label, _m in r.messages}
    assert columns == {"所在村（社区）/网格"}
