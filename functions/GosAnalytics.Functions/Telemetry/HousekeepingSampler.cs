using OpenTelemetry.Trace;

namespace GosAnalytics.Functions.Telemetry;

/// <summary>
/// Records every span of a function invocation, and leaves out storage operations that belong to none: a storage span without a
/// parent is the host's own housekeeping — the local host's queue polling every 100 ms to 2 s, its message leases and deletions, its
/// run reporter's progress reads — which would otherwise make up most traces of an idle host. Everything else follows its parent, as
/// the SDK's default sampler does.
/// </summary>
internal sealed class HousekeepingSampler : Sampler
{
    /// <summary>The tag every Azure SDK span is started with (e.g. <c>Microsoft.Storage</c>).</summary>
    private const string AzureNamespaceTag = "az.namespace";

    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private readonly Sampler others = new ParentBasedSampler(new AlwaysOnSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId == default && samplingParameters.Tags is { } tags && tags.Any(tag => tag.Key == AzureNamespaceTag))
        {
            return Drop;
        }

        return others.ShouldSample(samplingParameters);
    }
}
