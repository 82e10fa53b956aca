namespace Rectification.Web.Infrastructure;

/// <summary>
/// Which record an action's id names, so that a refusal of it is recorded against that record
/// (<see cref="AuditDeniedAccessFilter"/>). On a controller it holds for every action; on an action it wins over the
/// controller's for the same parameter. <see cref="Parameter"/> is the name the id arrives under — an action parameter,
/// or a field of a bound model (route, query or form). Every id-taking action must have one (DeniedAccessAuditTests).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class AuditTargetAttribute(Type entity, string parameter = "id") : Attribute
{
    public Type Entity { get; } = entity;

    public string Parameter { get; } = parameter;
}
