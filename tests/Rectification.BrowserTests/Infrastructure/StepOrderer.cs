using Xunit.Abstractions;
using Xunit.Sdk;

namespace Rectification.BrowserTests.Infrastructure;

/// <summary>The place of a test in its journey: a class ordered by <see cref="StepOrderer"/> runs its tests by it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>
/// Runs a journey's tests in the order of their <see cref="StepAttribute"/>, so each finds the finding in the state
/// its step left (tests without a number last). A test run alone still works: it runs the steps before its own.
/// </summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Rectification.BrowserTests.Infrastructure.StepOrderer";

    public const string AssemblyName = "Rectification.BrowserTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(test => test.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName)
                .Select(a => a.GetConstructorArguments().OfType<int>().First())
                .DefaultIfEmpty(int.MaxValue)
                .First())
            .ThenBy(test => test.TestMethod.Method.Name, StringComparer.Ordinal);
}
