"""Pure rules of the donations domain: eligibility, balances, pledges, receipts, statement rows."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from rc_donations.domain import blood, statement
from rc_donations.domain.blood import BloodRules, PastDonation, age_on, check_eligible, next_eligible_on
from rc_donations.domain.donations import ANONYMOUS_LABEL, Item, in_kind_value, public_name
from rc_donations.domain.ledger import Ledger, Totals, check_can_distribute, check_can_reverse_donation
from rc_donations.domain.pledges import schedule, settle
from rc_donations.domain.receipts import allocate, gaps, receipt_number
from rc_shared.clock import Window
from rc_shared.errors import Conflict, Invalid
from rc_shared.labels import PUBLIC_CAMPAIGN_STATES, public_state

D = date(2026, 5, 1)
RULES = BloodRules()
ADULT = date(1990, 1, 1)
WINDOW = Window(days_back=180, days_ahead=0)

# ------------------------------------------------------------------ blood eligibility


def test_whole_blood_needs_84_days_and_the_refusal_names_the_next_date() -> None:
    history = [PastDonation(D, "whole_blood")]
    with pytest.raises(Conflict) as exc:
        check_eligible(RULES, history, D + timedelta(days=83), "whole_blood", ADULT)
    assert exc.value.details["next_eligible_on"] == D + timedelta(days=84)
    check_eligible(RULES, history, D + timedelta(days=84), "whole_blood", ADULT)


def test_the_latest_donation_kind_sets_the_interval() -> None:
    history = [PastDonation(D, "whole_blood"), PastDonation(D + timedelta(days=90), "apheresis")]
    assert next_eligible_on(RULES, history) == D + timedelta(days=104)
    with pytest.raises(Conflict):
        check_eligible(RULES, history, D + timedelta(days=103), "apheresis", ADULT)
    check_eligible(RULES, history, D + timedelta(days=104), "whole_blood", ADULT)


def test_intervals_are_configurable() -> None:
    rules = BloodRules(whole_blood_interval_days=90)
    with pytest.raises(Conflict):
        check_eligible(rules, [PastDonation(D, "whole_blood")], D + timedelta(days=85), "whole_blood", ADULT)


def test_a_backdated_donation_too_close_before_a_later_one_is_refused() -> None:
    later = [PastDonation(D, "whole_blood")]
    with pytest.raises(Conflict, match="would be less than 84 days before"):
        check_eligible(RULES, later, D - timedelta(days=30), "whole_blood", ADULT)
    check_eligible(RULES, later, D - timedelta(days=84), "whole_blood", ADULT)


def test_a_birth_date_after_the_gift_is_bad_input_not_an_age() -> None:
    """422 naming the field, not 409 'the donor is -5'."""
    with pytest.raises(Invalid, match="is after the day of the gift") as exc:
        check_eligible(RULES, [], D, "whole_blood", D + timedelta(days=1))
    assert exc.value.details == {"field": "donor.birth_date"}


def test_same_day_second_donation_is_refused() -> None:
    with pytest.raises(Conflict):
        check_eligible(RULES, [PastDonation(D, "apheresis")], D, "apheresis", ADULT)


@pytest.mark.parametrize(
    ("birth", "ok"),
    [(date(2008, 5, 1), True), (date(2008, 5, 2), False), (date(1966, 5, 2), True), (date(1965, 5, 1), False)],
)
def test_donors_must_be_18_to_60(birth: date, ok: bool) -> None:
    if ok:
        check_eligible(RULES, [], D, "whole_blood", birth)
    else:
        with pytest.raises(Conflict, match="18–60"):
            check_eligible(RULES, [], D, "whole_blood", birth)


def test_a_blood_donor_without_a_birth_date_is_invalid_naming_the_field() -> None:
    with pytest.raises(Invalid, match="birth date") as exc:
        check_eligible(RULES, [], D, "whole_blood", None)
    assert exc.value.details["field"] == "donor.birth_date"


def test_age_counts_completed_years() -> None:
    assert age_on(date(2000, 5, 2), date(2026, 5, 1)) == 25
    assert age_on(date(2000, 5, 1), date(2026, 5, 1)) == 26


# ------------------------------------------------------------------ balances


def test_balance_arithmetic_counts_reversals_both_ways() -> None:
    t = Totals(
        cash_received_vnd=1_000,
        cash_reversed_vnd=100,
        cash_distributed_vnd=500,
        cash_distribution_reversed_vnd=50,
        in_kind_received_vnd=700,
        in_kind_reversed_vnd=200,
        goods_distributed_vnd=300,
        goods_distribution_reversed_vnd=0,
    )
    assert (t.cash_balance_vnd, t.goods_balance_vnd) == (450, 200)
    assert t.available("cash") == 450 and t.available("goods") == 200


def test_distribution_may_take_the_whole_balance_but_not_one_vnd_more() -> None:
    t = Totals(cash_received_vnd=1_000)
    check_can_distribute(t, "cash", 1_000)
    with pytest.raises(Conflict) as exc:
        check_can_distribute(t, "cash", 1_001)
    assert exc.value.message == "insufficient balance: requested 1001 VND, available 1000 VND"


def test_reversing_money_already_distributed_is_refused() -> None:
    t = Totals(cash_received_vnd=1_000, cash_distributed_vnd=800)
    check_can_reverse_donation(t, "cash", 200, 0)
    with pytest.raises(Conflict, match="only 200 VND is undistributed"):
        check_can_reverse_donation(t, "cash", 201, 0)
    check_can_reverse_donation(t, "blood", 0, 0)


def _ledger(status: str = "launched", **kw: object) -> Ledger:
    base: dict[str, object] = {
        "campaign_id": uuid.uuid4(),
        "code": "TNA",
        "status": status,
        "organising_unit_id": uuid.uuid4(),
        "participating_unit_ids": [],
        "receiving_from": D,
        "receiving_until": D + timedelta(days=30),
        "distribution_deadline": D + timedelta(days=50),
        "closed_on": D + timedelta(days=10) if status != "launched" else None,
    }
    base.update(kw)
    return Ledger(**base)  # type: ignore[arg-type,unused-ignore]


def test_a_closed_ledger_decides_by_date_late_up_to_the_close_date_refused_after() -> None:
    today = D + timedelta(days=20)
    closed = _ledger("closed")  # closed on D + 10
    assert closed.check_accepts(D + timedelta(days=1), today) is True
    assert closed.check_accepts(D + timedelta(days=10), today) is True
    with pytest.raises(Conflict, match=r"closed on 2026-05-11: received_on 2026-05-12 is after the close"):
        closed.check_accepts(D + timedelta(days=11), today)
    with pytest.raises(Invalid, match="in the future"):
        closed.check_accepts(today + timedelta(days=1), today)
    assert _ledger().check_accepts(D + timedelta(days=11), today) is False  # launched: not late
    with pytest.raises(Conflict, match="cancelled"):
        _ledger("cancelled").check_accepts(D + timedelta(days=1), today)


def test_a_close_dated_ahead_takes_effect_on_its_day_not_before() -> None:
    """Closed on 01/06 with the date 15/06 (allowed ahead): gifts recorded before the 15th are not late and
    pledges are still taken; from the 15th, late and no pledge (an auditor's finding: everything after
    the 1st was flagged late and pledges were refused); the public page says it is receiving until then."""
    ahead = _ledger("closed", closed_on=D + timedelta(days=14))
    assert ahead.check_accepts(D, D) is False and ahead.late(D + timedelta(days=13)) is False
    ahead.check_pledges(D + timedelta(days=13))
    assert ahead.check_accepts(D + timedelta(days=14), D + timedelta(days=14)) is True
    with pytest.raises(Conflict, match="pledges are only taken"):
        ahead.check_pledges(D + timedelta(days=14))
    with pytest.raises(Conflict, match="pledges are only taken"):
        _ledger("settled", settled_on=D + timedelta(days=20)).check_pledges(D)
    receiving, ended = PUBLIC_CAMPAIGN_STATES["launched"], PUBLIC_CAMPAIGN_STATES["closed"]
    until = D + timedelta(days=30)
    assert public_state("closed", until, D + timedelta(days=13), D + timedelta(days=14)) == receiving
    assert public_state("closed", until, D + timedelta(days=14), "2026-05-15") == ended  # its last day, as reports
    assert public_state("closed", until, D + timedelta(days=15), D + timedelta(days=14)) == ended
    assert public_state("closed", until, D) == ended  # no date given: as the service says


def test_a_settled_ledger_records_nothing_more() -> None:
    """A late gift dated before the close, once the accounts are settled, could be neither distributed nor
    reversed: refused (409), by a single gift as by a statement import."""
    settled = _ledger("settled", settled_on=D + timedelta(days=15))
    with pytest.raises(Conflict, match="settled on 2026-05-16: its accounts are final") as exc:
        settled.check_accepts(D + timedelta(days=1), D + timedelta(days=20))
    assert exc.value.details["ledger_status"] == "settled"
    with pytest.raises(Conflict, match="accounts are final"):
        settled.check_books_open()
    _ledger("closed").check_books_open()


def test_receiving_period_bounds_are_inclusive() -> None:
    led = _ledger()
    led.check_accepts(D, D + timedelta(days=40))
    led.check_accepts(D + timedelta(days=30), D + timedelta(days=40))
    with pytest.raises(Conflict):
        led.check_accepts(D + timedelta(days=31), D + timedelta(days=40))
    with pytest.raises(Invalid):
        led.check_accepts(D + timedelta(days=5), D + timedelta(days=4))


def test_distributions_allowed_when_closed_refused_when_settled_or_late() -> None:
    today = D + timedelta(days=60)
    _ledger("closed").check_distributes(D + timedelta(days=40), today, True, WINDOW)
    with pytest.raises(Conflict, match="settled"):
        _ledger("settled").check_distributes(D + timedelta(days=40), today, True, WINDOW)
    with pytest.raises(Conflict, match="deadline"):
        _ledger("closed").check_distributes(D + timedelta(days=51), today, True, WINDOW)
    _ledger("closed").check_distributes(D + timedelta(days=51), today, False, WINDOW)


def test_a_distribution_dated_before_the_window_is_invalid_naming_the_range() -> None:
    today = D + timedelta(days=20)
    with pytest.raises(Invalid, match=r"distributed_on 2026-05-05 is outside the allowed range 2026-05-11 to") as exc:
        _ledger("closed").check_distributes(D + timedelta(days=4), today, True, Window(days_back=10, days_ahead=0))
    assert exc.value.details["field"] == "distributed_on"
    assert exc.value.details["earliest"] == D + timedelta(days=10)


# ------------------------------------------------------------------ pledges


def test_pledge_schedule_splits_exactly_with_the_remainder_first() -> None:
    plan = schedule(1_000_000, 3, D, 30)
    assert [i.amount_vnd for i in plan] == [333_334, 333_333, 333_333]
    assert sum(i.amount_vnd for i in plan) == 1_000_000
    assert [i.due_on for i in plan] == [D, D + timedelta(days=30), D + timedelta(days=60)]


def test_pledge_cannot_have_instalments_below_one_vnd() -> None:
    with pytest.raises(Invalid):
        schedule(2, 3, D, 30)


def test_payments_settle_instalments_in_order() -> None:
    plan = schedule(300, 3, D, 10)
    out = settle(plan, 150, D + timedelta(days=10))
    assert [(i["paid_vnd"], i["status"]) for i in out] == [(100, "paid"), (50, "due"), (0, "upcoming")]
    assert [i["status"] for i in settle(plan, 0, D + timedelta(days=11))] == ["overdue", "overdue", "upcoming"]


# ------------------------------------------------------------------ receipts


def test_receipts_are_allocated_after_the_last_number_without_gaps() -> None:
    assert list(allocate(0, 3)) == [1, 2, 3]
    assert list(allocate(41, 2)) == [42, 43]
    assert list(allocate(5, 0)) == []
    assert gaps([1, 2, 4, 6]) == [3, 5] and gaps([3, 1, 2]) == []
    assert receipt_number("TNA-2027", 42) == "TNA-2027-000042"


# ------------------------------------------------------------------ in kind, naming


def test_in_kind_value_is_the_sum_of_assessed_values() -> None:
    assert in_kind_value([Item("Gạo", 100, "kg", 2_000_000), Item("Mì", 10, "thùng", 1_500_000)]) == 3_500_000
    with pytest.raises(Invalid):
        in_kind_value([Item("x", 1, "c", 10**15), Item("y", 1, "c", 1)])


def test_public_name_only_with_consent() -> None:
    assert public_name(True, "Lê Văn A") == "Lê Văn A"
    assert public_name(False, "Lê Văn A") == ANONYMOUS_LABEL
    assert public_name(True, None) == ANONYMOUS_LABEL


# ------------------------------------------------------------------ statement rows


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1000, 1000),
        ("1000", 1000),
        ("1.000.000", 1_000_000),
        ("1,000,000", 1_000_000),
        (" 25000 VND", 25_000),
        ("+500,000", 500_000),
        ("+500000", 500_000),  # a credit as banks print it
    ],
)
def test_statement_amounts_in_whole_vnd(raw: object, expected: int) -> None:
    assert statement.parse_amount(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        0,
        -5,
        "-5",
        "12.5",
        "1.000,00",
        "1,000.000",
        100.5,
        100.0,
        True,
        None,
        "",
        "abc",
        10**15 + 1,
        "١٢٣",
        "+-5",
        "++5",
    ],
)
def test_statement_amounts_refused(raw: object) -> None:
    with pytest.raises(statement.RowError):
        statement.parse_amount(raw)


def test_statement_dates_iso_or_day_first() -> None:
    assert statement.parse_date("2026-05-01") == D and statement.parse_date("01/05/2026") == D
    # as bank exports write them: other separators, the posting time after the day
    for written in ("01-05-2026", "01.05.2026", "01/05/2026 10:22:33", "2026-05-01 10:22:33", "2026-05-01T10:22",
                    "1/5/2026 9:05", "01/05/2026 23:59:59.123"):  # fmt: skip
        assert statement.parse_date(written) == D, written
    # month first (an English-locale Excel's "5/1/2026 9:05 AM") is not guessed at: the 12-hour clock refuses it
    for bad in (
        "05/31/2026",
        "2026-02-30",
        "",
        None,
        20260501,
        "5/1/2026 9:05 AM",
        "01/05/2026 lúc 10:22",
        "01/05/2026 25",
    ):
        with pytest.raises(statement.RowError):
            statement.parse_date(bad)


def test_statement_row_validation_and_dedupe_plan() -> None:
    def check(i: int, raw: object) -> statement.StatementRow | statement.Decision:
        return statement.validate_row(i, raw, D, D + timedelta(days=30), D + timedelta(days=40))

    rows = [
        check(0, {"bank_reference": "A", "received_on": "2026-05-02", "amount_vnd": 10}),
        check(1, {"bank_reference": "B", "received_on": "2026-05-02", "amount_vnd": 20}),
        check(2, {"bank_reference": "A", "received_on": "2026-05-02", "amount_vnd": 10}),
        check(3, {"bank_reference": "C", "received_on": "2026-04-30", "amount_vnd": 5}),
        check(4, {"bank_reference": "D", "received_on": "2026-05-02", "amount_vnd": 7}),
        check(5, {"bank_reference": "A", "received_on": "2026-05-02", "amount_vnd": 11}),
        check(6, {"bank_reference": " ", "received_on": "2026-05-02", "amount_vnd": 1}),
    ]
    existing = {"D": (uuid.uuid4(), 7, date(2026, 5, 2)), "B": (uuid.uuid4(), 99, date(2026, 5, 2))}
    plan = statement.plan(rows, existing)
    assert [p.status for p in plan] == ["new", "rejected", "duplicate", "rejected", "duplicate", "rejected", "rejected"]
    assert "already recorded with amount 99" in (plan[1].reason or "")
    assert "outside the receiving period" in (plan[3].reason or "")
    assert "bank_reference is required" in (plan[6].reason or "")
    assert plan[4].existing_id == existing["D"][0]
    # a settled campaign's books are final: the new row and its repeat in the batch are refused, the row
    # recorded before is still a duplicate (a re-run is safe)
    settled = statement.refuse_new(plan, "settled")
    assert [p.status for p in settled] == ["rejected", "rejected", "rejected", "rejected", "duplicate", "rejected",
                                           "rejected"]  # fmt: skip
    assert settled[2].reason == "settled" and settled[4].existing_id == existing["D"][0]


def test_a_statement_row_of_a_voided_transfer_is_rejected_unless_it_was_recorded_again() -> None:
    """A transfer whose only gift was voided is not recorded again by a statement (it may have been sent
    back): rejected, naming the voided receipt; once recorded again by hand, the row is its duplicate."""
    row = statement.validate_row(0, {"bank_reference": "FT1", "received_on": "2026-05-02", "amount_vnd": 10}, D,
                                 D + timedelta(days=30), D + timedelta(days=40))  # fmt: skip
    voided_id, live_id = uuid.uuid4(), uuid.uuid4()
    voided = {"FT1": (voided_id, "CT-000041")}
    [alone] = statement.plan([row], {}, voided)
    assert (alone.status, alone.existing_id) == ("rejected", voided_id)
    assert "receipt CT-000041 and voided" in (alone.reason or "")
    [again] = statement.plan([row], {"FT1": (live_id, 10, date(2026, 5, 2))}, voided)
    assert (again.status, again.existing_id) == ("duplicate", live_id)
    [new] = statement.plan([row], {}, {})
    assert new.status == "new"


def test_a_voided_blood_gift_says_whether_its_blood_was_drawn_and_only_a_blood_gift_says() -> None:
    assert blood.drawn_when_voided("blood", True) is True  # a unit discarded after testing: the donor gave it
    assert blood.drawn_when_voided("blood", False) is False  # recorded in error
    with pytest.raises(Invalid) as unsaid:  # no default: either one wrongs a donor
        blood.drawn_when_voided("blood", None)
    assert unsaid.value.details == {"field": "blood_drawn"}
    assert blood.drawn_when_voided("cash", None) is None
    for kind in ("cash", "in_kind"):
        with pytest.raises(Invalid) as refused:
            blood.drawn_when_voided(kind, True)
        assert refused.value.details == {"field": "blood_drawn"}
