namespace Rectification.Web.Infrastructure;

/// <summary>
/// An edit form of a record saved with a version: after a stale save it shows what is saved now (<see cref="Current"/>)
/// beside what the user typed, and carries the version saved now, so that saving again is a deliberate overwrite.
/// </summary>
public interface IConflictForm<TInput>
    where TInput : class
{
    int Version { get; set; }

    TInput? Current { get; set; }
}
