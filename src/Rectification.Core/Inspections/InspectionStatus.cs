namespace Rectification.Core.Inspections;

public enum InspectionStatus
{
    /// <summary>巡察中: the team is on site, findings are being drafted.</summary>
    Inspecting = 0,

    /// <summary>整改中: feedback given, rectification under way.</summary>
    Rectifying = 1,

    /// <summary>整改完成: the rectification period is over and the report can be published.</summary>
    Completed = 2,
}
