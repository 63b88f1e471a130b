using LoRaFuota.Hosting;

namespace LoRaFuota.Transport;

/// <summary>Turns an adapter's refusal (its API or connection exception) into the runner's <see cref="FuotaTransportException"/>, which the campaign records as a network-server error.</summary>
internal static class TransportRefusal
{
    public static async Task<T> Translate<T>(Func<Task<T>> call, Func<Exception, bool> isRefusal)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (isRefusal(ex))
        {
            throw new FuotaTransportException(ex.Message, ex);
        }
    }

    public static Task Translate(Func<Task> call, Func<Exception, bool> isRefusal) => Translate(
        async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        },
        isRefusal);
}
