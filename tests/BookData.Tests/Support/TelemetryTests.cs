namespace BookData.Tests.Support;

/// <summary>
/// Tests that listen to BookData's process-wide ActivitySource and Meter run in this collection,
/// alone, so no other test's operations reach their listeners and no listener slows other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTests
{
    public const string Name = "Telemetry";
}
