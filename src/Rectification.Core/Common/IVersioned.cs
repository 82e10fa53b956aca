namespace Rectification.Core.Common;

/// <summary>
/// An entity edited by several people at once. <see cref="Version"/> is an optimistic concurrency token
/// that <c>RectificationDbContext</c> increments on every update, the same way on every database provider.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
