""" Contains all the data models used in inputs/outputs """

from .attendance_in import AttendanceIn
from .attendance_out import AttendanceOut
from .attendance_recorded_out import AttendanceRecordedOut
from .consent_in import ConsentIn
from .consent_out import ConsentOut
from .consent_recorded_out import ConsentRecordedOut
from .consent_withdrawn_out import ConsentWithdrawnOut
from .course_in import CourseIn
from .course_in_kind import CourseInKind
from .course_out import CourseOut
from .course_out_kind import CourseOutKind
from .course_taken_out import CourseTakenOut
from .course_taken_out_kind import CourseTakenOutKind
from .current_membership_out import CurrentMembershipOut
from .current_membership_out_fee_status_type_0 import CurrentMembershipOutFeeStatusType0
from .current_membership_out_status import CurrentMembershipOutStatus
from .death_in import DeathIn
from .dissolve_in import DissolveIn
from .erasure_out import ErasureOut
from .error_out import ErrorOut
from .fee_in import FeeIn
from .fee_in_fee_status import FeeInFeeStatus
from .fee_out import FeeOut
from .fee_out_fee_status import FeeOutFeeStatus
from .field_error_out import FieldErrorOut
from .group_in import GroupIn
from .group_in_type import GroupInType
from .group_leave_in import GroupLeaveIn
from .group_left_out import GroupLeftOut
from .group_member_in import GroupMemberIn
from .group_member_out import GroupMemberOut
from .group_membership_out import GroupMembershipOut
from .group_out import GroupOut
from .group_out_type import GroupOutType
from .held_role_out import HeldRoleOut
from .hours_in import HoursIn
from .hours_out import HoursOut
from .import_in import ImportIn
from .import_in_rows_item import ImportInRowsItem
from .import_out import ImportOut
from .import_row_out import ImportRowOut
from .import_row_out_status import ImportRowOutStatus
from .list_people_people_get_fee_status_type_0 import ListPeoplePeopleGetFeeStatusType0
from .list_people_people_get_status_type_0 import ListPeoplePeopleGetStatusType0
from .live_out import LiveOut
from .membership_in import MembershipIn
from .membership_in_fee_status import MembershipInFeeStatus
from .membership_out import MembershipOut
from .membership_out_fees import MembershipOutFees
from .membership_out_fees_additional_property import MembershipOutFeesAdditionalProperty
from .membership_out_status import MembershipOutStatus
from .membership_period_out import MembershipPeriodOut
from .membership_period_out_status import MembershipPeriodOutStatus
from .membership_started_out import MembershipStartedOut
from .membership_started_out_status import MembershipStartedOutStatus
from .merge_in import MergeIn
from .move_in import MoveIn
from .people_page_out import PeoplePageOut
from .person_in import PersonIn
from .person_in_gender_type_0 import PersonInGenderType0
from .person_out import PersonOut
from .person_out_gender_type_0 import PersonOutGenderType0
from .person_patch import PersonPatch
from .person_patch_gender_type_0 import PersonPatchGenderType0
from .person_summary_out import PersonSummaryOut
from .person_summary_out_gender_type_0 import PersonSummaryOutGenderType0
from .ready_out import ReadyOut
from .ready_out_checks import ReadyOutChecks
from .rename_in import RenameIn
from .role_assigned_out import RoleAssignedOut
from .role_end_in import RoleEndIn
from .role_ended_out import RoleEndedOut
from .role_in import RoleIn
from .role_out import RoleOut
from .stats_out import StatsOut
from .status_in import StatusIn
from .status_in_status import StatusInStatus
from .training_in import TrainingIn
from .training_in_kind import TrainingInKind
from .training_out import TrainingOut
from .training_out_kind import TrainingOutKind
from .training_recorded_out import TrainingRecordedOut
from .training_recorded_out_kind import TrainingRecordedOutKind
from .transfer_in import TransferIn
from .transfer_out import TransferOut
from .unit_batch_in import UnitBatchIn
from .unit_batch_item import UnitBatchItem
from .unit_batch_out import UnitBatchOut
from .unit_batch_result_out import UnitBatchResultOut
from .unit_batch_result_out_status import UnitBatchResultOutStatus
from .unit_children_out import UnitChildrenOut
from .unit_history_out import UnitHistoryOut
from .unit_history_out_end_reason_type_0 import UnitHistoryOutEndReasonType0
from .unit_in import UnitIn
from .unit_list_item_out import UnitListItemOut
from .unit_out import UnitOut
from .unit_out_end_reason_type_0 import UnitOutEndReasonType0
from .unit_ref_out import UnitRefOut
from .unit_version_out import UnitVersionOut
from .units_page_out import UnitsPageOut
from .withdraw_in import WithdrawIn

