using Rectification.Core.Accounts;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Units;

namespace Rectification.Core.Text;

/// <summary>
/// The Chinese name of every value the user sees. Names double as resource keys: the web layer passes them
/// through its localiser, which gives the English text when the user has chosen English.
/// </summary>
public static class EnumNames
{
    public static string Of(FindingStatus status) => status switch
    {
        FindingStatus.Draft => "草稿",
        FindingStatus.Assigned => "已交办",
        FindingStatus.InProgress => "整改中",
        FindingStatus.Submitted => "待审核",
        FindingStatus.Returned => "已退回",
        FindingStatus.Closed => "已销号",
        FindingStatus.Reopened => "回头看",
        _ => status.ToString(),
    };

    public static string Of(FindingKind kind) => kind switch
    {
        FindingKind.Immediate => "立行立改",
        FindingKind.ByDeadline => "限期整改",
        FindingKind.LongTerm => "长期坚持",
        _ => kind.ToString(),
    };

    public static string Of(FindingAction action) => action switch
    {
        FindingAction.Assign => "交办",
        FindingAction.Claim => "认领",
        FindingAction.Start => "继续整改",
        FindingAction.Submit => "申请销号",
        FindingAction.Approve => "审核销号",
        FindingAction.Return => "退回",
        FindingAction.Reopen => "重新打开(回头看)",
        FindingAction.ReopenAfterFollowUp => "回头看不通过,重新整改",
        _ => action.ToString(),
    };

    public static string Of(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Due => "待回头看",
        FollowUpStatus.Answered => "已提交",
        FollowUpStatus.Accepted => "已通过",
        FollowUpStatus.Reopened => "已重开",
        _ => status.ToString(),
    };

    public static string Of(FollowUpInterval interval) => interval switch
    {
        FollowUpInterval.Monthly => "每月",
        FollowUpInterval.Quarterly => "每季度",
        FollowUpInterval.HalfYearly => "每半年",
        FollowUpInterval.Yearly => "每年",
        _ => interval.ToString(),
    };

    public static string Of(FindingEventKind kind) => kind switch
    {
        FindingEventKind.Created => "登记问题",
        FindingEventKind.Edited => "修改问题",
        FindingEventKind.ProgressUpdated => "更新整改进展",
        FindingEventKind.Assigned => "交办",
        FindingEventKind.Claimed => "认领",
        FindingEventKind.Started => "继续整改",
        FindingEventKind.Submitted => "申请销号",
        FindingEventKind.Approved => "审核销号",
        FindingEventKind.Returned => "退回",
        FindingEventKind.Reopened => "重新打开(回头看)",
        FindingEventKind.EvidenceAdded => "上传佐证材料",
        FindingEventKind.EvidenceVersionAdded => "上传佐证材料新版本",
        FindingEventKind.EvidenceDeleted => "删除佐证材料",
        FindingEventKind.EvidenceAccepted => "佐证材料审核通过",
        FindingEventKind.EvidenceRejected => "佐证材料审核不通过",
        FindingEventKind.ExtensionRequested => "申请延期",
        FindingEventKind.ExtensionApproved => "批准延期",
        FindingEventKind.ExtensionRejected => "驳回延期申请",
        FindingEventKind.Urged => "督办",
        FindingEventKind.UrgeAcknowledged => "签收督办",
        FindingEventKind.FollowUpAnswered => "反馈回头看情况",
        FindingEventKind.FollowUpAccepted => "回头看通过",
        _ => kind.ToString(),
    };

    public static string Of(VerificationMethod method) => method switch
    {
        VerificationMethod.DocumentReview => "查阅资料",
        VerificationMethod.OnSiteCheck => "现场查验",
        _ => method.ToString(),
    };

    public static string Of(Visits.VisitOutcome outcome) => outcome switch
    {
        Visits.VisitOutcome.InPlace => "整改到位",
        Visits.VisitOutcome.NotInPlace => "整改不到位",
        _ => outcome.ToString(),
    };

    public static string Of(Evidence.EvidenceReview review) => review switch
    {
        Evidence.EvidenceReview.Pending => "待审核",
        Evidence.EvidenceReview.Accepted => "审核通过",
        Evidence.EvidenceReview.Rejected => "审核不通过",
        _ => review.ToString(),
    };

    public static string Of(Reports.ReportCommentStatus status) => status switch
    {
        Reports.ReportCommentStatus.New => "待处理",
        Reports.ReportCommentStatus.Handled => "已处理",
        _ => status.ToString(),
    };

    public static string Of(Extensions.ExtensionStatus status) => status switch
    {
        Extensions.ExtensionStatus.Pending => "待审批",
        Extensions.ExtensionStatus.Approved => "已批准",
        Extensions.ExtensionStatus.Rejected => "已驳回",
        _ => status.ToString(),
    };

    public static string Of(Notifications.NotificationKind kind) => kind switch
    {
        Notifications.NotificationKind.Assigned => "新交办的问题",
        Notifications.NotificationKind.DueSoon => "问题即将到期",
        Notifications.NotificationKind.DeadlineReached => "问题今天到期",
        Notifications.NotificationKind.Overdue => "问题已超期",
        Notifications.NotificationKind.Returned => "问题被退回",
        Notifications.NotificationKind.Approved => "问题已销号",
        Notifications.NotificationKind.Urged => "督办通知",
        Notifications.NotificationKind.ExtensionApproved => "延期申请已批准",
        Notifications.NotificationKind.ExtensionRejected => "延期申请被驳回",
        Notifications.NotificationKind.SubmittedForReview => "问题申请销号",
        Notifications.NotificationKind.FollowUpDue => "回头看即将到期",
        Notifications.NotificationKind.FollowUpLapsed => "逾期未回头看",
        Notifications.NotificationKind.FollowUpAnswered => "回头看已反馈",
        Notifications.NotificationKind.MeasureOverdue => "整改措施已超期",
        _ => kind.ToString(),
    };

    public static string Of(Light light) => light switch
    {
        Light.Green => "绿灯(正常推进)",
        Light.Yellow => "黄灯(即将到期)",
        Light.Red => "红灯(已超期)",
        Light.Blue => "蓝灯(长期坚持)",
        Light.ClosedOnTime => "按期销号",
        Light.ClosedLate => "超期销号",
        _ => "未设时限",
    };

    public static string Of(InspectionStatus status) => status switch
    {
        InspectionStatus.Inspecting => "巡察中",
        InspectionStatus.Rectifying => "整改中",
        InspectionStatus.Completed => "整改完成",
        _ => status.ToString(),
    };

    public static string Of(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.PartyCommittee => "党委",
        OrgUnitKind.Bureau => "局(委、办)",
        OrgUnitKind.Department => "科室",
        OrgUnitKind.TownshipEducationOffice => "镇街教办",
        OrgUnitKind.School => "学校",
        _ => "其他",
    };

    public static string OfRole(string role) => role switch
    {
        Roles.Admin => "系统管理员",
        Roles.InspectionOffice => "巡察办(纪检)",
        Roles.Leader => "领导",
        Roles.UnitHead => "单位负责人",
        Roles.UnitStaff => "单位联络员",
        _ => role,
    };
}
