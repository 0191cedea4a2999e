""" Contains all the data models used in inputs/outputs """

from .beneficiary_group_out import BeneficiaryGroupOut
from .blood_donation_in import BloodDonationIn
from .blood_donation_in_blood_kind import BloodDonationInBloodKind
from .blood_eligibility_out import BloodEligibilityOut
from .blood_eligibility_out_kind import BloodEligibilityOutKind
from .blood_totals_out import BloodTotalsOut
from .call_document import CallDocument
from .cash_donation_in import CashDonationIn
from .cash_donation_in_channel import CashDonationInChannel
from .cash_totals_out import CashTotalsOut
from .daily_flow_out import DailyFlowOut
from .distribution_counts_out import DistributionCountsOut
from .distribution_in import DistributionIn
from .distribution_in_kind import DistributionInKind
from .distribution_out import DistributionOut
from .distribution_out_kind import DistributionOutKind
from .distribution_reversal_in import DistributionReversalIn
from .distribution_reversed_out import DistributionReversedOut
from .distributions_page_out import DistributionsPageOut
from .donation_counts_out import DonationCountsOut
from .donation_out import DonationOut
from .donation_out_blood_kind_type_0 import DonationOutBloodKindType0
from .donation_out_kind import DonationOutKind
from .donation_reversal_in import DonationReversalIn
from .donation_reversed_out import DonationReversedOut
from .donations_page_out import DonationsPageOut
from .donor_consent_in import DonorConsentIn
from .donor_consent_out import DonorConsentOut
from .donor_counts_out import DonorCountsOut
from .donor_erased_out import DonorErasedOut
from .donor_gift_out import DonorGiftOut
from .donor_gift_out_kind import DonorGiftOutKind
from .donor_in import DonorIn
from .donor_in_type import DonorInType
from .donor_out import DonorOut
from .donor_patch import DonorPatch
from .donor_pledge_out import DonorPledgeOut
from .error_out import ErrorOut
from .field_error_out import FieldErrorOut
from .import_batch_in import ImportBatchIn
from .in_kind_donation_in import InKindDonationIn
from .in_kind_donation_in_channel import InKindDonationInChannel
from .in_kind_totals_out import InKindTotalsOut
from .instalment_out import InstalmentOut
from .instalment_out_status import InstalmentOutStatus
from .item_in import ItemIn
from .item_out import ItemOut
from .ledger_line_out import LedgerLineOut
from .ledger_line_out_direction import LedgerLineOutDirection
from .ledger_line_out_kind import LedgerLineOutKind
from .ledger_line_out_movement import LedgerLineOutMovement
from .ledger_lines_out import LedgerLinesOut
from .ledger_out import LedgerOut
from .ledger_out_status import LedgerOutStatus
from .live_out import LiveOut
from .payer_erased_out import PayerErasedOut
from .pledge_in import PledgeIn
from .pledge_out import PledgeOut
from .pledge_totals_out import PledgeTotalsOut
from .public_contribution_out import PublicContributionOut
from .public_contribution_out_kind import PublicContributionOutKind
from .public_distribution_out import PublicDistributionOut
from .public_distribution_out_kind import PublicDistributionOutKind
from .public_donors_out import PublicDonorsOut
from .public_item_out import PublicItemOut
from .public_ledger_out import PublicLedgerOut
from .public_ledger_out_status import PublicLedgerOutStatus
from .public_ledger_summary_out import PublicLedgerSummaryOut
from .public_ledger_summary_out_status import PublicLedgerSummaryOutStatus
from .public_target_out import PublicTargetOut
from .public_totals_out import PublicTotalsOut
from .ready_out import ReadyOut
from .ready_out_checks import ReadyOutChecks
from .receipt_out import ReceiptOut
from .receipt_out_kind import ReceiptOutKind
from .receiving_point import ReceivingPoint
from .receiving_point_method import ReceivingPointMethod
from .reversal_out import ReversalOut
from .soft_credit_out import SoftCreditOut
from .statement_in import StatementIn
from .statement_out import StatementOut
from .statement_row_out import StatementRowOut
from .statement_row_out_status import StatementRowOutStatus
from .support_level import SupportLevel
from .target_out import TargetOut

__all__ = (
    "BeneficiaryGroupOut",
    "BloodDonationIn",
    "BloodDonationInBloodKind",
    "BloodEligibilityOut",
    "BloodEligibilityOutKind",
    "BloodTotalsOut",
    "CallDocument",
    "CashDonationIn",
    "CashDonationInChannel",
    "CashTotalsOut",
    "DailyFlowOut",
    "DistributionCountsOut",
    "DistributionIn",
    "DistributionInKind",
    "DistributionOut",
    "DistributionOutKind",
    "DistributionReversalIn",
    "DistributionReversedOut",
    "DistributionsPageOut",
    "DonationCountsOut",
    "DonationOut",
    "DonationOutBloodKindType0",
    "DonationOutKind",
    "DonationReversalIn",
    "DonationReversedOut",
    "DonationsPageOut",
    "DonorConsentIn",
    "DonorConsentOut",
    "DonorCountsOut",
    "DonorErasedOut",
    "DonorGiftOut",
    "DonorGiftOutKind",
    "DonorIn",
    "DonorInType",
    "DonorOut",
    "DonorPatch",
    "DonorPledgeOut",
    "ErrorOut",
    "FieldErrorOut",
    "ImportBatchIn",
    "InKindDonationIn",
    "InKindDonationInChannel",
    "InKindTotalsOut",
    "InstalmentOut",
    "InstalmentOutStatus",
    "ItemIn",
    "ItemOut",
    "LedgerLineOut",
    "LedgerLineOutDirection",
    "LedgerLineOutKind",
    "LedgerLineOutMovement",
    "LedgerLinesOut",
    "LedgerOut",
    "LedgerOutStatus",
    "LiveOut",
    "PayerErasedOut",
    "PledgeIn",
    "PledgeOut",
    "PledgeTotalsOut",
    "PublicContributionOut",
    "PublicContributionOutKind",
    "PublicDistributionOut",
    "PublicDistributionOutKind",
    "PublicDonorsOut",
    "PublicItemOut",
    "PublicLedgerOut",
    "PublicLedgerOutStatus",
    "PublicLedgerSummaryOut",
    "PublicLedgerSummaryOutStatus",
    "PublicTargetOut",
    "PublicTotalsOut",
    "ReadyOut",
    "ReadyOutChecks",
    "ReceiptOut",
    "ReceiptOutKind",
    "ReceivingPoint",
    "ReceivingPointMethod",
    "ReversalOut",
    "SoftCreditOut",
    "StatementIn",
    "StatementOut",
    "StatementRowOut",
    "StatementRowOutStatus",
    "SupportLevel",
    "TargetOut",
)
