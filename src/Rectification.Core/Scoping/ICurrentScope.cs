namespace Rectification.Core.Scoping;

/// <summary>Gives the scope of whoever the current unit of work runs for (a web request, a job, a test).</summary>
public interface ICurrentScope
{
    UserScope Scope { get; }
}

/// <summary>A fixed scope, for background work, seeding and tools.</summary>
public sealed class FixedScope(UserScope scope) : ICurrentScope
{
    public UserScope Scope { get; } = scope;
}
