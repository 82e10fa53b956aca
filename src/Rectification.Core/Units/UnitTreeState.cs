namespace Rectification.Core.Units;

/// <summary>
/// One row: a number that moves, in the same transaction, with every change of a unit. Each instance keeps the unit
/// tree in memory (<see cref="UnitDirectory"/>) under the revision it loaded, and reads the current revision along
/// with every signed-in request's session check, so a change on any instance shows on every instance at its next request.
/// </summary>
public class UnitTreeState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Revision { get; set; }
}
