using LoRaFuota.Campaigns;
using LoRaFuota.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Hosting.Tests;

public sealed class ServiceCollectionTests
{
    [Fact]
    public void AddLoRaFuota_RegistersAFactoryThatWiresTheRegisteredTransportAndClock()
    {
        using var bench = new RunnerBench(devices: 1);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(bench.Time);
        services.AddSingleton<IFuotaTransport>(bench.Server);
        services.AddLoRaFuota(o => o.TransportTimeout = TimeSpan.FromSeconds(5));
        using ServiceProvider provider = services.BuildServiceProvider();

        FuotaCampaignRunner runner = provider.GetRequiredService<IFuotaCampaignRunnerFactory>().Create(bench.Campaign);

        Assert.Same(bench.Campaign, runner.Campaign);
        Assert.Same(bench.Time, provider.GetRequiredService<TimeProvider>()); // a registered clock is kept
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<FuotaRunnerOptions>>().Value.TransportTimeout);
        Assert.NotNull(provider.GetRequiredService<FuotaMetrics>());
    }

    [Fact]
    public void AddLoRaFuota_WithoutAClock_UsesTheSystemClock()
    {
        using ServiceProvider provider = new ServiceCollection().AddLoRaFuota().BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddLoRaFuota_InvalidOptions_FailValidation()
    {
        using ServiceProvider provider = new ServiceCollection().AddLoRaFuota(o => o.UplinkBufferCapacity = 0).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FuotaRunnerOptions>>().Value);

        Assert.Contains("UplinkBufferCapacity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithoutATransport_SaysWhatToRegister()
    {
        using var bench = new RunnerBench(devices: 1);
        using ServiceProvider provider = new ServiceCollection().AddLoRaFuota().BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IFuotaCampaignRunnerFactory>().Create(bench.Campaign));

        Assert.Contains("IFuotaTransport", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLoRaFuota_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddLoRaFuota());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddLoRaFuota(null!));
    }
}
