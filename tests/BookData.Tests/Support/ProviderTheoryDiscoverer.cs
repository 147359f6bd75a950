using Xunit.Abstractions;
using Xunit.Sdk;

namespace BookData.Tests.Support;

/// <summary>Discovers <see cref="ProviderTheoryAttribute"/> tests: skipped when PostgreSQL is needed and absent.</summary>
public sealed class ProviderTheoryDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly TheoryDiscoverer inner = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var skipped = ProviderTestCases.SkipIfUnavailable(diagnosticMessageSink, discoveryOptions, testMethod);
        return skipped is null ? inner.Discover(discoveryOptions, testMethod, factAttribute) : [skipped];
    }
}
