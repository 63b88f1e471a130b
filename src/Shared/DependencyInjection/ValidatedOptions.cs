using Microsoft.Extensions.Options;

namespace LoRaFuota.DependencyInjection;

/// <summary>Runs an options class's own <c>Validate()</c> for the options system, so a bad setting stops the host at start with the same message.</summary>
internal sealed class ValidatedOptions<T>(Action<T> validate) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
