using Rectification.Core.Accounts;
using Rectification.Core.Scoping;

namespace Rectification.Core.Mechanisms;

/// <summary>
/// Who registers 长效机制: the inspection office, and a unit's head for the documents their unit (or a unit under it)
/// issued. Everyone who can see a mechanism reads it; scope decides who can see it (the query filter).
/// </summary>
public static class MechanismPermissions
{
    public static bool MayRegister(UserScope scope) => scope.HasRole(Roles.InspectionOffice) || scope.HasRole(Roles.UnitHead);

    /// <summary>Register or change a mechanism issued by the unit at <paramref name="issuingUnitPath"/>.</summary>
    public static bool MayRegisterFor(UserScope scope, string issuingUnitPath) => MayRegister(scope) && scope.Covers(issuingUnitPath);
}
