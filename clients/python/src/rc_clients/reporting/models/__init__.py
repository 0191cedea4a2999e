""" Contains all the data models used in inputs/outputs """

from .bucket import Bucket
from .campaign_figures import CampaignFigures
from .campaign_figures_state import CampaignFiguresState
from .campaign_list import CampaignList
from .campaign_list_state_type_0 import CampaignListStateType0
from .campaign_report import CampaignReport
from .campaign_report_state import CampaignReportState
from .campaign_series import CampaignSeries
from .campaign_series_granularity import CampaignSeriesGranularity
from .campaigns_by_period_reports_campaigns_by_period_get_format import CampaignsByPeriodReportsCampaignsByPeriodGetFormat
from .campaigns_by_period_reports_campaigns_by_period_get_granularity import CampaignsByPeriodReportsCampaignsByPeriodGetGranularity
from .campaigns_by_unit_reports_campaigns_by_unit_get_format import CampaignsByUnitReportsCampaignsByUnitGetFormat
from .campaigns_list_reports_campaigns_get_state_type_0 import CampaignsListReportsCampaignsGetStateType0
from .campaigns_list_reports_campaigns_get_type_type_0 import CampaignsListReportsCampaignsGetTypeType0
from .consumer_status import ConsumerStatus
from .consumer_status_rows import ConsumerStatusRows
from .dashboard import Dashboard
from .dashboard_campaign import DashboardCampaign
from .error_out import ErrorOut
from .export_job_out import ExportJobOut
from .export_job_out_params import ExportJobOutParams
from .export_job_out_status import ExportJobOutStatus
from .field_error_out import FieldErrorOut
from .figure_out import FigureOut
from .inflow_day import InflowDay
from .live_out import LiveOut
from .membership_report import MembershipReport
from .membership_reports_membership_get_format import MembershipReportsMembershipGetFormat
from .month_out import MonthOut
from .plan_import_out import PlanImportOut
from .plan_in import PlanIn
from .plan_in_targets import PlanInTargets
from .plan_out import PlanOut
from .plan_out_rolled_up import PlanOutRolledUp
from .plan_out_targets import PlanOutTargets
from .projection_status import ProjectionStatus
from .projection_status_consumers import ProjectionStatusConsumers
from .projection_status_rows import ProjectionStatusRows
from .ready_out import ReadyOut
from .ready_out_checks import ReadyOutChecks
from .review_export_in import ReviewExportIn
from .review_export_in_format import ReviewExportInFormat
from .review_out import ReviewOut
from .review_reports_review_get_format import ReviewReportsReviewGetFormat
from .review_unit_out import ReviewUnitOut
from .review_unit_out_units_by_level import ReviewUnitOutUnitsByLevel
from .section_out import SectionOut
from .target_progress import TargetProgress
from .target_reached import TargetReached
from .targets import Targets
from .unit_figures import UnitFigures
from .unit_figures_fees import UnitFiguresFees
from .unit_figures_roles import UnitFiguresRoles
from .unit_figures_units_by_level import UnitFiguresUnitsByLevel
from .unit_funds import UnitFunds
from .unit_funds_report import UnitFundsReport
from .unit_membership_report import UnitMembershipReport
from .unit_row_out import UnitRowOut

__all__ = (
    "Bucket",
    "CampaignFigures",
    "CampaignFiguresState",
    "CampaignList",
    "CampaignListStateType0",
    "CampaignReport",
    "CampaignReportState",
    "CampaignsByPeriodReportsCampaignsByPeriodGetFormat",
    "CampaignsByPeriodReportsCampaignsByPeriodGetGranularity",
    "CampaignsByUnitReportsCampaignsByUnitGetFormat",
    "CampaignSeries",
    "CampaignSeriesGranularity",
    "CampaignsListReportsCampaignsGetStateType0",
    "CampaignsListReportsCampaignsGetTypeType0",
    "ConsumerStatus",
    "ConsumerStatusRows",
    "Dashboard",
    "DashboardCampaign",
    "ErrorOut",
    "ExportJobOut",
    "ExportJobOutParams",
    "ExportJobOutStatus",
    "FieldErrorOut",
    "FigureOut",
    "InflowDay",
    "LiveOut",
    "MembershipReport",
    "MembershipReportsMembershipGetFormat",
    "MonthOut",
    "PlanImportOut",
    "PlanIn",
    "PlanInTargets",
    "PlanOut",
    "PlanOutRolledUp",
    "PlanOutTargets",
    "ProjectionStatus",
    "ProjectionStatusConsumers",
    "ProjectionStatusRows",
    "ReadyOut",
    "ReadyOutChecks",
    "ReviewExportIn",
    "ReviewExportInFormat",
    "ReviewOut",
    "ReviewReportsReviewGetFormat",
    "ReviewUnitOut",
    "ReviewUnitOutUnitsByLevel",
    "SectionOut",
    "TargetProgress",
    "TargetReached",
    "Targets",
    "UnitFigures",
    "UnitFiguresFees",
    "UnitFiguresRoles",
    "UnitFiguresUnitsByLevel",
    "UnitFunds",
    "UnitFundsReport",
    "UnitMembershipReport",
    "UnitRowOut",
)
