using Microsoft.Extensions.Options;

namespace LoRaFuota.Hosting;

/// <summary>Checks <see cref="FuotaRunnerOptions"/>: its data annotations (source-generated) and the timeout's range.</summary>
internal sealed class FuotaRunnerOptionsValidator : IValidateOptions<FuotaRunnerOptions>
{
    private static readonly TimeSpan s_longestTimeout = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, FuotaRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(new FuotaRunnerOptionsAnnotations().Validate(name, options));
        if (options.TransportTimeout <= TimeSpan.Zero || options.TransportTimeout > s_longestTimeout)
        {
            builder.AddError("must be above zero and at most one hour", nameof(FuotaRunnerOptions.TransportTimeout));
        }

        return builder.Build();
    }
}

/// <summary>The data annotations of <see cref="FuotaRunnerOptions"/>, checked by generated code (no reflection).</summary>
[OptionsValidator]
internal sealed partial class FuotaRunnerOptionsAnnotations : IValidateOptions<FuotaRunnerOptions>;
