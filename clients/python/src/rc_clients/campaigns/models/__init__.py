""" Contains all the data models used in inputs/outputs """

from .beneficiaries_page_out import BeneficiariesPageOut
from .beneficiary_erased_out import BeneficiaryErasedOut
from .beneficiary_in import BeneficiaryIn
from .beneficiary_in_kind import BeneficiaryInKind
from .beneficiary_out import BeneficiaryOut
from .beneficiary_out_kind import BeneficiaryOutKind
from .beneficiary_patch import BeneficiaryPatch
from .beneficiary_summary_out import BeneficiarySummaryOut
from .beneficiary_summary_out_kind import BeneficiarySummaryOutKind
from .blood_session_in import BloodSessionIn
from .blood_session_out import BloodSessionOut
from .blood_sessions_out import BloodSessionsOut
from .call_document import CallDocument
from .campaign_in import CampaignIn
from .campaign_in_campaign_type import CampaignInCampaignType
from .campaign_out import CampaignOut
from .campaign_out_allowed_actions_item import CampaignOutAllowedActionsItem
from .campaign_out_campaign_type import CampaignOutCampaignType
from .campaign_out_state import CampaignOutState
from .campaign_patch import CampaignPatch
from .campaign_patch_campaign_type import CampaignPatchCampaignType
from .campaign_summary_out import CampaignSummaryOut
from .campaign_summary_out_allowed_actions_item import CampaignSummaryOutAllowedActionsItem
from .campaign_summary_out_campaign_type import CampaignSummaryOutCampaignType
from .campaign_summary_out_state import CampaignSummaryOutState
from .campaigns_page_out import CampaignsPageOut
from .cancel_in import CancelIn
from .close_in import CloseIn
from .consent_in import ConsentIn
from .consent_out import ConsentOut
from .disclosure_in import DisclosureIn
from .disclosure_out import DisclosureOut
from .enrolment_in import EnrolmentIn
from .enrolment_out import EnrolmentOut
from .error_out import ErrorOut
from .field_error_out import FieldErrorOut
from .launch_in import LaunchIn
from .list_campaigns_campaigns_get_state_type_0 import ListCampaignsCampaignsGetStateType0
from .list_campaigns_campaigns_get_type_type_0 import ListCampaignsCampaignsGetTypeType0
from .live_out import LiveOut
from .overdue_campaign_out import OverdueCampaignOut
from .overdue_campaign_out_action_needed import OverdueCampaignOutActionNeeded
from .overdue_campaign_out_campaign_type import OverdueCampaignOutCampaignType
from .overdue_campaign_out_reason import OverdueCampaignOutReason
from .overdue_campaign_out_state import OverdueCampaignOutState
from .overdue_campaigns_out import OverdueCampaignsOut
from .overdue_out import OverdueOut
from .overdue_out_action import OverdueOutAction
from .overdue_out_reason import OverdueOutReason
from .progress_out import ProgressOut
from .public_beneficiaries_out import PublicBeneficiariesOut
from .public_beneficiary_out import PublicBeneficiaryOut
from .ready_out import ReadyOut
from .ready_out_checks import ReadyOutChecks
from .receiving_point import ReceivingPoint
from .receiving_point_method import ReceivingPointMethod
from .registration_in import RegistrationIn
from .registration_in_blood_group_type_0 import RegistrationInBloodGroupType0
from .registration_out import RegistrationOut
from .settle_in import SettleIn
from .sponsorship_added_out import SponsorshipAddedOut
from .sponsorship_in import SponsorshipIn
from .sponsorship_in_sponsor_type import SponsorshipInSponsorType
from .sponsorship_out import SponsorshipOut
from .sponsorship_out_sponsor_type import SponsorshipOutSponsorType
from .support_level import SupportLevel
from .support_out import SupportOut
from .target_progress_out import TargetProgressOut
from .targets_in import TargetsIn
from .targets_out import TargetsOut
from .verify_in import VerifyIn

__all__ = (
    "BeneficiariesPageOut",
    "BeneficiaryErasedOut",
    "BeneficiaryIn",
    "BeneficiaryInKind",
    "BeneficiaryOut",
    "BeneficiaryOutKind",
    "BeneficiaryPatch",
    "BeneficiarySummaryOut",
    "BeneficiarySummaryOutKind",
    "BloodSessionIn",
    "BloodSessionOut",
    "BloodSessionsOut",
    "CallDocument",
    "CampaignIn",
    "CampaignInCampaignType",
    "CampaignOut",
    "CampaignOutAllowedActionsItem",
    "CampaignOutCampaignType",
    "CampaignOutState",
    "CampaignPatch",
    "CampaignPatchCampaignType",
    "CampaignsPageOut",
    "CampaignSummaryOut",
    "CampaignSummaryOutAllowedActionsItem",
    "CampaignSummaryOutCampaignType",
    "CampaignSummaryOutState",
    "CancelIn",
    "CloseIn",
    "ConsentIn",
    "ConsentOut",
    "DisclosureIn",
    "DisclosureOut",
    "EnrolmentIn",
    "EnrolmentOut",
    "ErrorOut",
    "FieldErrorOut",
    "LaunchIn",
    "ListCampaignsCampaignsGetStateType0",
    "ListCampaignsCampaignsGetTypeType0",
    "LiveOut",
    "OverdueCampaignOut",
    "OverdueCampaignOutActionNeeded",
    "OverdueCampaignOutCampaignType",
    "OverdueCampaignOutReason",
    "OverdueCampaignOutState",
    "OverdueCampaignsOut",
    "OverdueOut",
    "OverdueOutAction",
    "OverdueOutReason",
    "ProgressOut",
    "PublicBeneficiariesOut",
    "PublicBeneficiaryOut",
    "ReadyOut",
    "ReadyOutChecks",
    "ReceivingPoint",
    "ReceivingPointMethod",
    "RegistrationIn",
    "RegistrationInBloodGroupType0",
    "RegistrationOut",
    "SettleIn",
    "SponsorshipAddedOut",
    "SponsorshipIn",
    "SponsorshipInSponsorType",
    "SponsorshipOut",
    "SponsorshipOutSponsorType",
    "SupportLevel",
    "SupportOut",
    "TargetProgressOut",
    "TargetsIn",
    "TargetsOut",
    "VerifyIn",
)