__all__ = (
    "AttendanceIn",
    "AttendanceOut",
    "AttendanceRecordedOut",
    "ConsentIn",
    "ConsentOut",
    "ConsentRecordedOut",
    "ConsentWithdrawnOut",
    "CourseIn",
    "CourseInKind",
    "CourseOut",
    "CourseOutKind",
    "CourseTakenOut",
    "CourseTakenOutKind",
    "CurrentMembershipOut",
    "CurrentMembershipOutFeeStatusType0",
    "CurrentMembershipOutStatus",
    "DeathIn",
    "DissolveIn",
    "ErasureOut",
    "ErrorOut",
    "FeeIn",
    "FeeInFeeStatus",
    "FeeOut",
    "FeeOutFeeStatus",
    "FieldErrorOut",
    "GroupIn",
    "GroupInType",
    "GroupLeaveIn",
    "GroupLeftOut",
    "GroupMemberIn",
    "GroupMemberOut",
    "GroupMembershipOut",
    "GroupOut",
    "GroupOutType",
    "HeldRoleOut",
    "HoursIn",
    "HoursOut",
    "ImportIn",
    "ImportInRowsItem",
    "ImportOut",
    "ImportRowOut",
    "ImportRowOutStatus",
    "ListPeoplePeopleGetFeeStatusType0",
    "ListPeoplePeopleGetStatusType0",
    "LiveOut",
    "MembershipIn",
    "MembershipInFeeStatus",
    "MembershipOut",
    "MembershipOutFees",
    "MembershipOutFeesAdditionalProperty",
    "MembershipOutStatus",
    "MembershipPeriodOut",
    "MembershipPeriodOutStatus",
    "MembershipStartedOut",
    "MembershipStartedOutStatus",
    "MergeIn",
    "MoveIn",
    "PeoplePageOut",
    "PersonIn",
    "PersonInGenderType0",
    "PersonOut",
    "PersonOutGenderType0",
    "PersonPatch",
    "PersonPatchGenderType0",
    "PersonSummaryOut",
    "PersonSummaryOutGenderType0",
    "ReadyOut",
    "ReadyOutChecks",
    "RenameIn",
    "RoleAssignedOut",
    "RoleEndedOut",
    "RoleEndIn",
    "RoleIn",
    "RoleOut",
    "StatsOut",
    "StatusIn",
    "StatusInStatus",
    "TrainingIn",
    "TrainingInKind",
    "TrainingOut",
    "TrainingOutKind",
    "TrainingRecordedOut",
    "TrainingRecordedOutKind",
    "TransferIn",
    "TransferOut",
    "UnitBatchIn",
    "UnitBatchItem",
    "UnitBatchOut",
    "UnitBatchResultOut",
    "UnitBatchResultOutStatus",
    "UnitChildrenOut",
    "UnitHistoryOut",
    "UnitHistoryOutEndReasonType0",
    "UnitIn",
    "UnitListItemOut",
    "UnitOut",
    "UnitOutEndReasonType0",
    "UnitRefOut",
    "UnitsPageOut",
    "UnitVersionOut",
    "WithdrawIn",
)
