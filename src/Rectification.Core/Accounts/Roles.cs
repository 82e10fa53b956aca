namespace Rectification.Core.Accounts;

/// <summary>The five roles of DESIGN.md. Role names are stored in the database; do not rename.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string InspectionOffice = "InspectionOffice";
    public const string Leader = "Leader";
    public const string UnitHead = "UnitHead";
    public const string UnitStaff = "UnitStaff";

    public static readonly IReadOnlyList<string> All = [Admin, InspectionOffice, Leader, UnitHead, UnitStaff];

    /// <summary>The fixed id each role has in every database (seeded with the migrations).</summary>
    public static string IdOf(string role) => "role-" + role.ToLowerInvariant();
}
